package org.storemulti.sync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.storemulti.store.Store;
import org.storemulti.store.mailbox.AclEntry;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxState;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.StoreExtras;
import org.storemulti.sync.location.UserMail;

/** One user's personal mailboxes ({@code user/NAME/...}) in a store, with its quota and ACLs. */
final class StoreUserMail implements UserMail, StoreExtras {

    private static final String INBOX = "INBOX";

    private final Store store;
    private final String domain;
    private final String name;
    private final String root;
    private final String where;

    StoreUserMail(Store store, String domain, String name, String location) {
        this.store = store;
        this.domain = domain;
        this.name = name;
        this.root = "user/" + name;
        this.where = location + ": user " + name + "@" + domain;
    }

    @Override
    public String user() {
        return name + "@" + domain;
    }

    String fullName(String folder) {
        return root + "/" + folder;
    }

    String folderName(String fullName) {
        return fullName.substring(root.length() + 1);
    }

    @Override
    public List<FolderInfo> folders() throws LocationException {
        return StoreErrors.call(where, () -> {
            Map<String, Set<String>> uses = new HashMap<>();
            for (MailboxInfo info : store.mailboxes().tree(domain, root)) {
                uses.put(info.name(), info.specialUse());
            }
            List<FolderInfo> folders = new ArrayList<>();
            for (MailboxState state : store.messages().states(domain, root)) {
                if (state.mailbox().startsWith(root + "/")) {
                    folders.add(info(state, uses.getOrDefault(state.mailbox(), Set.of())));
                }
            }
            return folders;
        });
    }

    FolderInfo info(MailboxState state, Set<String> specialUse) {
        return new FolderInfo(folderName(state.mailbox()), state.guid(), state.uidValidity(), state.uidNext(),
                state.highestModseq(), state.messages(), Long.toString(state.highestModseq()), specialUse);
    }

    /** The mailbox by GUID, if it is one of this user's. */
    MailboxHandle handle(String guid) throws LocationException {
        String place = where + ": mailbox " + guid;
        MailboxHandle handle = StoreErrors.call(place, () -> store.messages().mailboxByGuid(guid));
        String current = StoreErrors.call(place, () -> handle.state().mailbox());
        if (!current.startsWith(root + "/")) {
            throw new LocationException(Kind.NOT_FOUND, place + ": no such mailbox of this user (it is " + current + ")");
        }
        return handle;
    }

    /** The full name the mailbox {@code guid} has now. */
    private String currentName(String guid) throws LocationException {
        MailboxHandle handle = handle(guid);
        return StoreErrors.call(where, () -> handle.state().mailbox());
    }

    @Override
    public Folder folder(String guid) throws LocationException {
        return new StoreFolder(this, store, handle(guid), where);
    }

    Set<String> specialUse(String fullName) {
        return store.mailboxes().get(domain, fullName).specialUse();
    }

    @Override
    public FolderInfo create(String folder, String guid, long uidValidity) throws LocationException {
        String place = where + ": mailbox " + folder;
        return StoreErrors.call(place, () -> {
            store.mailboxes().addUserFolder(domain, name, folder);
            MailboxHandle handle = store.messages().mailbox(domain, fullName(folder));
            if (guid != null && uidValidity > 0) {
                try {
                    handle.resetIdentity(guid, uidValidity);
                } catch (org.storemulti.store.error.AlreadyExistsException e) {
                    handle.resetIdentity(handle.guid(), uidValidity); // the GUID is another user's: keep ours
                }
            }
            return info(handle.state(), Set.of());
        });
    }

    @Override
    public void rename(String guid, String newName) throws LocationException {
        String current = folderName(currentName(guid));
        refuseInbox(current, "renamed");
        StoreErrors.call(where + ": mailbox " + current, () -> {
            store.mailboxes().renameUserFolder(domain, name, current, newName);
            return null;
        });
    }

