package org.storemulti.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/** Spool directories for the tests, on jimfs and on the real file system. */
final class SpoolFixtures {

    /** The mailboxes' times: mail arrived after it was last read, so {@code [ -N ]} says "new mail". */
    static final FileTime MODIFIED = FileTime.from(Instant.parse("2026-12-07T10:00:00.123456789Z"));
    static final FileTime ACCESSED = FileTime.from(Instant.parse("2026-12-07T09:00:00.987654321Z"));

    private static final FileSystem JIMFS = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SpoolFixtures() {
    }

    static Stream<Arguments> both(Path realTemp) throws IOException {
        int n = COUNTER.incrementAndGet();
        return Stream.of(Arguments.of("jimfs", Files.createDirectories(JIMFS.getPath("/t" + n))),
                Arguments.of("real", Files.createDirectories(realTemp.resolve("t" + n))));
    }

    /** {@code dir/spool} with mailboxes {@code joe} and {@code ann}, two messages each. */
    static Path spool(Path dir) throws IOException {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        mailbox(spool, "joe", "hello joe");
        mailbox(spool, "ann", "hello ann");
        return spool;
    }

    static Path mailbox(Path spool, String name, String subject) throws IOException {
        Path mailbox = spool.resolve(name);
        Files.writeString(mailbox, message(subject, "<" + subject.replace(' ', '.') + "@example.org>")
                + message("second " + subject, "<2." + subject.replace(' ', '.') + "@example.org>"),
                StandardCharsets.ISO_8859_1);
        Files.getFileAttributeView(mailbox, BasicFileAttributeView.class).setTimes(MODIFIED, ACCESSED, null);
        return mailbox;
    }

    static String message(String subject, String messageId) {
        return "From sender@example.org  Mon Dec  7 09:00:00 2026\nSubject: " + subject + "\nMessage-ID: " + messageId
                + "\n\n>From the body of " + subject + "\n\n";
    }

    /** Appends one message, as a delivery would (the mtime moves on). */
    static void deliver(Path mailbox, String subject) throws IOException {
        Files.writeString(mailbox, message(subject, "<" + subject.replace(' ', '.') + "@example.org>"),
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
    }
}
