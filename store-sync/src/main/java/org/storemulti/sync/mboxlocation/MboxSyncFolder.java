package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.BodyReader;
import org.storemulti.sync.location.FlagResult;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderChanges;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.maildir.CrlfInput;
import org.storemulti.sync.mbox.MboxFolder;
import org.storemulti.sync.mbox.MboxMessage;
import org.storemulti.sync.mbox.MboxWriter;

/**
 * One mbox mailbox as a sync {@link Folder}, found by its GUID in the tree's state on every call
 * (so it follows renames). Listing reads a consistent copy of the file; every change but an
 * append (flags, expunges, new UIDs) writes the whole file anew and replaces it under the locks,
 * only if it is still as listed (else "changed meanwhile, run again").
 */
final class MboxSyncFolder implements Folder {

    private final MboxUserMail mail;
    private String guid;

    MboxSyncFolder(MboxUserMail mail, String guid) {
        this.mail = mail;
        this.guid = guid;
    }

    static MessageMeta meta(Listing.Message m) {
        return new MessageMeta(m.uid(), m.guid(), 0, Flags.of(m.mbox().flags()), m.mbox().internalDate(), m.size());
    }

    @Override
    public FolderInfo info() throws IOException {
        return mail.info(mail.name(guid));
    }

    @Override
    public List<MessageMeta> messages(UidSet uids) throws IOException {
        try (Listing listing = mail.list(mail.name(guid))) {
            List<MessageMeta> metas = new ArrayList<>();
            for (Listing.Message m : listing.messages) {
                if (uids.contains(m.uid())) {
                    metas.add(meta(m));
                }
            }
            return metas;
        }
    }

    @Override
    public Optional<FolderChanges> changesSince(String token) {
        return Optional.empty();
    }

    @Override
    public void read(List<Long> uids, BodyReader reader) throws IOException {
        try (Listing listing = mail.list(mail.name(guid))) {
            Map<Long, Listing.Message> byUid = listing.byUid();
            List<Listing.Message> wanted = new ArrayList<>();
            for (Long uid : uids) {
                Listing.Message m = byUid.get(uid);
                if (m != null) {
                    wanted.add(m);
                }
            }
            listing.bodies(wanted, (m, content) -> reader.body(meta(m), new CrlfInput(content)));
        }
    }

    @Override
    public SaveBatch saveBatch() throws IOException {
        return MboxSaveBatch.open(mail, mail.name(guid));
    }

    /** A message of the new file: the one listed, with its new UID and flags. */
    private record Kept(Listing.Message message, long uid, Set<String> flags) {
    }

    /**
     * Writes {@code name} anew with every message as it is, so its {@code X-IMAPbase} names every
     * keyword its messages have (Dovecot ignores an {@code X-Keywords} word it does not name).
     */
    static void declareKeywords(MboxUserMail mail, String name) throws IOException {
        try (Listing listing = mail.list(name)) {
            if (listing.declaredKeywords.containsAll(listing.keywords())) {
                return;
            }
            List<Kept> kept = new ArrayList<>();
            listing.messages.forEach(m -> kept.add(new Kept(m, m.uid(), m.mbox().flags())));
            new MboxSyncFolder(mail, mail.entry(name).guid).rewrite(name, listing, kept, listing.uidValidity,
                    listing.uidNext);
        }
    }

    /**
     * Writes the file anew with {@code kept} (any order: written by UID) under {@code uidValidity},
     * replacing it only if it is still as {@code listing} read it.
     */
    private void rewrite(String name, Listing listing, List<Kept> kept, long uidValidity, long uidNext) throws IOException {
        List<Kept> ordered = new ArrayList<>(kept);
        ordered.sort(Comparator.comparingLong(Kept::uid));
        long next = Math.max(uidNext, ordered.isEmpty() ? 1 : ordered.get(ordered.size() - 1).uid() + 1);
        Set<String> keywords = new LinkedHashSet<>();
        ordered.forEach(k -> k.flags().stream().filter(f -> !f.startsWith("\\")).forEach(keywords::add));
        MboxFolder folder = new MboxFolder(uidValidity, next, List.copyOf(keywords));
        String where = mail.where(name);
        MboxWriter.Committed done = MboxErrors.call(where, () -> {
            try (MboxWriter writer = MboxWriter.replace(mail.layout().pathOf(name), mail.writeOptions(name).withFolder(folder),
                    listing.state)) {
                Map<Integer, Kept> byIndex = new java.util.HashMap<>();
                ordered.forEach(k -> byIndex.put(k.message().index(), k));
                listing.bodies(ordered.stream().map(Kept::message).toList(), (m, content) -> {
                    Kept k = byIndex.get(m.index());
                    writer.add(new MboxMessage(m.mbox().sender(), m.mbox().internalDate(), k.flags(), k.uid()), content);
                });
                return writer.commit();
            }
        });
        TreeState.Entry entry = mail.entry(name);
        entry.uidValidity = uidValidity;
        entry.uidNext = next;
        entry.guids.clear();
        ordered.forEach(k -> entry.guids.put(k.uid(), k.message().guid()));
        // replaced only if still as listed: the file is now exactly what was written
        entry.seen = ordered.isEmpty() ? null : done.after();
        entry.count = ordered.size();
        entry.plan = ordered.isEmpty() ? null : new TreeState.AppendPlan(true, folder.keywords());
        mail.saveState();
    }

