package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.storemulti.fs.FileModes;
import org.storemulti.store.name.Guid;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.TreeOwner;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxReader;
import org.storemulti.sync.mbox.MboxState;
import org.storemulti.sync.mbox.MboxWriteOptions;

/**
 * One user's mbox tree as the sync sees it: mailboxes by the GUIDs the tree's state gives them,
 * listings and the skip decision (a file whose size and mtime are as at its last listing is not
 * opened), mailbox creation, renames and deletion as file operations, Dovecot's
 * {@code .subscriptions}.
 */
final class MboxUserMail implements UserMail {

    private final String user;
    private final MboxLayout layout;
    private final String where;
    private final MboxLocation.Settings settings;
    private final TreeState state;
    private final SubscriptionsFile subscriptions;
    /** The latest listing and its mailbox's name: reused while the file's size and mtime stay. */
    private Listing cached;
    private String cachedName;

    MboxUserMail(String user, MboxLayout layout, String where, MboxLocation.Settings settings) throws IOException {
        this.user = user;
        this.layout = layout;
        this.where = where;
        this.settings = settings;
        this.state = TreeState.load(layout.stateFile(), settings.owner());
        this.subscriptions = new SubscriptionsFile(layout.subscriptionsFile(), settings.owner());
    }

    String where(String name) {
        return where + ": mailbox " + name;
    }

    MboxLayout layout() {
        return layout;
    }

    TreeState state() {
        return state;
    }

    void saveState() throws IOException {
        MboxErrors.call(where, () -> {
            state.save();
            return null;
        });
    }

    /** The quoting a mailbox's file is read with: a spool INBOX given apart is local(8)'s mboxo. */
    MboxFormat format(String name) {
        return name.equals(MboxLayout.INBOX) && settings.inboxApart() ? MboxFormat.mboxo() : MboxFormat.defaults();
    }

    MboxWriteOptions writeOptions(String name) {
        return settings.write();
    }

    /** The flags an mbox can keep: system flags and atom keywords (others are told and left out). */
    Set<String> fitting(String name, Set<String> flags) {
        Set<String> kept = new LinkedHashSet<>();
        for (String flag : flags) {
            try {
                new org.storemulti.sync.mbox.MboxMessage("", java.time.Instant.EPOCH, Set.of(flag), 0);
                kept.add(flag);
            } catch (IllegalArgumentException e) {
                settings.notices().accept(where(name) + ": flag " + flag + " cannot be kept in an mbox; left out");
            }
        }
        return kept;
    }

    /** The file's size and mtime now; null if it is not a file (missing, or a directory). */
    MboxState stateNow(String name) throws LocationException {
        Path file = layout.pathOf(name);
        return MboxErrors.call(where(name), () -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? MboxState.of(file) : null);
    }

    /**
     * Makes {@code name}'s file, empty, if it is missing (an INBOX that never had mail; a spool
     * directory too), as the tree's owner's.
     */
    void makeFile(String name) throws IOException {
        Path file = layout.pathOf(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            MboxErrors.call(where(name), () -> {
                Path parent = file.toAbsolutePath().getParent();
                if (!Files.isDirectory(parent)) {
                    FileModes.createDirectories(parent, FileModes.PRIVATE_DIRECTORY);
                    TreeOwner.give(settings.owner(), parent);
                }
                FileModes.openOrCreate(file, FileModes.PRIVATE_FILE, java.nio.file.StandardOpenOption.WRITE).close();
                TreeOwner.give(settings.owner(), file);
                return null;
            });
        }
    }

