package org.storemulti.admin;

/** A quota in kilobytes as typed on a command line or in a bulk file: a whole number, 0 or more. */
record Kilobytes(long value) {

    static Kilobytes parse(String what, String text) {
        if (text == null || !text.matches("[0-9]{1,15}")) {
            throw new AdminException("invalid " + what + " \"" + text + "\": expected kilobytes as a whole number");
        }
        return new Kilobytes(Long.parseLong(text));
    }
}
