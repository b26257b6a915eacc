package org.storemulti.config;

/**
 * The values a numeric parameter accepts, both ends included: a whole number, or a time in
 * seconds. Every {@link ParameterType#INTEGER} and {@link ParameterType#TIME} parameter has
 * one in the {@link ParameterRegistry}, so a value the code cannot hold (a {@code long} that
 * overflows, a session limit that an {@code int} would truncate) is refused with its
 * {@code main.cf:LINE} before any service reads it.
 */
record Range(long min, long max) {

    public Range {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** What a value must be, for an error line: {@code from 1 to 10000}, {@code from 1s to 86400s}. */
    String expectation(ParameterType type) {
        String unit = type == ParameterType.TIME ? "s" : "";
        return "out of range: expected from " + min + unit + " to " + max + unit;
    }
}
