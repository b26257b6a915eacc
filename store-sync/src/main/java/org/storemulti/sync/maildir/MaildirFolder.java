package org.storemulti.sync.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;
import org.storemulti.store.name.Guid;

/**
 * One maildir folder ({@code cur/ new/ tmp/}), read and written the way the Maildir spec and
 * Dovecot do: messages are written in {@code tmp/}, made durable, renamed into {@code cur/};
 * a flag change is a rename, an expunge an unlink. UIDs, UIDVALIDITY and the mailbox GUID
 * live in {@code dovecot-uidlist}, changed only under Dovecot's {@code dovecot-uidlist.lock}
 * and replaced whole by a rename; keyword letters in {@code dovecot-keywords}, likewise.
 *
 * <p>Listing gives UIDs to files the uidlist does not name yet (a delivery by another program),
 * in Dovecot's order and under its lock, as Dovecot would on its next look, so both keep the
 * same UIDs; a folder we may not write is given them in memory only (and told).
 */
final class MaildirFolder {

    static final String CUR = "cur";
    static final String NEW = "new";
    static final String TMP = "tmp";
    /** The empty file that marks a Maildir++ subfolder (Courier's convention, Dovecot makes it too). */
    static final String MARKER = "maildirfolder";

    private final Path directory;
    private final boolean subfolder;
    private final MaildirOptions options;

    MaildirFolder(Path directory, boolean subfolder, MaildirOptions options) {
        this.directory = directory;
        this.subfolder = subfolder;
        this.options = options;
    }

    public Path directory() {
        return directory;
    }

    MaildirOptions options() {
        return options;
    }

    /** True if the folder holds messages ({@code cur/} exists); a bare parent directory does not. */
    public boolean exists() {
        return Files.isDirectory(directory.resolve(CUR));
    }

    /**
     * Makes the folder's directories (mode 0700) and, if it has no uidlist yet, gives it
     * {@code uidValidity} and mailbox {@code guid}; an existing folder keeps its own.
     */
    public void create(long uidValidity, String guid) throws IOException {
        for (String sub : List.of(CUR, NEW, TMP)) {
            FileModes.createDirectories(directory.resolve(sub), FileModes.PRIVATE_DIRECTORY);
            options.own(directory.resolve(sub));
        }
        options.own(directory);
        if (subfolder && !Files.exists(directory.resolve(MARKER))) {
            FileModes.openOrCreate(directory.resolve(MARKER), FileModes.PRIVATE_FILE,
                    java.nio.file.StandardOpenOption.WRITE).close();
            options.own(directory.resolve(MARKER));
        }
        if (readUidlist() == null) {
            try (DovecotLock lock = DovecotLock.acquire(uidlistFile(), true, options)) {
                if (readUidlist() == null) {
                    lock.replaceProtected(Uidlist.fresh(uidValidity, new Guid(guid).value()).format());
                }
            }
        }
    }

    /**
     * Starts the folder afresh as {@code uidValidity} and {@code guid}, with no UIDs given:
     * for a backup whose UIDs cannot be kept otherwise. Expunge its messages first (files left
     * get new UIDs). Dovecot's index files of the folder are removed so Dovecot rebuilds them
     * from the new uidlist rather than complain that UIDs went backwards.
     */
    public void reset(long uidValidity, String guid) throws IOException {
        try (DovecotLock lock = DovecotLock.acquire(uidlistFile(), true, options)) {
            removeIndexFiles();
            lock.replaceProtected(Uidlist.fresh(uidValidity, new Guid(guid).value()).format());
        }
    }

