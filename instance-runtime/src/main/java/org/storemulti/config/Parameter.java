package org.storemulti.config;

/**
 * One known main.cf parameter: its name, its default as an unexpanded expression (it may
 * refer to other parameters, as {@code $queue_directory/private/lmtp} does), its type and
 * a one-line description for {@code storeconf} and the documentation.
 */
public record Parameter(String name, String defaultValue, ParameterType type, String description) {
}
