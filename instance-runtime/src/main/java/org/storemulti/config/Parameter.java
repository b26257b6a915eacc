package org.storemulti.config;

import java.util.Optional;

/**
 * One known main.cf parameter: its name, its default as an unexpanded expression (it may
 * refer to other parameters, as {@code $queue_directory/private/lmtp} does), its type, the
 * range of a numeric parameter (null for others) and a one-line description for
 * {@code storeconf} and the documentation.
 */
public record Parameter(String name, String defaultValue, ParameterType type, Range range, String description) {

    public Parameter {
        boolean numeric = type == ParameterType.INTEGER || type == ParameterType.TIME;
        if (numeric != (range != null)) {
            throw new IllegalArgumentException(name + ": a numeric parameter needs a range, and only it");
        }
    }

    /** The range of a numeric parameter. */
    public Optional<Range> numericRange() {
        return Optional.ofNullable(range);
    }
}
