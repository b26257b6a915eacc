package org.storemulti.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.storemulti.fs.DirectorySync;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MailboxLock;
import org.storemulti.sync.mbox.MailboxOwnership;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxState;

/**
 * {@code storeadm spool recover ARCHIVE_DIR [--to SPOOL_DIR] [--merge|--force] [MAILBOX...]}:
 * puts archived mailboxes back with their owner, group, mode and times. A mailbox that is
 * absent, empty, or as archived is written back (or left alone); one that changed since
 * the archive was taken (it received mail) is refused unless {@code --merge} (the archived
 * messages it lacks are added, matched by Message-ID and digest) or {@code --force} (it is
 * replaced). Every change is a complete file renamed into place under the mail locks, so a
 * recover killed at any point leaves each mailbox as it was or as recovered.
 */
public final class SpoolRecover {

    /** What to do with a mailbox that changed since the archive was taken. */
    public enum Mode {
        /** Leave it and say so. */
        REFUSE,
        /** Add the archived messages it does not have. */
        MERGE,
        /** Replace it with the archived copy. */
        FORCE
    }

    /** What happened to one mailbox; {@code failed} for a refusal or an error. */
    public record Outcome(String mailbox, String what, boolean failed) {

        @Override
        public String toString() {
            return mailbox + ": " + what;
        }
    }

    /**
     * @param target the spool to recover into; null for the one the archive was saved from
     * @param mode what to do with a mailbox that changed since
     * @param excludes globs of mailbox names to leave out
     * @param mailboxes the names to recover; empty for all the archive holds
     * @param locks waits and hold limit for the mail locks
     * @param format how the mailboxes' messages are told apart for a merge (a Debian spool: mboxo)
     */
    public record Options(Path target, Mode mode, List<String> excludes, List<String> mailboxes, LockPolicy locks,
            MboxFormat format) {

        public Options {
            Objects.requireNonNull(mode, "mode");
            excludes = List.copyOf(excludes);
            mailboxes = List.copyOf(mailboxes);
            Objects.requireNonNull(locks, "locks");
            Objects.requireNonNull(format, "format");
        }

        public static Options defaults() {
            return new Options(null, Mode.REFUSE, List.of(), List.of(), LockPolicy.defaults(), MboxFormat.mboxo());
        }
    }

    private static final String TEMP_MARK = ".recover-";

    private final Path archive;
    private final Manifest manifest;
    private final Path target;
    private final Options options;

    private SpoolRecover(Path archive, Manifest manifest, Path target, Options options) {
        this.archive = archive;
        this.manifest = manifest;
        this.target = target;
        this.options = options;
    }

    /**
     * Recovers from {@code archiveDirectory}: one dated archive, or a directory of them (then
     * the newest). One outcome per mailbox, in the manifest's order.
     */
    public static List<Outcome> recover(Path archiveDirectory, Options options) throws IOException {
        Path archive = chooseArchive(archiveDirectory);
        Manifest manifest = Manifest.readFrom(archive);
        Path target = options.target() != null ? options.target() : manifest.spool();
        if (!Files.isDirectory(target)) {
            throw new SpoolException(target + ": no such directory: give --to SPOOL_DIR");
        }
        return new SpoolRecover(archive, manifest, target, options).run();
    }

    private static Path chooseArchive(Path given) throws IOException {
        if (Files.isRegularFile(given.resolve(Manifest.FILE))) {
            return given;
        }
        return new ArchiveDirectory(given).newest().orElseThrow(() -> new SpoolException(given
                + ": no complete spool archive here: give an archive directory made by storeadm spool save"));
    }

    private List<Outcome> run() throws IOException {
        removeOurLeftovers();
        Map<String, ManifestEntry> entries = manifest.byName();
        List<Outcome> outcomes = new ArrayList<>();
        for (String wanted : options.mailboxes()) {
            if (!entries.containsKey(wanted)) {
                outcomes.add(new Outcome(wanted, "not in " + archive + " (see its MANIFEST)", true));
            }
        }
        for (ManifestEntry entry : manifest.entries()) {
            if (!options.mailboxes().isEmpty() && !options.mailboxes().contains(entry.name())
                    || SpoolFiles.excluded(target, entry.name(), options.excludes())) {
                continue;
            }
            try {
                outcomes.add(recoverOne(entry));
            } catch (IOException e) {
                outcomes.add(new Outcome(entry.name(), "not recovered: " + SpoolFiles.describe(e,
                        target.resolve(entry.name())), true));
            }
        }
        return outcomes;
    }

