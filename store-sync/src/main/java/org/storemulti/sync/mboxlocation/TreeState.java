package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;
import org.storemulti.sync.location.TreeOwner;
import org.storemulti.sync.mbox.MboxState;

/**
 * What an mbox tree cannot keep in its files, kept in one file beside them
 * ({@code .imap/.storemulti-mbox} in the tree, Dovecot's index directory, which it does not list
 * as a mailbox; {@code .FILE.storemulti-mbox} beside a lone file; mode 0600, replaced atomically): per mailbox its GUID, UID
 * validity and next UID (an empty file, or one without {@code X-IMAPbase}, has none), its
 * special-use, the GUID of each UID (mbox messages have none), and its file's size and mtime
 * with the count at the last listing: with those unchanged the file is not opened again.
 *
 * <p>Format, one record a line: {@code mbox-state 1}; {@code folder GUID UIDVALIDITY UIDNEXT
 * SIZE MTIME-NANOS COUNT NAME} (NAME last: it may hold spaces); after a folder line its
 * {@code uid UID GUID} and {@code use \Sent} lines.
 */
final class TreeState {

    static final String FILE = ".storemulti-mbox";
    private static final String HEADER = "mbox-state 1";

    /** One mailbox's record; {@code seen} null: its file was never listed (or changed since). */
    static final class Entry {
        String guid;
        long uidValidity;
        long uidNext;
        MboxState seen;
        long count;
        final Map<Long, String> guids = new TreeMap<>();
        Set<String> specialUse = new TreeSet<>();
        /**
         * Whether the file as {@code seen} keeps UIDs, and the keywords its {@code X-IMAPbase}
         * names: what an append needs, so it need not list the file (not kept across runs).
         */
        AppendPlan plan;

        Entry(String guid, long uidValidity, long uidNext) {
            this.guid = guid;
            this.uidValidity = uidValidity;
            this.uidNext = uidNext;
        }
    }

    /** What appending to a file needs to know of it. */
    record AppendPlan(boolean keepsUids, java.util.List<String> declared) {
    }

    private final Path file;
    private final TreeOwner owner;
    private final Map<String, Entry> folders = new TreeMap<>();

    private TreeState(Path file, TreeOwner owner) {
        this.file = file;
        this.owner = owner;
    }

    Path file() {
        return file;
    }

    /**
     * The state in {@code file} (written, and its directory made, as {@code owner}'s if not null);
     * empty if there is none, and lines that do not read are skipped.
     */
    static TreeState load(Path file, TreeOwner owner) throws IOException {
        TreeState state = new TreeState(file, owner);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return state;
        }
        if (!text.startsWith(HEADER + "\n")) {
            return state; // not ours, or another version: everything is listed again
        }
        Entry current = null;
        for (String line : text.split("\n")) {
            String[] w = line.split(" ", 8);
            try {
                if (w[0].equals("folder") && w.length == 8) {
                    current = new Entry(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]));
                    long nanos = Long.parseLong(w[5]);
                    current.seen = nanos < 0 ? null
                            : new MboxState(Long.parseLong(w[4]), FileTime.from(nanos, TimeUnit.NANOSECONDS));
                    current.count = Long.parseLong(w[6]);
                    state.folders.put(w[7], current);
                } else if (w[0].equals("uid") && w.length == 3 && current != null) {
                    current.guids.put(Long.parseLong(w[1]), w[2]);
                } else if (w[0].equals("use") && w.length == 2 && current != null) {
                    current.specialUse.add(w[1]);
                }
            } catch (NumberFormatException e) {
                current = null; // a broken record: that mailbox is listed afresh
            }
        }
        return state;
    }

    Entry get(String name) {
        return folders.get(name);
    }

    Entry put(String name, Entry entry) {
        folders.put(name, entry);
        return entry;
    }

    void remove(String name) {
        folders.remove(name);
    }

    /** The name of the mailbox with {@code guid}, or null. */
    String nameOf(String guid) {
        for (Map.Entry<String, Entry> each : folders.entrySet()) {
            if (each.getValue().guid.equals(guid)) {
                return each.getKey();
            }
        }
        return null;
    }

    /** Renames {@code from} and every mailbox below it. */
    void rename(String from, String to) {
        Map<String, Entry> moved = new HashMap<>();
        folders.entrySet().removeIf(e -> {
            if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) {
                moved.put(to + e.getKey().substring(from.length()), e.getValue());
                return true;
            }
            return false;
        });
        folders.putAll(moved);
    }

    /** Writes the state (temp file, fsync, rename). */
    void save() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        folders.forEach((name, e) -> {
            text.append("folder ").append(e.guid).append(' ').append(e.uidValidity).append(' ').append(e.uidNext)
                    .append(' ').append(e.seen == null ? 0 : e.seen.size()).append(' ')
                    .append(e.seen == null ? -1 : e.seen.modified().to(TimeUnit.NANOSECONDS)).append(' ')
                    .append(e.count).append(' ').append(name).append('\n');
            e.guids.forEach((uid, guid) -> text.append("uid ").append(uid).append(' ').append(guid).append('\n'));
            e.specialUse.forEach(use -> text.append("use ").append(use).append('\n'));
        });
        if (!Files.isDirectory(file.getParent())) {
            FileModes.createDirectories(file.getParent(), FileModes.PRIVATE_DIRECTORY);
            TreeOwner.give(owner, file.getParent());
        }
        AtomicFile.write(file, text.toString(), FileModes.PRIVATE_FILE);
        TreeOwner.give(owner, file);
    }
}
