package org.storemulti.sync.mbox;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes messages into an mbox under the mail system's locks, in one of two ways:
 *
 * <ul>
 * <li>{@link #append}: the messages are prepared in a staging file first; {@link #commit()}
 * then takes the locks, adds the staged bytes at the end (after an empty line if the file
 * lacks one), syncs, raises {@code X-IMAPbase}'s UIDNEXT in place, and lets go. The locks
 * are held only for that copy. An I/O error cuts the file back to where it was, as Postfix
 * does; a process killed during the copy leaves the added part incomplete.
 * <li>{@link #replace}: the complete new file is written beside the mailbox, and
 * {@link #commit()} renames it over the mailbox under the locks, with the old file's owner,
 * group and mode, if the mailbox is still as the caller last read it. For removing messages;
 * a crash leaves the old file or the new one, never a mix.
 * </ul>
 *
 * <p>UIDs: a new or replaced file gets {@code X-IMAPbase} and an {@code X-UID} per message
 * when the options carry a folder. An append keeps UIDs only if the file already has a padded
 * {@code X-IMAPbase} with the same UIDVALIDITY ({@link Committed#uidsKept()} says whether).
 */
public final class MboxWriter implements Closeable {

    private static final long COPY_CHUNK = 1 << 20;

    /**
     * What a commit did: {@code before} is the mailbox's size and mtime when the locks were taken,
     * {@code after} when the messages were in, both under the locks (a caller that knew the file
     * as {@code before} knows it exactly as {@code after}).
     */
    public record Committed(int messages, long bytes, boolean uidsKept, MboxState before, MboxState after) {
    }

    private enum UidPlan {
        /** No X-UID fields. */
        NONE,
        /** A new file: X-IMAPbase in the first message, UIDs from the options' folder. */
        NEW_FILE,
        /** Appending to a file that keeps UIDs: X-UID fields, UIDNEXT raised in place. */
        CONTINUE
    }

    private final Path mailbox;
    private final MboxWriteOptions options;
    private final boolean append;
    private final MboxState expected;
    private final UidPlan plan;
    private final ImapBaseField existingBase;
    private final Path staged;
    private final OutputStream stagedOut;
    private final MessageWriter writer;
    private long stagedBaseOffset = -1;
    private int messages;
    private long firstUid;
    private long lastUid;
    private boolean finished;

    private MboxWriter(Path mailbox, MboxWriteOptions options, boolean append, MboxState expected, UidPlan plan,
            ImapBaseField existingBase, Path staged) throws IOException {
        this.mailbox = mailbox;
        this.options = options;
        this.append = append;
        this.expected = expected;
        this.plan = plan;
        this.existingBase = existingBase;
        this.staged = staged;
        this.stagedOut = new BufferedOutputStream(Files.newOutputStream(staged, StandardOpenOption.WRITE), 1 << 16);
        this.writer = new MessageWriter(stagedOut, options.zone(), options.unixLineEnds());
    }

    /** Prepares messages to add at the end of {@code mailbox} (created, mode 0600, if absent). */
    public static MboxWriter append(Path mailbox, MboxWriteOptions options) throws IOException {
        UidPlan plan = UidPlan.NONE;
        ImapBaseField base = null;
        if (options.folder() != null) {
            if (!Files.exists(mailbox, LinkOption.NOFOLLOW_LINKS) || Files.size(mailbox) == 0) {
                plan = UidPlan.NEW_FILE;
            } else {
                base = peekBase(mailbox, options);
                plan = base != null && base.folder().uidValidity() == options.folder().uidValidity()
                        ? UidPlan.CONTINUE : UidPlan.NONE;
            }
        }
        Path directory = options.stagingDirectory() != null ? options.stagingDirectory() : directoryOf(mailbox);
        return new MboxWriter(mailbox, options, true, null, plan, base, stage(directory, mailbox, ".append-"));
    }

    /**
     * Prepares a complete new content for {@code mailbox}, to replace it on commit if it is
     * still in state {@code expected} (null: whatever it holds then).
     */
    public static MboxWriter replace(Path mailbox, MboxWriteOptions options, MboxState expected) throws IOException {
        UidPlan plan = options.folder() != null ? UidPlan.NEW_FILE : UidPlan.NONE;
        return new MboxWriter(mailbox, options, false, expected, plan, null,
                stage(directoryOf(mailbox), mailbox, ".new-"));
    }

    private static Path directoryOf(Path mailbox) {
        return mailbox.toAbsolutePath().getParent();
    }

    private static Path stage(Path directory, Path mailbox, String kind) throws IOException {
        return Files.createTempFile(directory, "." + mailbox.getFileName() + kind, "", FileModes.privateFile(directory));
    }

    /** The existing X-IMAPbase, read without locks: only a plan, checked again under the locks. */
    private static ImapBaseField peekBase(Path mailbox, MboxWriteOptions options) throws IOException {
        try (FileChannel channel = FileChannel.open(mailbox, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return ImapBaseField.find(channel, options.zone());
        }
    }

    /**
     * Adds one message. With UIDs kept, a message's UID must be above the one before
     * (0 writes no {@code X-UID} for it).
     */
    public void add(MboxMessage message, InputStream content) throws IOException {
        if (finished) {
            throw new IllegalStateException(mailbox + ": writer already committed or closed");
        }
        long uid = plan == UidPlan.NONE ? 0 : message.uid();
        if (uid > 0) {
            long floor = plan == UidPlan.CONTINUE ? existingBase.folder().uidNext() - 1 : 0;
            if (uid <= Math.max(lastUid, floor) || uid >= MboxFolder.MAX_UID) {
                throw new IllegalArgumentException(mailbox + ": UID " + uid + " is not above " + Math.max(lastUid, floor)
                        + " (UIDs must grow through the file)");
            }
            firstUid = firstUid == 0 ? uid : firstUid;
            lastUid = uid;
        }
        String base = plan == UidPlan.NEW_FILE && messages == 0 ? StatusHeaders.imapBase(options.folder()) : null;
        writer.write(message, content, uid, base);
        if (base != null) {
            stagedBaseOffset = writer.imapBaseOffset() + StatusHeaders.imapBaseDigits(base);
        }
        messages++;
    }

    /** Puts the prepared messages into the mailbox under the locks; see the class comment. */
    public Committed commit() throws IOException {
        if (finished) {
            throw new IllegalStateException(mailbox + ": writer already committed or closed");
        }
        stagedOut.close();
        try (FileChannel stagedChannel = FileChannel.open(staged, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (stagedBaseOffset >= 0) {
                ImapBaseField.writeUidNext(stagedChannel, stagedBaseOffset,
                        Math.max(options.folder().uidNext(), lastUid + 1));
            }
            stagedChannel.force(true);
            Committed done = append ? commitAppend(stagedChannel) : commitReplace();
            finished = true;
            return done;
        } finally {
            finished = true;
            Files.deleteIfExists(staged); // after a replace it has become the mailbox
        }
    }

    private Committed commitAppend(FileChannel stagedChannel) throws IOException {
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.CREATE, options.locks())) {
            FileChannel target = lock.channel();
            long size = target.size();
            ImapBaseField base = checkUnchangedPlan(target, size);
            try {
                long at = endWithEmptyLine(target);
                long separation = at - size;
                long length = stagedChannel.size();
                for (long done = 0; done < length; ) {
                    done += target.transferFrom(stagedChannel.position(done), at + done, Math.min(COPY_CHUNK, length - done));
                    lock.checkHold();
                }
                target.force(true);
                if (base != null && lastUid >= base.folder().uidNext()) {
                    ImapBaseField.writeUidNext(target, base.uidNextOffset(), lastUid + 1);
                    target.force(true);
                }
                return new Committed(messages, separation + length, plan != UidPlan.NONE,
                        MboxState.of(lock.attributesWhenLocked()), MboxState.of(mailbox));
            } catch (IOException e) {
                target.truncate(size);
                target.force(true);
                throw e;
            }
        }
    }

    /** Under the locks: the file must still be what the UID plan was made for. */
    private ImapBaseField checkUnchangedPlan(FileChannel target, long size) throws IOException {
        switch (plan) {
            case NEW_FILE -> {
                if (size != 0) {
                    throw new MailboxChangedException(mailbox, "it received messages");
                }
                return null;
            }
            case CONTINUE -> {
                ImapBaseField now = ImapBaseField.find(target, options.zone());
                if (now == null || now.uidNextOffset() != existingBase.uidNextOffset()
                        || now.folder().uidValidity() != existingBase.folder().uidValidity()
                        || firstUid > 0 && now.folder().uidNext() > firstUid) {
                    throw new MailboxChangedException(mailbox, "its UIDs changed");
                }
                return now;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Adds the line ends an mbox needs at its end before another message can follow (its last
     * message ends with an empty line); returns the new size, where the next message goes.
     */
    public static long endWithEmptyLine(FileChannel mbox) throws IOException {
        long size = mbox.size();
        if (size == 0) {
            return 0;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(2, size));
        mbox.read(tail, size - tail.capacity());
        byte[] last = tail.array();
        boolean endsLine = last[last.length - 1] == '\n';
        boolean endsEmptyLine = endsLine && last.length == 2 && last[0] == '\n';
        ByteBuffer needed = ByteBuffer.wrap(endsEmptyLine ? new byte[0] : endsLine ? new byte[] {'\n'} : new byte[] {'\n', '\n'});
        while (needed.hasRemaining()) {
            mbox.write(needed, size + needed.position());
        }
        return size + needed.capacity();
    }

    private Committed commitReplace() throws IOException {
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.CREATE, options.locks())) {
            if (expected != null && !MboxState.of(lock.attributesWhenLocked()).unchangedSince(expected)) {
                throw new MailboxChangedException(mailbox, "it changed");
            }
            long bytes = Files.size(staged);
            MboxState before = MboxState.of(lock.attributesWhenLocked());
            lock.replaceWith(staged, FileModes.posix(mailbox) ? MailboxOwnership.of(mailbox) : null);
            return new Committed(messages, bytes, plan != UidPlan.NONE, before, MboxState.of(mailbox));
        }
    }

    /** Throws the prepared messages away unless committed. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            try {
                stagedOut.close();
            } finally {
                Files.deleteIfExists(staged);
            }
        }
    }
}
