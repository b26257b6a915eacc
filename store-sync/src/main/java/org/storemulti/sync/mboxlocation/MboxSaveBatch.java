package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.storemulti.store.name.Guid;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.location.Saved;
import org.storemulti.sync.mbox.MboxFolder;
import org.storemulti.sync.mbox.MboxMessage;
import org.storemulti.sync.mbox.MboxWriter;

/**
 * New messages for one mbox file, staged as they stream and put in at {@link #commit} under the
 * locks: appended to a file that keeps UIDs (or an empty one, which starts keeping them); a file
 * without {@code X-IMAPbase} that holds messages is written anew with its messages first, so
 * every message gets the UID asked for (Dovecot adds the same fields on its first look).
 */
final class MboxSaveBatch implements SaveBatch {

    private final MboxUserMail mail;
    private final String name;
    private final MboxWriter writer;
    private final Set<String> guids = new HashSet<>();
    private final List<Saved> saved = new ArrayList<>();
    private final long uidValidity;
    private final List<String> declared;
    private boolean undeclared;
    private long next;

    private MboxSaveBatch(MboxUserMail mail, String name, MboxWriter writer, long uidValidity, long next,
            List<String> declared) {
        this.declared = declared;
        this.mail = mail;
        this.name = name;
        this.writer = writer;
        this.uidValidity = uidValidity;
        this.next = next;
    }

    static MboxSaveBatch open(MboxUserMail mail, String name) throws IOException {
        String where = mail.where(name);
        if (mail.isHolder(name)) {
            throw new LocationException(Kind.REFUSED, where + ": holds mailboxes below it, so it cannot hold messages"
                    + " (an mbox name is a file or a directory)");
        }
        try (Listing listing = mail.list(name)) {
            MboxFolder folder = new MboxFolder(listing.uidValidity, Math.max(1, listing.uidNext), listing.keywords());
            var options = mail.writeOptions(name).withFolder(folder);
            MboxWriter writer;
            if (listing.keepsUids) {
                writer = mail.call(where, () -> MboxWriter.append(mail.layout().pathOf(name), options));
            } else {
                writer = mail.call(where, () -> MboxWriter.replace(mail.layout().pathOf(name), options, listing.state));
                listing.bodies(listing.messages, (m, content) -> writer.add(m.mbox(), content));
            }
            MboxSaveBatch batch = new MboxSaveBatch(mail, name, writer, listing.uidValidity, listing.uidNext,
                    listing.keepsUids ? listing.declaredKeywords : folder.keywords());
            for (Listing.Message m : listing.messages) {
                batch.guids.add(m.guid());
            }
            if (!listing.keepsUids) {
                mail.entry(name).guids.clear();
                listing.messages.forEach(m -> mail.entry(name).guids.put(m.uid(), m.guid()));
            }
            return batch;
        }
    }

    @Override
    public void add(MessageMeta wanted, InputStream content) throws IOException {
        String guid = wanted.guid() == null || !guids.add(wanted.guid()) ? Guid.random() : wanted.guid();
        guids.add(guid);
        long uid = wanted.uid() >= next ? wanted.uid() : next;
        MboxMessage message = new MboxMessage("", wanted.internalDate(), mail.fitting(name, wanted.flags().values()), uid);
        mail.call(mail.where(name), () -> {
            writer.add(message, content);
            return null;
        });
        next = uid + 1;
        undeclared |= message.flags().stream().anyMatch(f -> !f.startsWith("\\") && !declared.contains(f));
        saved.add(Saved.stored(uid, guid, 0));
    }

    @Override
    public List<Saved> commit() throws IOException {
        mail.call(mail.where(name), writer::commit);
        TreeState.Entry entry = mail.entry(name);
        entry.uidValidity = uidValidity;
        entry.uidNext = Math.max(entry.uidNext, next);
        entry.seen = null;
        saved.forEach(s -> entry.guids.put(s.uid(), s.guid()));
        mail.saveState();
        if (undeclared) {
            MboxSyncFolder.declareKeywords(mail, name);
        }
        List<Saved> result = List.copyOf(saved);
        saved.clear();
        return result;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
