package org.storemulti.sync.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;
import org.storemulti.store.name.Guid;

/**
 * New messages for one maildir folder, as the Maildir spec writes them: each into
 * {@code tmp/} (Unix line ends, its internal date as modify time); at {@link #commit} all are
 * made durable, then under Dovecot's uidlist lock renamed into {@code cur/} with their flags
 * and listed in {@code dovecot-uidlist} with their UIDs and GUIDs, the directory synced once.
 * Syncing the files together rather than each as it is written lets the file system commit
 * them in one journal transaction. Files not committed are removed on {@link #close}.
 *
 * <p>Names follow Dovecot's: {@code <seconds>.M<microseconds>P<pid>Q<n>.<host>,S=<size>,W=<vsize>:2,<flags>}.
 */
final class MaildirAppend implements Closeable {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private final MaildirFolder folder;
    private final boolean usedUidTakesNext;
    private final List<Pending> pending = new ArrayList<>();
    private long pendingBytes;

    /** A message written to {@code tmp/}, waiting for its commit. */
    private record Pending(Path temp, String base, long size, long virtualSize, Set<String> flags, Instant date,
            String guid, long uid) {
    }

    MaildirAppend(MaildirFolder folder, boolean usedUidTakesNext) {
        this.folder = folder;
        this.usedUidTakesNext = usedUidTakesNext;
    }

    /**
     * Writes one message into {@code tmp/}.
     *
     * @param content the message as the store keeps it (CRLF line ends become LF in the file)
     * @param flags system flags as IMAP spells them and keywords
     * @param uid the UID to keep, or 0 for the folder's next one; UIDs given must rise
     */
    public void add(InputStream content, Set<String> flags, Instant internalDate, String guid, long uid)
            throws IOException {
        String base = newBase();
        Path temp = folder.directory().resolve(MaildirFolder.TMP).resolve(base);
        UnixLineEndsOutput out;
        try (FileChannel channel = FileModes.create(temp, FileModes.PRIVATE_FILE);
                OutputStream stream = Channels.newOutputStream(channel)) {
            folder.options().own(temp);
            out = new UnixLineEndsOutput(stream);
            content.transferTo(out);
            out.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.setLastModifiedTime(temp, FileTime.from(internalDate));
        pending.add(new Pending(temp, base, out.size(), out.virtualSize(), Set.copyOf(flags), internalDate,
                new Guid(guid).value(), uid));
        pendingBytes += out.size();
    }

    /** Messages written and not yet committed. */
    public int pendingCount() {
        return pending.size();
    }

    /** Their bytes on disk. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /**
     * Makes the messages part of the folder; returns them as a listing would show them.
     *
     * @throws MaildirChangedException if another program gave out a UID we were to keep
     *         (nothing of this batch then went in), unless this batch gives such a message the
     *         next UID instead
     */
    public List<MaildirMessage> commit() throws IOException {
        if (pending.isEmpty()) {
            return List.of();
        }
        for (Pending p : pending) {
            try (FileChannel channel = FileChannel.open(p.temp(), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        Set<String> keywords = new LinkedHashSet<>();
        pending.forEach(p -> keywords.addAll(InfoFlags.keywords(p.flags())));
        KeywordFile table = folder.keywordsFor(keywords);
        List<MaildirMessage> added = new ArrayList<>(pending.size());
        try (DovecotLock lock = DovecotLock.acquire(folder.uidlistFile(), true, folder.options())) {
            Uidlist list = folder.readUidlist();
            if (list == null) {
                throw new MaildirChangedException(folder.directory(), "its dovecot-uidlist is gone");
            }
            List<Uidlist.Entry> entries = uids(list);
            Path cur = folder.directory().resolve(MaildirFolder.CUR);
            List<Uidlist.Entry> moved = new ArrayList<>(entries.size());
            try {
                for (int i = 0; i < pending.size(); i++) {
                    Pending p = pending.get(i);
                    String base = entries.get(i).base();
                    Path file = cur.resolve(new FileName(base, InfoFlags.letters(p.flags(), table, null)).name());
                    MaildirFolder.move(p.temp(), file);
                    moved.add(entries.get(i));
                    added.add(new MaildirMessage(entries.get(i).uid(), p.guid(), file, p.flags(), p.date(), p.size()));
                }
            } finally {
                if (!moved.isEmpty()) {
                    DirectorySync.forPath(cur).sync(cur);
                    lock.replaceProtected(list.plus(moved).format());
                }
            }
        }
        pending.clear();
        pendingBytes = 0;
        return added;
    }

    /** The uidlist lines of the pending messages, UIDs checked against {@code list} (taken under the lock). */
    private List<Uidlist.Entry> uids(Uidlist list) throws MaildirChangedException {
        List<Uidlist.Entry> entries = new ArrayList<>(pending.size());
        long next = list.nextUid();
        for (Pending p : pending) {
            long uid = p.uid() == 0 || usedUidTakesNext && p.uid() < next ? next : p.uid();
            if (uid < next) {
                throw new MaildirChangedException(folder.directory(), "UID " + uid + " is given already (next UID "
                        + next + ")");
            }
            next = uid + 1;
            String base = p.base() + ",S=" + p.size() + ",W=" + p.virtualSize();
            entries.add(new Uidlist.Entry(uid, base, List.of("G" + p.guid())));
        }
        return entries;
    }

    /** Removes what was written and not committed. */
    @Override
    public void close() throws IOException {
        for (Pending p : pending) {
            Files.deleteIfExists(p.temp());
        }
        pending.clear();
        pendingBytes = 0;
    }

    private String newBase() {
        return newBase(folder.options());
    }

    /** A new unique base name, as Dovecot makes them. */
    static String newBase(MaildirOptions options) {
        Instant now = options.clock().instant();
        return now.getEpochSecond() + ".M" + now.getNano() / 1000 + "P" + PID + "Q" + COUNTER.incrementAndGet() + "."
                + hostPart(options.hostName());
    }

    /** The host name as Dovecot puts it in a file name: {@code /} and {@code :} escaped in octal. */
    static String hostPart(String host) {
        return host.replace("/", "\\057").replace(":", "\\072");
    }
}
