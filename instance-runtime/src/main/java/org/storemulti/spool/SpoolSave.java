package org.storemulti.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.EditLock;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MailboxLock;
import org.storemulti.sync.mbox.MailboxOwnership;

/**
 * {@code storeadm spool save SPOOL_DIR --to ARCHIVE_DIR}: the seed's mailasm for a whole mail
 * spool. Every mailbox file whose size and mtime differ from the last archive's is copied
 * under the mail system's locks and gets its atime and mtime back; every other one is hard
 * linked from the last archive without being opened, so each archive is complete on its own.
 * The manifest goes in last, atomically, and only then does the archive get its dated name.
 */
public final class SpoolSave {

    /** What a save did; {@code problems} has one line per mailbox it could not save. */
    public record Report(Path archive, int copied, int linked, long bytesCopied, int skipped, List<String> problems) {

        public Report {
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param excludes globs of mailbox names to leave out ({@code --exclude})
     * @param locks waits and hold limit for the mail locks
     * @param clock names the archive
     */
    public record Options(List<String> excludes, LockPolicy locks, Clock clock) {

        public Options {
            excludes = List.copyOf(excludes);
            Objects.requireNonNull(locks, "locks");
            Objects.requireNonNull(clock, "clock");
        }

        public static Options defaults() {
            return new Options(List.of(), LockPolicy.defaults(), Clock.systemUTC());
        }
    }

    private final Path spool;
    private final ArchiveDirectory archives;
    private final Options options;
    private final List<String> problems = new ArrayList<>();
    private int copied;
    private int linked;
    private long bytesCopied;
    private int skipped;

    private SpoolSave(Path spool, ArchiveDirectory archives, Options options) {
        this.spool = spool;
        this.archives = archives;
        this.options = options;
    }

    /** Saves {@code spoolDirectory} into a new dated archive under {@code archiveRoot}. */
    public static Report save(Path spoolDirectory, Path archiveRoot, Options options) throws IOException {
        if (!Files.isDirectory(spoolDirectory)) {
            throw new SpoolException(spoolDirectory + ": no such directory: give the mail spool (/var/mail)");
        }
        Path spool = spoolDirectory.toRealPath();
        Path root = archiveRoot.toAbsolutePath().normalize();
        if (root.startsWith(spool)) {
            throw new SpoolException(archiveRoot + ": inside the spool " + spool + ": keep archives elsewhere");
        }
        ArchiveDirectory archives = new ArchiveDirectory(root);
        archives.create();
        try (EditLock oneAtATime = EditLock.acquire(root.resolve("save"))) {
            return new SpoolSave(spool, archives, options).run();
        }
    }

    private Report run() throws IOException {
        finishLeftovers();
        MailboxLock.removeOrphanedTemporaryFiles(spool, options.locks()); // a save killed mid-lock
        Manifest previous = previousManifest();
        Map<String, ManifestEntry> before = previous == null ? Map.of() : previous.byName();
        Path previousArchive = previous == null ? null : archives.newest().orElseThrow();
        Path partial = archives.startArchive(options.clock().instant());
        TimesJournal.start(partial, spool);
        List<ManifestEntry> entries = new ArrayList<>();
        SpoolFiles.Listing listing = SpoolFiles.list(spool, options.excludes());
        skipped += listing.skipped();
        for (Map.Entry<String, FileFacts> mailbox : listing.mailboxes().entrySet()) {
            String name = mailbox.getKey();
            try {
                ManifestEntry entry = saveOne(name, mailbox.getValue(), partial, before.get(name), previousArchive);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IOException e) {
                Files.deleteIfExists(partial.resolve(name));
                problems.add(spool.resolve(name) + ": not saved: " + SpoolFiles.describe(e, spool.resolve(name)));
            }
        }
        DirectorySync.forPath(partial).sync(partial);
        new Manifest(spool, options.clock().instant(), entries).writeTo(partial);
        Files.delete(partial.resolve(TimesJournal.FILE));
        return new Report(archives.finish(partial), copied, linked, bytesCopied, skipped, problems);
    }

    /** The last archive's manifest, if it is of this spool; refuses another spool's archives. */
    private Manifest previousManifest() throws IOException {
        var newest = archives.newest();
        if (newest.isEmpty()) {
            return null;
        }
        Manifest manifest = Manifest.readFrom(newest.get());
        if (!manifest.spool().toString().equals(spool.toString())) {
            throw new SpoolException(archives.root() + ": holds archives of " + manifest.spool() + ", not of " + spool
                    + ": give each spool its own archive directory");
        }
        return manifest;
    }

    /** Puts back the times a killed save noted but did not restore, then drops its unfinished archive. */
    private void finishLeftovers() throws IOException {
        for (Path partial : archives.leftovers()) {
            if (spool.toString().equals(TimesJournal.spoolOf(partial))) {
                for (TimesJournal.Times times : TimesJournal.read(partial)) {
                    putBack(times);
                }
            }
            ArchiveDirectory.delete(partial);
        }
    }

    private void putBack(TimesJournal.Times times) throws IOException {
        Path mailbox = spool.resolve(times.name());
        if (!Files.isRegularFile(mailbox, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, options.locks())) {
            if (lock.attributesWhenLocked().lastModifiedTime().equals(times.modified())) {
                lock.restoreTimesOnClose(times.modified(), times.accessed());
            }
        }
    }

    /**
     * One mailbox: linked if its size and mtime are as last time (then only the lstat the
     * listing made has looked at it), else copied under the locks; null if it vanished.
     */
    private ManifestEntry saveOne(String name, FileFacts facts, Path partial, ManifestEntry previous,
            Path previousArchive) throws IOException {
        Path source = spool.resolve(name);
        if (previous != null && facts.state().unchangedSince(previous.state())
                && linkFromPrevious(previousArchive.resolve(name), previous, partial.resolve(name))) {
            linked++;
            MailboxOwnership ownership = facts.sameOwnershipAs(previous) ? previous.ownership()
                    : MailboxOwnership.of(source);
            return new ManifestEntry(name, previous.size(), previous.modified(), facts.accessed(), ownership,
                    facts.uid(), facts.gid(), previous.sha256());
        }
        try {
            return copyUnderLocks(name, source, partial);
        } catch (NoSuchFileException e) {
            skipped++;
            return null;
        }
    }

    /** Hard-links the last archive's copy; copies it (the archive's, never the spool's) where links fail. */
    private static boolean linkFromPrevious(Path previousCopy, ManifestEntry previous, Path target) throws IOException {
        BasicFileAttributes copy;
        try {
            copy = Files.readAttributes(previousCopy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!copy.isRegularFile() || copy.size() != previous.size()) {
            return false;
        }
        try {
            Files.createLink(target, previousCopy);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(previousCopy, target);
        }
        return true;
    }

    private ManifestEntry copyUnderLocks(String name, Path source, Path partial) throws IOException {
        MessageDigest sha256 = sha256();
        try (MailboxLock lock = MailboxLock.acquire(source, MailboxLock.Mode.READ, options.locks())) {
            BasicFileAttributes before = lock.attributesWhenLocked();
            TimesJournal.record(partial, new TimesJournal.Times(name, before.lastModifiedTime(), before.lastAccessTime()));
            lock.keepTimes();
            long size;
            try (FileChannel out = FileChannel.open(partial.resolve(name), Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), SpoolFiles.privateFile(partial))) {
                size = lock.copyTo(out, sha256);
                out.force(true);
            }
            copied++;
            bytesCopied += size;
            FileFacts facts = FileFacts.of(source);
            return new ManifestEntry(name, size, before.lastModifiedTime(), before.lastAccessTime(),
                    MailboxOwnership.of(source), facts.uid(), facts.gid(), HexFormat.of().formatHex(sha256.digest()));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
