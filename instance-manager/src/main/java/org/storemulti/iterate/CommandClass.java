package org.storemulti.iterate;

import org.storemulti.config.InstanceConfig;

/** How a storectl command treats disabled instances and ordering, from the primary's {@code storemulti_*_commands}. */
enum CommandClass {
    /** Every selected instance, forward; disabled ones get {@code check} instead. */
    START,
    /** Enabled instances only, reverse order. */
    STOP,
    /** Enabled instances only, forward. */
    CONTROL,
    /** Every selected instance, forward. */
    OTHER;

    /** The class of {@code word}; first match wins in the order start, stop, control. */
    public static CommandClass of(String word, InstanceConfig primary) {
        if (primary.list("storemulti_start_commands").contains(word)) {
            return START;
        }
        if (primary.list("storemulti_stop_commands").contains(word)) {
            return STOP;
        }
        if (primary.list("storemulti_control_commands").contains(word)) {
            return CONTROL;
        }
        return OTHER;
    }
}
