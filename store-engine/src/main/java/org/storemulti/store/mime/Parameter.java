package org.storemulti.store.mime;

/** A {@code name=value} parameter of Content-Type or Content-Disposition, unquoted, RFC 2231 names kept raw. */
public record Parameter(String name, String value) {
}
