package org.storemulti.sync;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;

/**
 * What a client could see of one user at a location, for comparing two sides after a sync:
 * per mailbox name its UID validity, special-use and messages (UID, GUID, flags, internal date,
 * digest of the body), and the subscriptions.
 */
record MailView(Map<String, Box> mailboxes, List<String> subscriptions) {

    record Box(long uidValidity, List<String> specialUse, List<Message> messages) {
    }

    record Message(long uid, String guid, String flags, long date, String digest) {
    }

    static MailView of(Location location, String user) throws IOException {
        try (UserMail mail = location.open(user, false)) {
            Map<String, Box> boxes = new TreeMap<>();
            for (FolderInfo info : mail.folders()) {
                Folder folder = mail.folder(info.guid());
                List<MessageMeta> metas = folder.messages(UidSet.ALL);
                Map<Long, String> digests = new TreeMap<>();
                folder.read(metas.stream().map(MessageMeta::uid).toList(),
                        (meta, content) -> digests.put(meta.uid(), digest(content.readAllBytes())));
                List<Message> messages = new ArrayList<>();
                for (MessageMeta m : metas) {
                    messages.add(new Message(m.uid(), m.guid(), m.flags().column(), m.internalDate().toEpochMilli(),
                            digests.get(m.uid())));
                }
                boxes.put(info.name(), new Box(info.uidValidity(), info.specialUse().stream().sorted().toList(), messages));
            }
            return new MailView(boxes, mail.subscriptions().stream().sorted().toList());
        }
    }

    /** Every message's GUID, over all mailboxes. */
    List<String> guids() {
        return mailboxes.values().stream().flatMap(b -> b.messages().stream()).map(Message::guid).sorted().toList();
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
