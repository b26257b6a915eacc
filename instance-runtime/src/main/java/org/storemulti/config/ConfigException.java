package org.storemulti.config;

/**
 * A configuration problem, with its place in the message ({@code /etc/store/main.cf:12: ...})
 * so a command can print it as its one error line.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at {@code file:line}. */
    public static ConfigException at(Object file, int line, String what) {
        return new ConfigException(file + ":" + line + ": " + what);
    }
}