    @Override
    public void delete(String guid) throws LocationException {
        String current = folderName(currentName(guid));
        refuseInbox(current, "deleted");
        StoreErrors.call(where + ": mailbox " + current, () -> {
            store.mailboxes().deleteUserFolder(domain, name, current);
            return null;
        });
    }

    private void refuseInbox(String folder, String what) throws LocationException {
        if (folder.equals(INBOX)) {
            throw new LocationException(Kind.REFUSED, where + ": the INBOX is never " + what + " by a sync");
        }
    }

    @Override
    public void setSpecialUse(String guid, Set<String> uses) throws LocationException {
        String full = currentName(guid);
        StoreErrors.call(where + ": mailbox " + folderName(full), () -> {
            store.mailboxes().setSpecialUse(domain, full, uses);
            return null;
        });
    }

    @Override
    public Set<String> subscriptions() throws LocationException {
        return StoreErrors.call(where, () -> {
            Set<String> names = new TreeSet<>();
            for (String full : store.subscriptions().list(domain, name)) {
                if (full.startsWith(root + "/")) {
                    names.add(folderName(full));
                }
            }
            return names;
        });
    }

    @Override
    public void subscribe(String folder) throws LocationException {
        StoreErrors.call(where + ": subscription " + folder, () -> {
            store.subscriptions().subscribe(domain, name, fullName(folder));
            return null;
        });
    }

    @Override
    public void unsubscribe(String folder) throws LocationException {
        StoreErrors.call(where + ": subscription " + folder, () -> store.subscriptions().unsubscribe(domain, name,
                fullName(folder)));
    }

    @Override
    public Optional<StoreExtras> extras() {
        return Optional.of(this);
    }

    @Override
    public OptionalLong quotaKb() throws LocationException {
        return StoreErrors.call(where, () -> store.quotas().getUser(domain, name).limitKb());
    }

    @Override
    public void setQuotaKb(OptionalLong kilobytes) throws LocationException {
        StoreErrors.call(where + ": quota", () -> {
            if (kilobytes.isPresent()) {
                store.quotas().setUser(domain, name, kilobytes.getAsLong());
            } else if (store.quotas().getUser(domain, name).limitKb().isPresent()) {
                store.quotas().deleteUser(domain, name);
            }
            return null;
        });
    }

    @Override
    public Map<String, Map<String, String>> acls() throws LocationException {
        return StoreErrors.call(where, () -> {
            Map<String, String> guids = new HashMap<>();
            for (MailboxState state : store.messages().states(domain, root)) {
                guids.put(state.mailbox(), state.guid());
            }
            Map<String, Map<String, String>> all = new TreeMap<>();
            store.acls().tree(domain, root).forEach((full, entries) -> {
                if (full.startsWith(root + "/") && guids.containsKey(full)) {
                    all.put(guids.get(full), asMap(entries));
                }
            });
            return all;
        });
    }

    private static Map<String, String> asMap(List<AclEntry> entries) {
        Map<String, String> map = new TreeMap<>();
        for (AclEntry entry : entries) {
            map.put(entry.identifier(), entry.rights().letters());
        }
        return map;
    }

    @Override
    public Map<String, String> acl(String guid) throws LocationException {
        String full = currentName(guid);
        return StoreErrors.call(where + ": mailbox " + folderName(full), () -> asMap(store.acls().get(domain, full)));
    }

    @Override
    public void setAcl(String guid, Map<String, String> entries) throws LocationException {
        String full = currentName(guid);
        StoreErrors.call(where + ": mailbox " + folderName(full), () -> {
            Map<String, String> current = asMap(store.acls().get(domain, full));
            for (String identifier : current.keySet()) {
                if (!entries.containsKey(identifier)) {
                    store.acls().delete(domain, full, identifier);
                }
            }
            entries.forEach((identifier, rights) -> {
                if (!rights.equals(current.get(identifier))) {
                    store.acls().set(domain, full, identifier, rights);
                }
            });
            return null;
        });
    }

    @Override
    public void close() {
        // the store stays open: it is the location's
    }
}
