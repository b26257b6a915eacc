package org.storemulti.store.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The GUIDs migration 3 gives what existed before it, derived rather than random so that
 * rerunning the upgrade after a crash, or rebuilding the index from the message files
 * later, gives the same ones. A GUID is 32 lower-case hex digits (128 bits) everywhere.
 */
public final class LegacyGuid {

    private LegacyGuid() {
    }

    /**
     * A message stored before migration 3: a digest of its file's name and its ordinal among
     * the messages of one mailbox that share that file (one content delivered to a mailbox
     * twice), in UID order. Files are never renamed, so the name identifies the message.
     */
    public static String message(String path, int ordinal) {
        return digest("message:" + path + ":" + ordinal);
    }

    static String mailbox(String domain, long id, long uidValidity) {
        return digest("mailbox:" + domain + ":" + id + ":" + uidValidity);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
