package org.storemulti.sync.maildir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.storemulti.store.name.Guid;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.UserMail;

/**
 * One user's Maildir++ tree as the sync sees it. Mailboxes are found by the GUID in their
 * {@code dovecot-uidlist}; the GUID-to-name map is kept and looked up again when a folder is
 * not where it was (renamed meanwhile). Special-use attributes, which Dovecot keeps in its
 * configuration rather than in the maildir, are kept in {@link SpecialUseFile}.
 */
final class MaildirUserMail implements UserMail {

    private final String user;
    private final Maildir maildir;
    private final String where;
    private final MaildirOptions options;
    private final SpecialUseFile specialUse;
    private final Map<String, String> names = new HashMap<>();

    MaildirUserMail(String user, Maildir maildir, String where, MaildirOptions options) {
        this.user = user;
        this.maildir = maildir;
        this.where = where;
        this.options = options;
        this.specialUse = new SpecialUseFile(maildir.root(), options);
    }

    /** A UIDVALIDITY for a new folder: the time in seconds, as Dovecot chooses it. */
    static long newUidValidity(MaildirOptions options) {
        return Math.max(1, options.clock().instant().getEpochSecond() & 0xffff_ffffL);
    }

    @Override
    public String user() {
        return user;
    }

    String where() {
        return where;
    }

    @Override
    public List<FolderInfo> folders() throws IOException {
        return MaildirErrors.call(where, () -> {
            Map<String, Set<String>> uses = specialUse.read();
            List<FolderInfo> infos = new ArrayList<>();
            names.clear();
            for (Map.Entry<String, MaildirFolder> each : maildir.folders().entrySet()) {
                FolderInfo info = MaildirSyncFolder.info(each.getKey(), each.getValue().list(), uses);
                names.put(info.guid(), info.name());
                infos.add(info);
            }
            return infos;
        });
    }

    @Override
    public Folder folder(String guid) throws IOException {
        name(guid);
        return new MaildirSyncFolder(this, guid);
    }

    /** The name of the folder with {@code guid} now; {@link Kind#NOT_FOUND} if none. */
    String name(String guid) throws IOException {
        String known = names.get(guid);
        if (known != null) {
            Uidlist list = maildir.folder(known).exists() ? maildir.folder(known).readUidlist() : null;
            if (list != null && guid.equals(list.guid())) {
                return known;
            }
        }
        folders();
        String found = names.get(guid);
        if (found == null) {
            throw new LocationException(Kind.NOT_FOUND, where + ": mailbox " + guid + ": no such mailbox (deleted meanwhile?)");
        }
        return found;
    }

    MaildirFolder directory(String guid) throws IOException {
        return maildir.folder(name(guid));
    }

    Map<String, Set<String>> specialUse() throws IOException {
        return specialUse.read();
    }

    MaildirOptions options() {
        return options;
    }

    @Override
    public FolderInfo create(String name, String guid, long uidValidity) throws IOException {
        String at = where + ": mailbox " + name;
        MaildirFolder folder = maildir.folder(name);
        if (!maildir.names().nameOf(maildir.names().directoryOf(name)).equals(name)) {
            throw new LocationException(Kind.REFUSED, at + ": a maildir cannot hold this name; use -C to replace what it cannot");
        }
        if (folder.exists()) {
            throw new LocationException(Kind.CONFLICT, at + ": the name is taken");
        }
        String wanted = guid == null || names.containsKey(guid) || guidInUse(guid) ? Guid.random() : guid;
        return MaildirErrors.call(at, () -> {
            folder.create(uidValidity > 0 ? uidValidity : newUidValidity(options), wanted);
            MaildirListing listing = folder.list();
            names.put(listing.guid(), name);
            return MaildirSyncFolder.info(name, listing, specialUse.read());
        });
    }

    private boolean guidInUse(String guid) throws IOException {
        folders();
        return names.containsKey(guid);
    }

    @Override
    public void rename(String guid, String newName) throws IOException {
        String old = name(guid);
        String at = where + ": mailbox " + old;
        if (old.equals(FolderNames.INBOX) || newName.equals(FolderNames.INBOX)) {
            throw new LocationException(Kind.REFUSED, at + ": the INBOX is the maildir's root; it is never renamed");
        }
        if (maildir.folder(newName).exists()) {
            throw new LocationException(Kind.CONFLICT, at + ": cannot rename to " + newName + ": the name is taken");
        }
        MaildirErrors.call(at, () -> {
            List<String> moving = new ArrayList<>();
            for (String name : maildir.folders().keySet()) {
                if (name.equals(old) || name.startsWith(old + "/")) {
                    moving.add(name);
                }
            }
            for (String name : moving) {
                maildir.rename(name, newName + name.substring(old.length()));
            }
            return null;
        });
        names.clear();
    }

    @Override
    public void delete(String guid) throws IOException {
        String name = name(guid);
        String at = where + ": mailbox " + name;
        if (name.equals(FolderNames.INBOX)) {
            throw new LocationException(Kind.REFUSED, at + ": the INBOX is never deleted");
        }
        MaildirErrors.call(at, () -> {
            maildir.delete(name);
            specialUse.set(guid, Set.of());
            return null;
        });
        names.remove(guid);
    }

    @Override
    public void setSpecialUse(String guid, Set<String> uses) throws IOException {
        name(guid);
        MaildirErrors.call(where, () -> {
            specialUse.set(guid, uses);
            return null;
        });
    }

    @Override
    public Set<String> subscriptions() throws IOException {
        return MaildirErrors.call(where, () -> new TreeSet<>(maildir.subscriptions()));
    }

    @Override
    public void subscribe(String name) throws IOException {
        Set<String> now = subscriptions();
        if (now.add(name)) {
            MaildirErrors.call(where, () -> {
                maildir.writeSubscriptions(now);
                return null;
            });
        }
    }

    @Override
    public void unsubscribe(String name) throws IOException {
        Set<String> now = subscriptions();
        if (now.remove(name)) {
            MaildirErrors.call(where, () -> {
                maildir.writeSubscriptions(now);
                return null;
            });
        }
    }

    @Override
    public String fitName(String name, char altChar) {
        FolderNames fitting = new FolderNames(altChar);
        return fitting.nameOf(fitting.directoryOf(name));
    }

    @Override
    public void close() {
        names.clear();
    }
}
