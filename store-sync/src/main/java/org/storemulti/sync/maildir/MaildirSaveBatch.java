package org.storemulti.sync.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.storemulti.store.name.Guid;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.location.Saved;

/**
 * A sync save batch on a {@link MaildirAppend}: files written to {@code tmp/} as they stream,
 * renamed into {@code cur/} and listed in the uidlist at commit. A UID below the next UID (or
 * given out meanwhile) takes the next one; a GUID the folder has already gets a new one.
 */
final class MaildirSaveBatch implements SaveBatch {

    private final MaildirAppend append;
    private final long nextUid;
    private final Set<String> guids;
    private final String where;

    MaildirSaveBatch(MaildirFolder folder, long nextUid, Set<String> guids, String where) {
        this.append = folder.appendTakingNextForUsedUids();
        this.nextUid = nextUid;
        this.guids = new java.util.HashSet<>(guids);
        this.where = where;
    }

    @Override
    public void add(MessageMeta wanted, InputStream content) throws IOException {
        String guid = wanted.guid() == null || !guids.add(wanted.guid()) ? Guid.random() : wanted.guid();
        guids.add(guid);
        long uid = wanted.uid() >= nextUid ? wanted.uid() : 0;
        MaildirErrors.call(where, () -> {
            append.add(content, wanted.flags().values(), wanted.internalDate(), guid, uid);
            return null;
        });
    }

    @Override
    public List<Saved> commit() throws IOException {
        List<MaildirMessage> added = MaildirErrors.call(where, append::commit);
        List<Saved> saved = new ArrayList<>(added.size());
        added.forEach(m -> saved.add(Saved.stored(m.uid(), m.guid(), 0)));
        return saved;
    }

    @Override
    public void close() throws IOException {
        append.close();
    }
}
