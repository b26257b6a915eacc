package org.storemulti.sync.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

/**
 * One maildir folder as a sync {@link Folder}, found by its mailbox GUID on every call (so it
 * follows a rename). Each call lists the folder afresh: another program (Dovecot, a delivery)
 * may change it between calls, and a listing is what gives new files their UIDs.
 */
final class MaildirSyncFolder implements Folder {

    private final MaildirUserMail mail;
    /** Changes only with {@link #resetIdentity}: the handle follows its folder to the new GUID. */
    private String guid;

    MaildirSyncFolder(MaildirUserMail mail, String guid) {
        this.mail = mail;
        this.guid = guid;
    }

    /**
     * The state of a listed folder. The token is a digest of UIDVALIDITY, the next UID and every
     * message's UID and flags: equal exactly when nothing the sync compares has changed (file
     * times cannot tell a change made within the same clock tick).
     */
    static FolderInfo info(String name, MaildirListing listing, Map<String, Set<String>> specialUse) {
        MessageDigest digest = sha1();
        StringBuilder line = new StringBuilder();
        for (MaildirMessage m : listing.messages()) {
            line.setLength(0);
            line.append(m.uid()).append(' ').append(m.guid()).append(' ').append(new TreeSet<>(m.flags())).append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        String token = "maildir " + listing.uidValidity() + " " + listing.nextUid() + " "
                + HexFormat.of().formatHex(digest.digest(), 0, 12);
        return new FolderInfo(name, listing.guid(), listing.uidValidity(), listing.nextUid(), 0,
                listing.messages().size(), token, specialUse.getOrDefault(listing.guid(), Set.of()));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    static MessageMeta meta(MaildirMessage m) {
        long crlfSize = FileName.parse(m.file().getFileName().toString()).field('W');
        return new MessageMeta(m.uid(), m.guid(), 0, Flags.of(m.flags()), m.internalDate(), crlfSize);
    }

    private String where() throws IOException {
        return mail.where() + ": mailbox " + mail.name(guid);
    }

    /** The folder and its listing now. */
    private record Listed(String name, MaildirFolder folder, MaildirListing listing) {
        Map<Long, MaildirMessage> byUid() {
            Map<Long, MaildirMessage> map = new HashMap<>();
            listing.messages().forEach(m -> map.put(m.uid(), m));
            return map;
        }
    }

    private Listed listed() throws IOException {
        String name = mail.name(guid);
        MaildirFolder folder = mail.directory(guid);
        return MaildirErrors.call(mail.where() + ": mailbox " + name, () -> new Listed(name, folder, folder.list()));
    }

    @Override
    public FolderInfo info() throws IOException {
        Listed now = listed();
        return info(now.name(), now.listing(), mail.specialUse());
    }

    @Override
    public List<MessageMeta> messages(UidSet uids) throws IOException {
        List<MessageMeta> metas = new ArrayList<>();
        for (MaildirMessage m : listed().listing().messages()) {
            if (uids.contains(m.uid())) {
                metas.add(meta(m));
            }
        }
        return metas;
    }

    @Override
    public Optional<FolderChanges> changesSince(String token) {
        return Optional.empty();
    }

    @Override
    public void read(List<Long> uids, BodyReader reader) throws IOException {
        Listed now = listed();
        Map<Long, MaildirMessage> byUid = now.byUid();
        for (Long uid : uids) {
            MaildirMessage m = byUid.get(uid);
            if (m == null) {
                continue;
            }
            InputStream content;
            try {
                content = now.folder().open(m);
            } catch (MaildirChangedException e) {
                continue; // expunged since the listing: skipped, as a UID no longer there
            }
            try (content) {
                reader.body(meta(m), content);
            }
        }
    }

    @Override
    public SaveBatch saveBatch() throws IOException {
        Listed now = listed();
        Set<String> guids = new java.util.HashSet<>();
        now.listing().messages().forEach(m -> guids.add(m.guid()));
        return new MaildirSaveBatch(now.folder(), now.listing().nextUid(), guids, where());
    }

    @Override
    public FlagResult setFlags(Map<Long, Flags> flags, long unchangedSince) throws IOException {
        Listed now = listed();
        Map<Long, MaildirMessage> byUid = now.byUid();
        Map<MaildirMessage, Set<String>> changes = new LinkedHashMap<>();
        flags.forEach((uid, wanted) -> {
            MaildirMessage m = byUid.get(uid);
            if (m != null && !m.flags().equals(wanted.values())) {
                changes.put(m, wanted.values());
            }
        });
        MaildirErrors.call(where(), () -> now.folder().setFlags(changes));
        return new FlagResult(0, List.of());
    }

    @Override
    public List<MessageMeta> remove(UidSet uids) throws IOException {
        Listed now = listed();
        List<MaildirMessage> going = new ArrayList<>();
        List<MessageMeta> gone = new ArrayList<>();
        for (MaildirMessage m : now.listing().messages()) {
            if (uids.contains(m.uid())) {
                going.add(m);
                gone.add(meta(m));
            }
        }
        MaildirErrors.call(where(), () -> {
            now.folder().expunge(going);
            return null;
        });
        return gone;
    }

    @Override
    public FolderInfo renumber(long uidValidity, Map<Long, Long> newUids) throws IOException {
        Listed now = listed();
        String where = where();
        if (uidValidity == now.listing().uidValidity()) {
            for (long uid : newUids.values()) {
                if (uid < now.listing().nextUid()) {
                    throw new LocationException(Kind.CONFLICT, where + ": new UID " + uid + " is below UIDNEXT "
                            + now.listing().nextUid());
                }
            }
            MaildirErrors.call(where, () -> {
                now.folder().renumber(newUids);
                return null;
            });
        } else {
            MaildirErrors.call(where, () -> {
                now.folder().adopt(uidValidity, newUids);
                return null;
            });
        }
        return info();
    }

    @Override
    public FolderInfo resetIdentity(String newGuid, long uidValidity) throws IOException {
        Listed now = listed();
        String where = where();
        if (!now.listing().messages().isEmpty()) {
            throw new LocationException(Kind.CONFLICT, where + ": holds messages; only an empty mailbox takes another identity");
        }
        if (!newGuid.equals(guid)) {
            try {
                mail.name(newGuid);
                throw new LocationException(Kind.CONFLICT, where + ": the GUID " + newGuid + " is another mailbox's");
            } catch (LocationException e) {
                if (e.kind() != Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        MaildirErrors.call(where, () -> {
            now.folder().reset(uidValidity, newGuid);
            return null;
        });
        guid = newGuid;
        return info();
    }
}
