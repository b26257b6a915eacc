package org.storemulti.sync.mbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the messages of an mbox file one at a time, each as its metadata
 * ({@link #message()}) and a stream of its bytes ({@link #content()}) with the mbox's
 * quoting and state fields taken out. Nothing is loaded whole: a message is found by
 * scanning line starts, then streamed from the file.
 *
 * <p>{@link #snapshot} reads a live mailbox: it copies it under the mail system's locks,
 * puts its access and modify times back, lets go of the locks and reads the copy, so a
 * delivery in progress is never seen half done and is held up only as long as the copy
 * takes. {@link #open} reads a file nobody writes (an archive copy, an export).
 *
 * <p>Messages: a separator is a {@code From } line with a readable date
 * ({@link FromLine}); the empty line before it belongs to it, not to the message before.
 * UIDs are reported only when the first message carries {@code X-IMAPbase} (or is UW-IMAP's
 * pseudo message, which is skipped) and each {@code X-UID} is above the one before;
 * otherwise 0. UIDNEXT in {@link #folder()} may lag (Dovecot raises it lazily): the next UID
 * is above both it and the highest UID read. Line ends are handed over as the file has them.
 */
public final class MboxReader implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final MboxFormat format;
    private final Path deleteOnClose;
    private final MboxState source;
    private final LineBuffer scan;
    private final Line line = new Line();
    private FromLine.Parsed pending;
    private long pendingStart;
    private MboxFolder folder;
    private Entry first;
    private Entry current;
    private MboxMessage currentMessage;
    private long lastUid;

    /** One message found by the scan: where it lies and what its header says. */
    private record Entry(long rawStart, long headerStart, long end, FromLine.Parsed from, HeaderFields fields) {
    }

    private MboxReader(Path file, MboxFormat format, Path deleteOnClose, MboxState source) throws IOException {
        this.file = file;
        this.format = format;
        this.deleteOnClose = deleteOnClose;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        this.size = channel.size();
        this.scan = new LineBuffer(new RegionInput(channel, 0, size), BUFFER, 0);
        this.source = source;
    }

    /** Reads {@code mbox} as it is, without locks (a copy nobody writes to). */
    public static MboxReader open(Path mbox, MboxFormat format) throws IOException {
        MboxReader reader = new MboxReader(mbox, format, null, MboxState.of(mbox));
        return reader.start();
    }

    /**
     * Reads a consistent copy of a live mailbox: copied into {@code scratchDirectory} (mode
     * 0600, removed on close) under the mail locks, with the mailbox's atime and mtime put
     * back before the locks are let go.
     *
     * @throws MailboxLockedException if the locks stay busy past the policy's wait, or the copy
     *         would hold them past its hold limit
     */
    public static MboxReader snapshot(Path mailbox, Path scratchDirectory, LockPolicy policy, MboxFormat format)
            throws IOException {
        Path copy = Files.createTempFile(scratchDirectory, ".mbox-snapshot-", "", FileModes.privateFile(scratchDirectory));
        try {
            MboxState state;
            try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy);
                    FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                lock.keepTimes();
                state = MboxState.of(lock.attributesWhenLocked());
                lock.copyTo(out, null);
            }
            return new MboxReader(copy, format, copy, state).start();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    private MboxReader start() throws IOException {
        try {
            if (line.readFrom(scan)) {
                pending = FromLine.parse(line.text(), format.zone());
                if (pending == null) {
                    throw new MboxFormatException(file, "not an mbox file: line 1 is not a 'From sender date' line");
                }
                pendingStart = line.start;
                first = readEntry();
                folder = folderOf(first);
                if (first.fields().get("x-imap") != null && folder != null) {
                    first = readEntry(); // UW-IMAP's pseudo message holds folder state only
                }
            }
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static MboxFolder folderOf(Entry entry) {
        String base = entry.fields().get("x-imapbase");
        if (base == null) {
            base = entry.fields().get("x-imap");
        }
        return base == null ? null : MboxFolder.parse(base);
    }

    /** The file's size and mtime when it was read (for a snapshot: the live mailbox's, under the locks). */
    public MboxState state() {
        return source;
    }

    /** UIDVALIDITY, UIDNEXT and keywords from the first message, or null when the file keeps none. */
    public MboxFolder folder() {
        return folder;
    }

    /** Moves to the next message; false when there is none. Any unread content is skipped. */
    public boolean next() throws IOException {
        if (first != null) {
            current = first;
            first = null;
        } else {
            current = readEntry();
        }
        if (current == null) {
            currentMessage = null;
            return false;
        }
        HeaderFields fields = current.fields();
        currentMessage = new MboxMessage(current.from().sender(), current.from().date(),
                StatusHeaders.flags(fields.get("status"), fields.get("x-status"), fields.get("x-keywords")),
                uid(current));
        return true;
    }

    /** The current message's sender, internal date, flags and UID. */
    public MboxMessage message() {
        requireCurrent();
        return currentMessage;
    }

    private long uid(Entry entry) {
        String value = entry.fields().get("x-uid");
        if (folder == null || value == null || !value.matches("[0-9]{1,10}")) {
            return 0;
        }
        long uid = Long.parseLong(value);
        if (uid <= lastUid || uid >= MboxFolder.MAX_UID) {
            return 0;
        }
        lastUid = uid;
        return uid;
    }

    /** The current message's bytes as they were before they went into the mbox; valid until {@link #next()}. */
    public InputStream content() {
        Entry entry = requireCurrent();
        return new MessageContent(new LineBuffer(new RegionInput(channel, entry.headerStart(), entry.end()), BUFFER,
                entry.headerStart()), format);
    }

    /** The current message's {@code Message-ID} field as written (unfolded), or null. */
    public String messageId() {
        return requireCurrent().fields().get(HeaderFields.MESSAGE_ID);
    }

    /** Where the current message starts in the file: its {@code From } line. */
    public long rawOffset() {
        return requireCurrent().rawStart();
    }

    /** Bytes of the current message in the file, {@code From } line to its last line end (quoting as stored). */
    public long rawLength() {
        Entry entry = requireCurrent();
        return entry.end() - entry.rawStart();
    }

    /** The file being read (for a snapshot, the copy). */
    public Path file() {
        return file;
    }

    private Entry requireCurrent() {
        if (current == null) {
            throw new IllegalStateException("no current message: call next() first");
        }
        return current;
    }

    /** Scans one message from the pending separator to the next; null at the end of the file. */
    private Entry readEntry() throws IOException {
        if (pending == null) {
            return null;
        }
        FromLine.Parsed from = pending;
        long rawStart = pendingStart;
        long headerStart = scan.position();
        pending = null;
        HeaderFields fields = new HeaderFields();
        long blankBefore = -1;
        while (line.readFrom(scan)) {
            if (isSeparator()) {
                return new Entry(rawStart, headerStart, line.start, from, fields);
            }
            if (line.isBlank()) {
                blankBefore = line.start;
                break;
            }
            fields.accept(line);
        }
        if (blankBefore < 0) {
            return new Entry(rawStart, headerStart, size, from, fields);
        }
        long bodyStart = blankBefore + line.length;
        if (format.honourContentLength() && fields.contentLength() >= 0) {
            long end = endByContentLength(bodyStart + fields.contentLength());
            if (end >= 0) {
                return new Entry(rawStart, headerStart, end, from, fields);
            }
        }
        while (line.readFrom(scan)) {
            if (isSeparator()) {
                return new Entry(rawStart, headerStart, blankBefore >= 0 ? blankBefore : line.start, from, fields);
            }
            blankBefore = line.isBlank() ? line.start : -1;
        }
        return new Entry(rawStart, headerStart, blankBefore >= 0 ? blankBefore : size, from, fields);
    }

    /** True if the line just read is a separator; it then becomes the pending one. */
    private boolean isSeparator() {
        if (!line.startsWith(FromLine.PREFIX)) {
            return false;
        }
        FromLine.Parsed parsed = FromLine.parse(line.text(), format.zone());
        if (parsed == null) {
            return false;
        }
        pending = parsed;
        pendingStart = line.start;
        return true;
    }

    /**
     * The message end a {@code Content-Length} gives if it is right: the file ends there, or
     * a separator (after at most one empty line) starts there. Then the scan continues after
     * that separator. Otherwise -1 and the scan is where it was.
     */
    private long endByContentLength(long end) throws IOException {
        if (end > size || end < scan.position()) {
            return -1;
        }
        LineBuffer probe = new LineBuffer(new RegionInput(channel, end, size), BUFFER, end);
        Line next = new Line();
        if (!next.readFrom(probe)) {
            pending = null;
            skipScanTo(size);
            return end;
        }
        if (next.isBlank() && !next.readFrom(probe)) {
            pending = null;
            skipScanTo(size);
            return end;
        }
        if (next.startsWith(FromLine.PREFIX)) {
            FromLine.Parsed parsed = FromLine.parse(next.text(), format.zone());
            if (parsed != null) {
                pending = parsed;
                pendingStart = next.start;
                skipScanTo(next.end());
                return end;
            }
        }
        return -1;
    }

    private void skipScanTo(long position) throws IOException {
        while (scan.position() < position && scan.available() > 0) {
            scan.skip((int) Math.min(scan.available(), position - scan.position()));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (deleteOnClose != null) {
                Files.deleteIfExists(deleteOnClose);
            }
        }
    }
}
