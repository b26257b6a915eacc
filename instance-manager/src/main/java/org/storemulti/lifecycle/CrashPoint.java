package org.storemulti.lifecycle;

/**
 * Fault injection for crash tests: with {@code -Dstoremulti.crash=STEP} the JVM halts
 * (as if killed) right after the action reaches STEP. Steps: {@code directories},
 * {@code main.cf}, {@code registered}, {@code queue-removed}, {@code deregistered}; a user move's
 * {@code move-STEP} ({@code org.storemulti.move}).
 */
public final class CrashPoint {

    private CrashPoint() {
    }

    /** Halts the JVM with status 137 when {@code step} is the one {@code storemulti.crash} names. */
    public static void reached(String step) {
        if (step.equals(System.getProperty("storemulti.crash"))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