    boolean isHolder(String name) {
        return Files.isDirectory(layout.pathOf(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** The state entry of {@code name}, made (new GUID and UID validity) if it has none. */
    TreeState.Entry entry(String name) {
        TreeState.Entry entry = state.get(name);
        return entry != null ? entry : state.put(name, new TreeState.Entry(Guid.random(), newUidValidity(null), 1));
    }

    /** A UID validity for a file numbered afresh: now in seconds, never {@code old}'s. */
    long newUidValidity(TreeState.Entry old) {
        long now = Math.max(1, settings.clock().instant().getEpochSecond() & 0xffff_ffffL);
        return old != null && old.uidValidity >= now ? old.uidValidity + 1 : now;
    }

    /**
     * Lists {@code name} whole, or gives the latest listing again if it is of {@code name} and the
     * file's size and mtime are as it saw them; the state learns what a new listing saw.
     */
    Listing list(String name) throws IOException {
        Path file = layout.pathOf(name);
        TreeState.Entry entry = entry(name);
        String at = where(name);
        if (cached != null && name.equals(cachedName) && cached.state != null) {
            MboxState now = MboxErrors.call(at, () -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? MboxState.of(file) : null);
            if (now != null && now.unchangedSince(cached.state) && entry.uidValidity == cached.uidValidity) {
                return cached;
            }
        }
        Listing listing = MboxErrors.call(at, () -> {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                return Listing.empty(null, entry.uidValidity, entry.uidNext);
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (!name.equals(MboxLayout.INBOX)) {
                    throw new LocationException(Kind.NOT_FOUND, at + ": " + file + " is gone (deleted meanwhile?)");
                }
                return Listing.empty(null, entry.uidValidity, entry.uidNext);
            }
            if (Files.size(file) == 0) {
                return Listing.empty(MboxState.of(file), entry.uidValidity, entry.uidNext);
            }
            Path scratch = settings.scratch() != null ? settings.scratch() : layout.stateFile().getParent();
            FileModes.createDirectories(scratch, FileModes.PRIVATE_DIRECTORY);
            MboxReader reader = MboxReader.snapshot(file, scratch, settings.write().locks(), format(name));
            try {
                return Listing.of(reader, format(name), entry, newUidValidity(entry));
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        });
        entry.uidValidity = listing.uidValidity;
        entry.uidNext = listing.uidNext;
        entry.count = listing.messages.size();
        entry.seen = listing.state;
        entry.plan = new TreeState.AppendPlan(listing.keepsUids, listing.declaredKeywords);
        entry.guids.clear();
        listing.messages.forEach(m -> entry.guids.put(m.uid(), m.guid()));
        saveState();
        dropCached();
        cached = listing;
        cachedName = name;
        return listing;
    }

    /** {@code name}'s state: from the tree's state if its file is as last listed (not opened), else listed. */
    FolderInfo info(String name) throws IOException {
        Path file = layout.pathOf(name);
        TreeState.Entry entry = entry(name);
        MboxState now = MboxErrors.call(where(name), () -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? MboxState.of(file)
                : null);
        if (now == null || !now.unchangedSince(entry.seen)) {
            list(name).close();
        }
        MboxState seen = entry.seen;
        String token = "mbox " + (seen == null ? "-" : seen.size() + " " + seen.modified().to(TimeUnit.NANOSECONDS)) + " "
                + entry.uidValidity + " " + entry.uidNext + " " + entry.count;
        return new FolderInfo(name, entry.guid, entry.uidValidity, entry.uidNext, 0, entry.count, token, entry.specialUse);
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public List<FolderInfo> folders() throws IOException {
        Map<String, Path> folders = MboxErrors.call(where, layout::folders);
        List<FolderInfo> infos = new ArrayList<>();
        for (Map.Entry<String, Path> each : folders.entrySet()) {
            boolean directory = Files.isDirectory(each.getValue(), LinkOption.NOFOLLOW_LINKS);
            if (!directory || state.get(each.getKey()) != null) {
                infos.add(info(each.getKey())); // a directory is a mailbox only if one was made or moved there
            }
        }
        return infos;
    }

    @Override
    public Folder folder(String guid) throws IOException {
        name(guid);
        return new MboxSyncFolder(this, guid);
    }

    /** The name of the mailbox with {@code guid} now; {@link Kind#NOT_FOUND} if none. */
    String name(String guid) throws IOException {
        String name = state.nameOf(guid);
        if (name != null && (name.equals(MboxLayout.INBOX) || Files.exists(layout.pathOf(name), LinkOption.NOFOLLOW_LINKS))) {
            return name;
        }
        throw new LocationException(Kind.NOT_FOUND, where + ": mailbox " + guid + ": no such mailbox (deleted meanwhile?)");
    }

    @Override
    public FolderInfo create(String name, String guid, long uidValidity) throws IOException {
        String at = where(name);
        if (name.equals(MboxLayout.INBOX) || layout.singleFile()) {
            throw new LocationException(name.equals(MboxLayout.INBOX) ? Kind.CONFLICT : Kind.REFUSED,
                    at + (name.equals(MboxLayout.INBOX) ? ": the name is taken"
                            : ": this location is one mbox file (the INBOX); give a directory to hold other mailboxes"));
        }
        if (!fitName(name, '_').equals(name)) {
            throw new LocationException(Kind.REFUSED, at + ": an mbox tree cannot hold this name; use -C to replace what it cannot");
        }
        Path file = layout.pathOf(name);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new LocationException(Kind.CONFLICT, at + ": the name is taken");
        }
        MboxErrors.call(at, () -> {
            makeParents(name);
            FileModes.create(file, FileModes.PRIVATE_FILE).close();
            TreeOwner.give(settings.owner(), file);
            return null;
        });
        String wanted = guid == null || state.nameOf(guid) != null ? Guid.random() : guid;
        TreeState.Entry entry = new TreeState.Entry(wanted, uidValidity > 0 ? uidValidity : newUidValidity(null), 1);
        state.put(name, entry);
        saveState();
        return info(name);
    }

    /**
     * Makes the directories above {@code name}; an empty mailbox file in the way becomes a
     * directory (the mailbox stays, holding mailboxes instead of messages), one with messages
     * refuses.
     */
    private void makeParents(String name) throws IOException {
        String parent = name;
        List<String> parents = new ArrayList<>();
        while (parent.lastIndexOf('/') > 0) {
            parent = parent.substring(0, parent.lastIndexOf('/'));
            parents.add(0, parent);
        }
        for (String each : parents) {
            Path path = layout.pathOf(each);
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.size(path) > 0) {
                    throw new LocationException(Kind.REFUSED, where(name) + ": its parent " + each + " holds messages, and an"
                            + " mbox name is a file or a directory, never both; move the messages or rename the mailbox");
                }
                Files.delete(path);
            }
            FileModes.createDirectories(path, FileModes.PRIVATE_DIRECTORY);
            TreeOwner.give(settings.owner(), path);
        }
        FileModes.createDirectories(layout.root(), FileModes.PRIVATE_DIRECTORY);
    }

    @Override
    public void rename(String guid, String newName) throws IOException {
        String old = name(guid);
        String at = where(old);
        if (old.equals(MboxLayout.INBOX) || newName.equals(MboxLayout.INBOX)) {
            throw new LocationException(Kind.REFUSED, at + ": the INBOX is never renamed");
        }
        Path target = layout.pathOf(newName);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new LocationException(Kind.CONFLICT, at + ": cannot rename to " + newName + ": the name is taken");
        }
        MboxErrors.call(at, () -> {
            makeParents(newName);
            Files.move(layout.pathOf(old), target, StandardCopyOption.ATOMIC_MOVE);
            return null;
        });
        state.rename(old, newName);
        saveState();
    }

