package org.storemulti.imap.parse;

import java.util.Optional;

/**
 * A command that cannot be run as written: {@code BAD} for a syntax error, {@code NO} for
 * an argument that is well-formed but refused (an invalid mailbox name, an unknown
 * charset), with an optional response code such as {@code BADCHARSET (UTF-8 US-ASCII)}.
 * The message is the response text: what was expected, where, and what was found.
 */
public final class ParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether the command is malformed (BAD) or refused (NO). */
    public enum Status { BAD, NO }

    private final Status status;
    private final String code;
    private final String tag;
    private final String command;

    ParseException(String message) {
        this(Status.BAD, null, message);
    }

    ParseException(Status status, String code, String message) {
        this(status, code, message, null, null);
    }

    private ParseException(Status status, String code, String message, String tag, String command) {
        super(message);
        this.status = status;
        this.code = code;
        this.tag = tag;
        this.command = command;
    }

    /** This failure, told about the tag and command name it occurred in (either may be null). */
    ParseException in(String tag, String command) {
        return new ParseException(status, code, getMessage(), tag, command);
    }

    /** The command's tag, when it could be read: the response to send is tagged. */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** The command's name, when it could be read. */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    public Status status() {
        return status;
    }

    /** The response code without brackets, e.g. {@code BADCHARSET (UTF-8)}. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