    private void removeIndexFiles() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "dovecot.index*")) {
            for (Path index : entries) {
                Files.deleteIfExists(index);
            }
        }
    }

    /** The folder's change marks now (three {@code lstat}s, nothing opened). */
    public MaildirState state() throws IOException {
        return MaildirState.of(directory);
    }

    /** Every message, ascending by UID, with the folder's identity. */
    public MaildirListing list() throws IOException {
        Instant started = options.clock().instant();
        MaildirState state = MaildirState.of(directory);
        KeywordFile keywords = KeywordFile.read(directory);
        Map<String, Path> files = files();
        Uidlist read = readUidlist();
        Uidlist uidlist = read == null || read.guid() == null || files.keySet().stream().anyMatch(b -> read.entry(b) == null)
                ? giveUids(files) : read;
        List<MaildirMessage> messages = new ArrayList<>(files.size());
        boolean relisted = false;
        for (Uidlist.Entry entry : uidlist.entries()) {
            Path file = files.get(entry.base());
            if (file == null) {
                continue; // expunged: Dovecot drops such lines when it next rewrites the list
            }
            BasicFileAttributes attributes = attributesOrNull(file);
            if (attributes == null && !relisted) {
                files = files(); // renamed by a flag change meanwhile: look again, once
                relisted = true;
                file = files.get(entry.base());
                attributes = file == null ? null : attributesOrNull(file);
            }
            if (attributes == null) {
                continue;
            }
            FileName name = FileName.parse(file.getFileName().toString());
            messages.add(new MaildirMessage(entry.uid(), guidOf(entry), file, InfoFlags.flags(name.letters(), keywords),
                    attributes.lastModifiedTime().toInstant(), attributes.size()));
        }
        return new MaildirListing(uidlist.uidValidity(), uidlist.nextUid(), uidlist.guid(), messages,
                state.settledAt(started) ? state : null);
    }

    /** The message's content with CRLF line ends, as the store keeps it and IMAP shows it. */
    public InputStream open(MaildirMessage message) throws IOException {
        try {
            return new CrlfInput(Files.newInputStream(message.file(), LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            Path moved = files().get(message.base());
            if (moved == null) {
                throw new MaildirChangedException(directory, "message UID " + message.uid() + " was expunged");
            }
            return new CrlfInput(Files.newInputStream(moved, LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** A batch of new messages: {@link MaildirAppend#add} each, then {@link MaildirAppend#commit}. */
    public MaildirAppend append() {
        return new MaildirAppend(this, false);
    }

    /**
     * A batch of new messages where a UID given out meanwhile (or below the next UID already)
     * is not an error: that message takes the next UID instead, as the location SPI asks.
     */
    MaildirAppend appendTakingNextForUsedUids() {
        return new MaildirAppend(this, true);
    }

    /**
     * Gives each message its new flags and keywords (a rename into {@code cur/}). Returns the
     * messages that were no longer there (expunged by another program meanwhile).
     */
    public List<MaildirMessage> setFlags(Map<MaildirMessage, Set<String>> changes) throws IOException {
        Set<String> keywords = new LinkedHashSet<>();
        changes.values().forEach(flags -> keywords.addAll(InfoFlags.keywords(flags)));
        KeywordFile table = keywordsFor(keywords);
        List<MaildirMessage> gone = new ArrayList<>();
        Path cur = directory.resolve(CUR);
        for (Map.Entry<MaildirMessage, Set<String>> change : changes.entrySet()) {
            MaildirMessage message = change.getKey();
            Path from = message.file();
            boolean done = false;
            boolean relisted = false;
            while (from != null && !done) {
                FileName name = FileName.parse(from.getFileName().toString());
                Path to = cur.resolve(name.withLetters(InfoFlags.letters(change.getValue(), table, name.letters())).name());
                try {
                    if (!from.equals(to)) {
                        move(from, to);
                    }
                    done = true;
                } catch (NoSuchFileException e) {
                    if (relisted) {
                        break;
                    }
                    from = files().get(message.base()); // renamed by another program: where is it now?
                    relisted = true;
                }
            }
            if (!done) {
                gone.add(message);
            }
        }
        syncDirectories();
        return gone;
    }

    /**
     * Gives messages new UIDs at or above the next UID ({@code moves}: old UID to new, the new
     * ones ascending with the old): each file gets a new base name and a new uidlist line with
     * its GUID kept, so Dovecot sees the old message expunged and a new one, as it would after a
     * copy; UIDVALIDITY stays. All under the uidlist lock.
     *
     * @throws MaildirChangedException if a new UID is below the next UID by then
     */
    void renumber(Map<Long, Long> moves) throws IOException {
        try (DovecotLock lock = DovecotLock.acquire(uidlistFile(), true, options)) {
            Uidlist list = readUidlist();
            if (list == null) {
                throw new MaildirChangedException(directory, "its dovecot-uidlist is gone");
            }
            Map<Long, Uidlist.Entry> byUid = list.byUid();
            Map<String, Path> files = files();
            List<Long> olds = new ArrayList<>(moves.keySet());
            olds.sort(Comparator.comparing(moves::get));
            long next = list.nextUid();
            Set<String> moved = new java.util.HashSet<>();
            List<Uidlist.Entry> added = new ArrayList<>();
            for (Long old : olds) {
                long uid = moves.get(old);
                if (uid < next) {
                    throw new MaildirChangedException(directory, "UID " + uid + " is given already (next UID " + next + ")");
                }
                next = uid + 1;
                Uidlist.Entry entry = byUid.get(old);
                Path file = entry == null ? null : files.get(entry.base());
                if (file == null) {
                    continue;
                }
                FileName name = FileName.parse(file.getFileName().toString());
                int fields = name.base().indexOf(',');
                String base = MaildirAppend.newBase(options) + (fields < 0 ? "" : name.base().substring(fields));
                Path target = directory.resolve(CUR).resolve(new FileName(base, name.letters() == null ? "" : name.letters()).name());
                move(file, target);
                moved.add(entry.base());
                added.add(new Uidlist.Entry(uid, base, List.of("G" + guidOf(entry))));
            }
            syncDirectories();
            lock.replaceProtected(list.keeping(e -> !moved.contains(e.base())).plus(added).format());
        }
    }

    /**
     * Takes {@code uidValidity} with every message at the UID {@code newUids} gives it (old UID to
     * new; a message not named keeps its UID if it is free), GUIDs kept: a mailbox merged with its
     * peer's. Dovecot's index files go, as in {@link #reset}, so Dovecot reads the new numbers.
     */
    void adopt(long uidValidity, Map<Long, Long> newUids) throws IOException {
        try (DovecotLock lock = DovecotLock.acquire(uidlistFile(), true, options)) {
            Uidlist list = readUidlist();
            if (list == null) {
                throw new MaildirChangedException(directory, "its dovecot-uidlist is gone");
            }
            java.util.TreeMap<Long, Uidlist.Entry> entries = new java.util.TreeMap<>();
            for (Uidlist.Entry entry : list.entries()) {
                long uid = newUids.getOrDefault(entry.uid(), entry.uid());
                Uidlist.Entry replaced = entries.put(uid, new Uidlist.Entry(uid, entry.base(), List.of("G" + guidOf(entry))));
                if (replaced != null) {
                    throw new IOException(directory + ": two messages would both get UID " + uid);
                }
            }
            removeIndexFiles();
            lock.replaceProtected(new Uidlist(uidValidity, 1, list.guid(), List.of(), new ArrayList<>(entries.values()))
                    .format());
        }
    }

    /** Removes the messages' files; one already gone is fine. */
    public void expunge(Collection<MaildirMessage> messages) throws IOException {
        Map<String, Path> moved = null;
        for (MaildirMessage message : messages) {
            if (!Files.deleteIfExists(message.file())) {
                moved = moved == null ? files() : moved;
                Path now = moved.get(message.base());
                if (now != null) {
                    Files.deleteIfExists(now);
                }
            }
        }
        syncDirectories();
    }

    /** The keyword table with a letter for each of {@code keywords} that fits, written under Dovecot's lock if it grew. */
    KeywordFile keywordsFor(Set<String> keywords) throws IOException {
        KeywordFile table = KeywordFile.read(directory);
        if (table.with(keywords) == table) {
            return table;
        }
        KeywordFile grown;
        try (DovecotLock lock = DovecotLock.acquire(directory.resolve(KeywordFile.NAME), false, options)) {
            KeywordFile fresh = KeywordFile.read(directory);
            grown = fresh.with(keywords);
            if (grown != fresh) {
                lock.replaceWith(grown.format());
            }
        }
        for (String keyword : keywords) {
            if (grown.letter(keyword) == 0) {
                options.notices().accept(directory + ": a maildir folder keeps at most " + KeywordFile.MAX
                        + " keywords; " + keyword + " is not kept in its file names");
            }
        }
        return grown;
    }

    Path uidlistFile() {
        return directory.resolve(Uidlist.NAME);
    }

    /** The uidlist as it is now, or null if there is none or Dovecot would not read its header. */
    Uidlist readUidlist() throws IOException {
        String text;
        try {
            text = Files.readString(uidlistFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        return Uidlist.parse(text, uidlistFile().toString(), options.notices());
    }

    /** Gives every file the uidlist lacks a UID, under Dovecot's lock (in memory if the folder is read-only). */
    private Uidlist giveUids(Map<String, Path> files) throws IOException {
        try (DovecotLock lock = DovecotLock.acquire(uidlistFile(), true, options)) {
            Uidlist updated = withUidsFor(readUidlist(), files);
            lock.replaceProtected(updated.format());
            return updated;
        } catch (AccessDeniedException e) {
            options.notices().accept(directory + ": read-only, so UIDs given to new messages are not kept ("
                    + e.getMessage() + ")");
            return withUidsFor(readUidlist(), files);
        }
    }

    private Uidlist withUidsFor(Uidlist current, Map<String, Path> files) {
        Uidlist list = current != null ? current
                : Uidlist.fresh(Math.max(1, options.clock().instant().getEpochSecond() & 0xffff_ffffL), Guid.random());
        if (list.guid() == null) {
            list = new Uidlist(list.uidValidity(), list.nextUid(), Guid.random(), List.of(), list.entries());
        }
        List<String> unlisted = new ArrayList<>();
        for (String base : files.keySet()) {
            if (list.entry(base) == null) {
                unlisted.add(base);
            }
        }
        unlisted.sort(DOVECOT_ORDER);
        List<Uidlist.Entry> added = new ArrayList<>(unlisted.size());
        long uid = list.nextUid();
        for (String base : unlisted) {
            added.add(new Uidlist.Entry(uid++, base, List.of()));
        }
        return list.plus(added);
    }

    /**
     * The order Dovecot gives new files their UIDs in: by the delivery time their names start
     * with ({@code seconds.M<microseconds>...}), then by name.
     */
    static final Comparator<String> DOVECOT_ORDER = Comparator.comparingLong((String base) -> leadingNumber(base, 0))
            .thenComparingLong(base -> base.indexOf(".M") > 0 ? leadingNumber(base, base.indexOf(".M") + 2) : 0)
            .thenComparing(Comparator.naturalOrder());

    private static long leadingNumber(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length() && i - from < 18 && Character.isDigit(text.charAt(i)); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** Every message file by base name; one in {@code cur/} wins over the same in {@code new/} (moved meanwhile). */
    Map<String, Path> files() throws IOException {
        Map<String, Path> files = new HashMap<>();
        for (String sub : List.of(NEW, CUR)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.resolve(sub))) {
                for (Path file : entries) {
                    String name = file.getFileName().toString();
                    if (FileName.isMessageName(name)) {
                        files.put(FileName.baseOf(name), file);
                    }
                }
            } catch (NoSuchFileException e) {
                // a folder without new/ (or being deleted): nothing there
            }
        }
        return files;
    }

    private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The GUID of a listed message (see {@link MaildirMessage#guid}). */
    static String guidOf(Uidlist.Entry entry) {
        String field = entry.field('G');
        if (field != null && field.matches("[0-9a-f]{32}")) {
            return field;
        }
        String named = field != null && !field.isEmpty() ? field : entry.base();
        if (named.matches("[0-9a-f]{32}")) {
            return named;
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(named.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1, sha1.length - 16, sha1.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    void syncDirectories() throws IOException {
        for (String sub : List.of(CUR, NEW)) {
            Path dir = directory.resolve(sub);
            if (Files.isDirectory(dir)) {
                DirectorySync.forPath(dir).sync(dir);
            }
        }
    }
}