    @Override
    public void delete(String guid) throws IOException {
        String name = name(guid);
        String at = where(name);
        if (name.equals(MboxLayout.INBOX)) {
            throw new LocationException(Kind.REFUSED, at + ": the INBOX is never deleted");
        }
        Path path = layout.pathOf(name);
        MboxErrors.call(at, () -> {
            boolean keptForChildren = false;
            if (isHolder(name)) {
                try (var children = Files.list(path)) {
                    keptForChildren = children.findAny().isPresent(); // the directory stays for them, no longer a mailbox
                }
            }
            if (!keptForChildren) {
                Files.deleteIfExists(path);
            }
            return null;
        });
        state.remove(name);
        saveState();
    }

    @Override
    public void setSpecialUse(String guid, Set<String> uses) throws IOException {
        entry(name(guid)).specialUse = new TreeSet<>(uses);
        saveState();
    }

    @Override
    public Set<String> subscriptions() throws IOException {
        return MboxErrors.call(where, subscriptions::read);
    }

    @Override
    public void subscribe(String name) throws IOException {
        Set<String> now = subscriptions();
        if (now.add(name)) {
            MboxErrors.run(where, () -> subscriptions.write(now));
        }
    }

    @Override
    public void unsubscribe(String name) throws IOException {
        Set<String> now = subscriptions();
        if (now.remove(name)) {
            MboxErrors.run(where, () -> subscriptions.write(now));
        }
    }

    /** Segments may not start with a dot (hidden files) nor end in {@code .lock}: those become {@code altChar}. */
    @Override
    public String fitName(String name, char altChar) {
        if (name.equals(MboxLayout.INBOX)) {
            return name;
        }
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty() || s.startsWith(".")) {
                s = altChar + (s.isEmpty() ? "" : s.substring(1));
            }
            if (s.endsWith(".lock")) {
                s = s.substring(0, s.length() - 5) + altChar + "lock";
            }
            if (i == 0 && s.equalsIgnoreCase("inbox")) {
                s = s + altChar;
            }
            segments[i] = s;
        }
        return String.join("/", segments);
    }

    private void dropCached() throws IOException {
        if (cached != null) {
            Listing old = cached;
            cached = null;
            MboxErrors.call(where, () -> {
                old.release();
                return null;
            });
        }
    }

    @Override
    public void close() throws IOException {
        dropCached();
    }
}
