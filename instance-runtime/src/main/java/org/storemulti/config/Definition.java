package org.storemulti.config;

/**
 * One {@code name = value} logical line of a main.cf: the raw (unexpanded) value with
 * continuation lines joined by a single space, and the physical lines it spans
 * (1-based, inclusive).
 */
record Definition(String name, String value, int firstLine, int lastLine) {
}
