package org.storemulti.control;

/** One thing {@code storectl check} found wrong: what and where, and what to do about it. */
record Problem(String what, String todo) {

    /** {@code WHAT: TODO}, the line check prints. */
    public String line() {
        return what + ": " + todo;
    }
}
