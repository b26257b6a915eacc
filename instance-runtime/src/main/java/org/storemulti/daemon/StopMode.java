package org.storemulti.daemon;

import java.util.Locale;

/** How a service or the daemon stops. */
public enum StopMode {
    /** Stop accepting work, finish in-flight work within {@code daemon_stop_timeout}. */
    GRACEFUL,
    /** Stop accepting work and drop in-flight sessions at once. */
    QUICK;

    /** The protocol word: {@code graceful} or {@code quick}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a protocol word names. */
    public static StopMode of(String word) {
        for (StopMode mode : values()) {
            if (mode.word().equals(word)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown stop mode '" + word + "': expected graceful or quick");
    }
}
