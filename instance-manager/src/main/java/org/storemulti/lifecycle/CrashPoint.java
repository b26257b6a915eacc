package org.storemulti.lifecycle;

/**
 * Fault injection for crash tests: with {@code -Dstoremulti.crash=STEP} the JVM halts
 * (as if killed) right after the action reaches STEP. Steps: {@code directories},
 * {@code main.cf}, {@code registered}, {@code queue-removed}, {@code deregistered}.
 */
final class CrashPoint {

    private CrashPoint() {
    }

    static void reached(String step) {
        if (step.equals(System.getProperty("storemulti.crash"))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
