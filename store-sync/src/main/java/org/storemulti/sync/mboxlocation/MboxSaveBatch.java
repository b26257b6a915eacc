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
import org.storemulti.sync.mbox.MboxState;
import org.storemulti.sync.mbox.MboxWriteOptions;
import org.storemulti.sync.mbox.MboxWriter;

/**
 * New messages for one mbox file, staged as they stream and put in at {@link #commit} under the
 * locks: appended to a file that keeps UIDs (or an empty one, which starts keeping them); a file
 * without {@code X-IMAPbase} that holds messages is written anew with its messages first, so
 * every message gets the UID asked for (Dovecot adds the same fields on its first look).
 *
 * <p>A file still as this location last saw it (size and mtime) is appended to without being
 * read again; a commit that finds it so under the locks leaves the state knowing it exactly, so
 * a copy in many batches reads the file once, not once a batch.
 */
final class MboxSaveBatch implements SaveBatch {

    /** What the batch starts from: the file as known, and what a commit adds to. */
    private record Basis(MboxState state, long uidValidity, long uidNext, long count, List<String> declared,
            Set<String> guids) {
    }

    private final MboxUserMail mail;
    private final String name;
    private final MboxWriter writer;
    private final Basis basis;
    private final Set<String> guids;
    private final List<Saved> saved = new ArrayList<>();
    private boolean undeclared;
    private long next;

    private MboxSaveBatch(MboxUserMail mail, String name, MboxWriter writer, Basis basis) {
        this.mail = mail;
        this.name = name;
        this.writer = writer;
        this.basis = basis;
        this.guids = new HashSet<>(basis.guids());
        this.next = basis.uidNext();
    }

    static MboxSaveBatch open(MboxUserMail mail, String name) throws IOException {
        String where = mail.where(name);
        if (mail.isHolder(name)) {
            throw new LocationException(Kind.REFUSED, where + ": holds mailboxes below it, so it cannot hold messages"
                    + " (an mbox name is a file or a directory)");
        }
        TreeState.Entry entry = mail.entry(name);
        MboxState now = mail.stateNow(name);
        if (entry.plan != null && entry.plan.keepsUids() && now != null && now.unchangedSince(entry.seen)) {
            Basis known = new Basis(now, entry.uidValidity, entry.uidNext, entry.count, entry.plan.declared(),
                    Set.copyOf(entry.guids.values()));
            return append(mail, name, known);
        }
        try (Listing listing = mail.list(name)) {
            Set<String> listed = new HashSet<>();
            listing.messages.forEach(m -> listed.add(m.guid()));
            Basis basis = new Basis(listing.state, listing.uidValidity, listing.uidNext, listing.messages.size(),
                    listing.keepsUids ? listing.declaredKeywords : listing.keywords(), listed);
            if (listing.keepsUids) {
                return append(mail, name, basis);
            }
            MboxFolder folder = new MboxFolder(basis.uidValidity(), Math.max(1, basis.uidNext()), basis.declared());
            MboxWriter writer = MboxErrors.call(where, () -> MboxWriter.replace(mail.layout().pathOf(name),
                    mail.writeOptions(name).withFolder(folder), listing.state));
            listing.bodies(listing.messages, (m, content) -> writer.add(m.mbox(), content));
            return new MboxSaveBatch(mail, name, writer, basis);
        }
    }

    private static MboxSaveBatch append(MboxUserMail mail, String name, Basis basis) throws IOException {
        mail.makeFile(name);
        MboxFolder folder = new MboxFolder(basis.uidValidity(), Math.max(1, basis.uidNext()), basis.declared());
        MboxWriteOptions options = mail.writeOptions(name).withFolder(folder);
        MboxWriter writer = MboxErrors.call(mail.where(name), () -> MboxWriter.append(mail.layout().pathOf(name), options));
        return new MboxSaveBatch(mail, name, writer, basis);
    }

    @Override
    public void add(MessageMeta wanted, InputStream content) throws IOException {
        String guid = wanted.guid() == null || !guids.add(wanted.guid()) ? Guid.random() : wanted.guid();
        guids.add(guid);
        long uid = wanted.uid() >= next ? wanted.uid() : next;
        MboxMessage message = new MboxMessage("", wanted.internalDate(), mail.fitting(name, wanted.flags().values()), uid);
        MboxErrors.call(mail.where(name), () -> {
            writer.add(message, content);
            return null;
        });
        next = uid + 1;
        undeclared |= message.flags().stream().anyMatch(f -> !f.startsWith("\\") && !basis.declared().contains(f));
        saved.add(Saved.stored(uid, guid, 0));
    }

    @Override
    public List<Saved> commit() throws IOException {
        MboxWriter.Committed done = MboxErrors.call(mail.where(name), writer::commit);
        TreeState.Entry entry = mail.entry(name);
        boolean exact = basis.state() != null ? done.before().unchangedSince(basis.state())
                : basis.count() == 0 && done.before().size() == 0;
        entry.uidValidity = basis.uidValidity();
        entry.uidNext = Math.max(entry.uidNext, next);
        saved.forEach(s -> entry.guids.put(s.uid(), s.guid()));
        if (exact) {
            entry.seen = done.after();
            entry.count = basis.count() + saved.size();
            entry.plan = new TreeState.AppendPlan(true, basis.declared());
        } else {
            entry.seen = null; // another writer was there too: the next look lists the file
            entry.plan = null;
        }
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
