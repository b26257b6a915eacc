package org.storemulti.sync.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storemulti.store.Store;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxChanges;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MessageFlags;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.StoreResult;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.BodyReader;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderChanges;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.FlagResult;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;

/** One mailbox of a store as a sync folder: a {@link MailboxHandle}, which follows it through renames. */
final class StoreFolder implements Folder {

    private final StoreUserMail user;
    private final Store store;
    private final MailboxHandle handle;
    private final String where;

    StoreFolder(StoreUserMail user, Store store, MailboxHandle handle, String where) {
        this.user = user;
        this.store = store;
        this.handle = handle;
        this.where = where + ": mailbox " + handle.guid();
    }

    @Override
    public FolderInfo info() throws LocationException {
        return StoreErrors.call(where, () -> {
            var state = handle.state();
            return user.info(state, user.specialUse(state.mailbox()));
        });
    }

    @Override
    public List<MessageMeta> messages(UidSet uids) throws LocationException {
        return StoreErrors.call(where, () -> {
            List<MessageMeta> metas = new ArrayList<>();
            for (MessageRecord record : handle.fetch(uids, false)) {
                metas.add(meta(record));
            }
            return metas;
        });
    }

    private static MessageMeta meta(MessageRecord record) {
        return new MessageMeta(record.uid(), record.guid(), record.modseq(), record.flags(), record.internalDate(),
                record.size());
    }

    @Override
    public Optional<FolderChanges> changesSince(String token) throws LocationException {
        long modseq;
        try {
            modseq = Long.parseLong(token);
        } catch (NumberFormatException e) {
            return Optional.empty(); // not ours (a state from another kind of location): list it all
        }
        MailboxChanges changes = StoreErrors.call(where, () -> handle.changesSince(modseq));
        if (!(changes.expunged() instanceof ExpungeHistory.Known known)) {
            return Optional.empty();
        }
        List<MessageMeta> changed = new ArrayList<>();
        for (MessageFlags each : changes.changed()) {
            changed.add(new MessageMeta(each.uid(), each.guid(), each.modseq(), each.flags(), null, -1));
        }
        FolderInfo info = StoreErrors.call(where, () -> user.info(changes.state(),
                user.specialUse(changes.state().mailbox())));
        return Optional.of(new FolderChanges(info, changed, known.expunged()));
    }

    @Override
    public void read(List<Long> uids, BodyReader reader) throws IOException {
        Map<Long, MessageRecord> found = new HashMap<>();
        for (MessageRecord record : StoreErrors.call(where, () -> handle.fetch(UidSet.of(uids), false))) {
            found.put(record.uid(), record);
        }
        for (long uid : uids) {
            MessageRecord record = found.get(uid);
            if (record == null) {
                continue;
            }
            try (InputStream content = record.content().open()) {
                reader.body(meta(record), content);
            }
        }
    }

    @Override
    public SaveBatch saveBatch() throws LocationException {
        return new StoreSaveBatch(StoreErrors.call(where, handle::saveBatch), where);
    }

    @Override
    public FlagResult setFlags(Map<Long, Flags> flags, long unchangedSince) throws LocationException {
        Map<Flags, List<Long>> byFlags = new LinkedHashMap<>();
        flags.forEach((uid, wanted) -> byFlags.computeIfAbsent(wanted, f -> new ArrayList<>()).add(uid));
        long modseq = 0;
        List<Long> refused = new ArrayList<>();
        for (Map.Entry<Flags, List<Long>> group : byFlags.entrySet()) {
            StoreResult result = StoreErrors.call(where, () -> handle.store(UidSet.of(group.getValue()),
                    FlagChange.replace(group.getKey()), unchangedSince));
            modseq = Math.max(modseq, result.modseq());
            result.refused().forEach(refused::add);
        }
        return new FlagResult(modseq, refused);
    }

    @Override
    public List<MessageMeta> remove(UidSet uids) throws LocationException {
        List<MessageMeta> gone = new ArrayList<>();
        for (Expunged each : StoreErrors.call(where, () -> handle.remove(uids))) {
            gone.add(new MessageMeta(each.uid(), each.guid(), each.modseq(), Flags.NONE, null, -1));
        }
        return gone;
    }

    @Override
    public FolderInfo renumber(long uidValidity, Map<Long, Long> newUids) throws LocationException {
        return StoreErrors.call(where, () -> {
            var state = handle.renumber(uidValidity, newUids);
            return user.info(state, user.specialUse(state.mailbox()));
        });
    }

    @Override
    public FolderInfo resetIdentity(String guid, long uidValidity) throws LocationException {
        return StoreErrors.call(where, () -> {
            handle.resetIdentity(guid, uidValidity);
            var state = handle.state();
            return user.info(state, user.specialUse(state.mailbox()));
        });
    }

    Store store() {
        return store;
    }
}
