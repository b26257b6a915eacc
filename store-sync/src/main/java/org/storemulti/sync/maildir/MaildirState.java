package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

/**
 * A maildir folder's change marks, from three {@code lstat}s: the modify times of {@code new/}
 * and {@code cur/} (a delivery, a flag change and an expunge each add, rename or remove a file
 * there) and the modify time and size of {@code dovecot-uidlist} (UIDs given, UIDVALIDITY
 * reset). If all are as last time, the folder has not changed and need not be listed; Dovecot
 * decides the same way.
 *
 * @param newModified modify time of {@code new/} in nanoseconds since the epoch (-1: missing)
 * @param curModified modify time of {@code cur/} likewise
 * @param uidlistModified modify time of {@code dovecot-uidlist} likewise
 * @param uidlistSize its size (-1: missing)
 */
record MaildirState(long newModified, long curModified, long uidlistModified, long uidlistSize) {

    /**
     * Changes closer than this to the listing may share a modify time with a change just after
     * it (file systems stamp times by clock tick): such a state is not kept.
     */
    static final Duration TRUST_AFTER = Duration.ofSeconds(2);

    /** The folder's marks now. */
    public static MaildirState of(Path folder) throws IOException {
        BasicFileAttributes uidlist = attributes(folder.resolve(Uidlist.NAME));
        return new MaildirState(nanos(attributes(folder.resolve("new"))), nanos(attributes(folder.resolve("cur"))),
                nanos(uidlist), uidlist == null ? -1 : uidlist.size());
    }

    /** True if nothing can have changed since {@code earlier}. */
    public boolean unchangedSince(MaildirState earlier) {
        return equals(earlier);
    }

    /** The marks as one line for a sync state file ({@link #parse} reads it back). */
    public String format() {
        return newModified + " " + curModified + " " + uidlistModified + " " + uidlistSize;
    }

    /** Reads {@link #format}'s line; null if it is not one. */
    public static MaildirState parse(String line) {
        String[] words = line.strip().split(" ");
        if (words.length != 4) {
            return null;
        }
        try {
            return new MaildirState(Long.parseLong(words[0]), Long.parseLong(words[1]), Long.parseLong(words[2]),
                    Long.parseLong(words[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True if every mark is older than {@link #TRUST_AFTER} at {@code now}. */
    boolean settledAt(Instant now) {
        long limit = nanosOf(now.minus(TRUST_AFTER));
        return newModified < limit && curModified < limit && uidlistModified < limit;
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static long nanos(BasicFileAttributes attributes) {
        return attributes == null ? -1 : nanosOf(attributes.lastModifiedTime().toInstant());
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