    /** Temporary files of a recover that was killed. */
    private void removeOurLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(target)) {
            for (Path leftover : entries.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().contains(TEMP_MARK)).toList()) {
                Files.deleteIfExists(leftover);
            }
        }
        MailboxLock.removeOrphanedTemporaryFiles(target, options.locks());
    }

    private Outcome recoverOne(ManifestEntry entry) throws IOException {
        Path mailbox = target.resolve(entry.name());
        Path prepared = prepare(entry);
        try {
            if (!Files.exists(mailbox, LinkOption.NOFOLLOW_LINKS) && placeNew(prepared, mailbox)) {
                return new Outcome(entry.name(), "recovered (" + entry.size() + " bytes)", false);
            }
            try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.WRITE, options.locks())) {
                MboxState now = MboxState.of(lock.attributesWhenLocked());
                if (now.unchangedSince(entry.state()) || now.size() == entry.size() && sameContent(lock, entry)) {
                    return new Outcome(entry.name(), "unchanged since the archive", false);
                }
                if (now.size() == 0 || options.mode() == Mode.FORCE) {
                    lock.replaceWith(prepared, null);
                    return new Outcome(entry.name(), (now.size() == 0 ? "recovered" : "replaced") + " ("
                            + entry.size() + " bytes)", false);
                }
                if (options.mode() == Mode.MERGE) {
                    return merge(entry, lock);
                }
                return new Outcome(entry.name(), "refused: changed since the archive was taken (now " + now.size()
                        + " bytes, modified " + now.modified() + "; archived " + entry.size() + " bytes, modified "
                        + entry.modified() + "): give --merge to add the archived messages it lacks, or --force to"
                        + " replace it", true);
            }
        } finally {
            Files.deleteIfExists(prepared);
        }
    }

    private static boolean sameContent(MailboxLock lock, ManifestEntry entry) throws IOException {
        MessageDigest sha256 = SpoolSave.sha256();
        lock.copyTo(java.nio.channels.Channels.newChannel(java.io.OutputStream.nullOutputStream()), sha256);
        return HexFormat.of().formatHex(sha256.digest()).equals(entry.sha256());
    }

    /**
     * The archived copy beside the mailbox, checked against the manifest's digest, with the
     * archived owner, group, mode and times: ready to be renamed into place.
     */
    private Path prepare(ManifestEntry entry) throws IOException {
        Path prepared = tempFor(entry.name());
        MessageDigest sha256 = SpoolSave.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(archive.resolve(entry.name())), sha256);
                var out = Files.newOutputStream(prepared, StandardOpenOption.WRITE)) {
            in.transferTo(out);
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(entry.sha256())) {
            Files.delete(prepared);
            throw new java.io.IOException(archive.resolve(entry.name()) + " does not match its digest in the"
                    + " MANIFEST: the archive is damaged; recover from an older one");
        }
        try (FileChannel channel = FileChannel.open(prepared, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        entry.ownership().applyTo(prepared);
        Files.getFileAttributeView(prepared, BasicFileAttributeView.class)
                .setTimes(entry.modified(), entry.accessed(), null);
        return prepared;
    }

    private Path tempFor(String name) throws IOException {
        return Files.createTempFile(target, "." + name + TEMP_MARK, "", SpoolFiles.privateFile(target));
    }

    /** A hard link never replaces a file that appeared meanwhile; false if one did. */
    private static boolean placeNew(Path prepared, Path mailbox) throws IOException {
        try {
            Files.createLink(mailbox, prepared);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(prepared, mailbox);
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
        Path directory = mailbox.toAbsolutePath().getParent();
        DirectorySync.forPath(directory).sync(directory);
        return true;
    }

    /**
     * Under the locks: the mailbox as it is now, then each archived message it lacks, into a
     * new file that keeps the mailbox's owner, group and mode, renamed into place.
     */
    private Outcome merge(ManifestEntry entry, MailboxLock lock) throws IOException {
        Path merged = tempFor(entry.name());
        try {
            int added;
            int present;
            try (FileChannel out = FileChannel.open(merged, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                lock.copyTo(out, null);
                MessageKeys current = MessageKeys.of(merged, options.format(), lock);
                MessageKeys.Appended appended = current.appendMissing(archive.resolve(entry.name()), options.format(),
                        out, lock);
                added = appended.added();
                present = appended.present();
                out.force(true);
            }
            lock.replaceWith(merged, MailboxOwnership.of(lock.mailbox()));
            return new Outcome(entry.name(), "merged: " + added + " archived message" + (added == 1 ? "" : "s")
                    + " added, " + present + " already there", false);
        } finally {
            Files.deleteIfExists(merged);
        }
    }
}
