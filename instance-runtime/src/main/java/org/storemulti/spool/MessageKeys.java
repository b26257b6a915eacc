package org.storemulti.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.storemulti.sync.mbox.MailboxLock;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxReader;
import org.storemulti.sync.mbox.MboxWriter;

/**
 * The messages of an mbox by Message-ID and the SHA-256 of their content (quoting undone,
 * status fields left out, so a message a mail reader has since marked read is still the same
 * message): what a merge uses to add only the archived messages a mailbox lacks.
 */
final class MessageKeys {

    /** What a merge added. */
    record Appended(int added, int present) {
    }

    private record Key(String messageId, String sha256) {
    }

    private final Set<Key> keys;

    private MessageKeys(Set<Key> keys) {
        this.keys = keys;
    }

    /** The keys of every message in {@code mbox}, checking the hold limit of {@code lock} as it goes. */
    static MessageKeys of(Path mbox, MboxFormat format, MailboxLock lock) throws IOException {
        Set<Key> keys = new HashSet<>();
        try (MboxReader reader = MboxReader.open(mbox, format)) {
            while (reader.next()) {
                keys.add(key(reader));
                lock.checkHold();
            }
        }
        return new MessageKeys(keys);
    }

    /**
     * Appends to {@code out} (after an empty line if needed) each message of {@code archived}
     * whose key is not here, byte for byte as archived, with its {@code From } line.
     */
    Appended appendMissing(Path archived, MboxFormat format, FileChannel out, MailboxLock lock) throws IOException {
        int added = 0;
        int present = 0;
        long at = MboxWriter.endWithEmptyLine(out);
        try (MboxReader reader = MboxReader.open(archived, format);
                FileChannel raw = FileChannel.open(archived, StandardOpenOption.READ)) {
            while (reader.next()) {
                if (keys.contains(key(reader))) {
                    present++;
                    continue;
                }
                for (long done = 0; done < reader.rawLength(); ) {
                    done += raw.transferTo(reader.rawOffset() + done, reader.rawLength() - done, out.position(at + done));
                }
                at = MboxWriter.endWithEmptyLine(out);
                added++;
                lock.checkHold();
            }
        }
        return new Appended(added, present);
    }

    private static Key key(MboxReader reader) throws IOException {
        MessageDigest sha256 = SpoolSave.sha256();
        try (InputStream content = new DigestInputStream(reader.content(), sha256)) {
            content.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Key(reader.messageId(), HexFormat.of().formatHex(sha256.digest()));
    }
}