    @Override
    public FlagResult setFlags(Map<Long, Flags> flags, long unchangedSince) throws IOException {
        String name = mail.name(guid);
        try (Listing listing = mail.list(name)) {
            boolean changes = false;
            List<Kept> kept = new ArrayList<>();
            for (Listing.Message m : listing.messages) {
                Flags wanted = flags.get(m.uid());
                Set<String> now = wanted == null ? m.mbox().flags() : mail.fitting(name, wanted.values());
                changes |= !now.equals(m.mbox().flags());
                kept.add(new Kept(m, m.uid(), now));
            }
            if (changes) {
                rewrite(name, listing, kept, listing.uidValidity, listing.uidNext);
            }
        }
        return new FlagResult(0, List.of());
    }

    @Override
    public List<MessageMeta> remove(UidSet uids) throws IOException {
        String name = mail.name(guid);
        try (Listing listing = mail.list(name)) {
            List<MessageMeta> gone = new ArrayList<>();
            List<Kept> kept = new ArrayList<>();
            for (Listing.Message m : listing.messages) {
                if (uids.contains(m.uid())) {
                    gone.add(meta(m));
                } else {
                    kept.add(new Kept(m, m.uid(), m.mbox().flags()));
                }
            }
            if (!gone.isEmpty()) {
                rewrite(name, listing, kept, listing.uidValidity, listing.uidNext);
            }
            return gone;
        }
    }

    @Override
    public FolderInfo renumber(long uidValidity, Map<Long, Long> newUids) throws IOException {
        String name = mail.name(guid);
        String where = mail.where(name);
        try (Listing listing = mail.list(name)) {
            boolean same = uidValidity == listing.uidValidity;
            List<Kept> kept = new ArrayList<>();
            Set<Long> taken = new java.util.HashSet<>();
            for (Listing.Message m : listing.messages) {
                Long target = newUids.get(m.uid());
                if (same && target != null && target < listing.uidNext) {
                    throw new LocationException(Kind.CONFLICT, where + ": new UID " + target + " is below UIDNEXT "
                            + listing.uidNext);
                }
                long uid = target != null ? target : m.uid();
                if (!taken.add(uid)) {
                    throw new LocationException(Kind.CONFLICT, where + ": two messages would both get UID " + uid);
                }
                kept.add(new Kept(m, uid, m.mbox().flags()));
            }
            rewrite(name, listing, kept, uidValidity, same ? listing.uidNext : 1);
        }
        return info();
    }

    @Override
    public FolderInfo resetIdentity(String newGuid, long uidValidity) throws IOException {
        String name = mail.name(guid);
        String where = mail.where(name);
        try (Listing listing = mail.list(name)) {
            if (!listing.messages.isEmpty()) {
                throw new LocationException(Kind.CONFLICT, where + ": holds messages; only an empty mailbox takes another identity");
            }
        }
        if (!newGuid.equals(guid) && mail.state().nameOf(newGuid) != null) {
            throw new LocationException(Kind.CONFLICT, where + ": the GUID " + newGuid + " is another mailbox's");
        }
        TreeState.Entry entry = mail.entry(name);
        entry.guid = newGuid;
        entry.uidValidity = uidValidity;
        entry.uidNext = 1;
        entry.guids.clear();
        if (java.nio.file.Files.isRegularFile(mail.layout().pathOf(name))
                && java.nio.file.Files.size(mail.layout().pathOf(name)) > 0) {
            // an empty mbox that still says X-IMAPbase: written empty, so the state's validity rules
            try (Listing listing = mail.list(name)) {
                rewrite(name, listing, List.of(), uidValidity, 1);
            }
        }
        entry.seen = null;
        mail.saveState();
        guid = newGuid;
        return info();
    }
}
