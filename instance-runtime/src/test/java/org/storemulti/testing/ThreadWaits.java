package org.storemulti.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Waiting until code under test has reached a wait of its own, seen from its thread's stack. */
public final class ThreadWaits {

    private ThreadWaits() {
    }

    /**
     * Waits (10 s at most) until some thread of this JVM is parked inside {@code method}
     * ({@code Class.method}): the request it handles has arrived and waits.
     */
    public static void awaitThreadWaitingIn(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                boolean parked = e.getKey().getState() == Thread.State.TIMED_WAITING
                        || e.getKey().getState() == Thread.State.WAITING;
                if (parked && Arrays.stream(e.getValue())
                        .anyMatch(f -> (f.getClassName() + "." + f.getMethodName()).equals(method))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no thread waits in " + method + " within 10 s");
    }
}
