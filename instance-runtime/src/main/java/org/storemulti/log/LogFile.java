package org.storemulti.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.storemulti.fs.FileModes;

/**
 * {@code daemon_log_file} as a detached daemon writes it: each line appended (one write
 * each, so lines of several threads never mix) and preceded by the local time with its
 * offset, {@code 2026-12-07T18:03:12.345+01:00 store-a/queue[812]: info: ...}. A missing
 * file is created 0600. {@link #reopen} starts a new file at the same path, after logrotate
 * renamed the old one; the old one gets no line after that.
 */
public final class LogFile implements LogSink {

    /** Fixed width, so the columns after it line up. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private final Path path;
    private final Clock clock;
    private FileChannel channel;

    private LogFile(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    /** Opens (or creates, mode 0600) {@code path} for appending; {@code clock} dates the lines. */
    public static LogFile open(Path path, Clock clock) throws IOException {
        LogFile file = new LogFile(path, clock);
        file.channel = open(path);
        return file;
    }

    private static FileChannel open(Path path) throws IOException {
        return FileModes.openOrCreate(path, FileModes.PRIVATE_FILE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void line(DaemonLog.Level level, String line) {
        String stamped = STAMP.format(OffsetDateTime.now(clock)) + " " + line + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(stamped.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // a full disk must not stop the daemon; the line goes where the JVM's own output goes
            System.err.println(line + " (" + path + ": " + e.getMessage() + ")");
        }
    }

    /** Closes the file and opens {@code path} again: a new, empty file once logrotate renamed the old one. */
    @Override
    public synchronized void reopen() throws IOException {
        FileChannel fresh = open(path);
        FileChannel old = channel;
        channel = fresh;
        old.close();
    }

    /** The file this sink writes. */
    public Path path() {
        return path;
    }
}
