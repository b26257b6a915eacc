package org.storemulti.lmtp;

/**
 * One LMTP reply: the three-digit code, the RFC 3463 enhanced status code and the text,
 * e.g. {@code 550 5.1.1 <joe@example.com>: no such user}.
 */
public record Reply(int code, String enhanced, String text) {

    public static final Reply OK = new Reply(250, "2.0.0", "Ok");

    /** A 250 with its enhanced code and text. */
    public static Reply ok(String enhanced, String text) {
        return new Reply(250, enhanced, text);
    }

    public boolean positive() {
        return code < 400;
    }

    /** Whether a failure is temporary (4xx: the client should retry). */
    public boolean temporary() {
        return code >= 400 && code < 500;
    }

    /** The reply as sent on the wire, without the line ending. */
    public String line() {
        return code + " " + enhanced + " " + text;
    }
}
