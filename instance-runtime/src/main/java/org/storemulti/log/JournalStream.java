package org.storemulti.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a stream is connected to the journal, as systemd.exec(5) says to find out: systemd
 * sets {@code $JOURNAL_STREAM} to the device and inode numbers of the journal connection,
 * in decimal, {@code DEVICE:INODE}; the stream is the journal's only while its file
 * descriptor still has those numbers (a child that redirected its standard error keeps
 * the variable but not the connection).
 */
public final class JournalStream {

    /** The variable systemd sets. */
    public static final String VARIABLE = "JOURNAL_STREAM";

    private JournalStream() {
    }

    /**
     * Whether {@code stream} (a file descriptor's {@code /proc/self/fd/N}, or any path) has the
     * device and inode {@code value} names; false when the variable is unset or malformed or
     * the stream cannot be examined.
     */
    public static boolean connected(String value, Path stream) {
        if (value == null || !value.matches("[0-9]+:[0-9]+")) {
            return false;
        }
        int colon = value.indexOf(':');
        try {
            Map<String, Object> ids = Files.readAttributes(stream, "unix:dev,ino");
            return number(ids, "dev") == Long.parseUnsignedLong(value.substring(0, colon))
                    && number(ids, "ino") == Long.parseUnsignedLong(value.substring(colon + 1));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return false; // no such descriptor, or no unix view: not the journal
        }
    }

    /** Whether this process's standard error is the journal, by {@code $JOURNAL_STREAM} in {@code environment}. */
    public static boolean isStandardError(Map<String, String> environment) {
        return connected(environment.get(VARIABLE), LogSink.STDERR);
    }

    /** {@code DEVICE:INODE} of {@code file}, as systemd would set it for a stream connected to it. */
    public static String of(Path file) throws IOException {
        Map<String, Object> ids = Files.readAttributes(file, "unix:dev,ino");
        return Long.toUnsignedString(number(ids, "dev")) + ":" + Long.toUnsignedString(number(ids, "ino"));
    }

    /** An attribute as a number (the JDK's view gives longs; others may give ints). */
    private static long number(Map<String, Object> attributes, String name) {
        return ((Number) attributes.get(name)).longValue();
    }
}
