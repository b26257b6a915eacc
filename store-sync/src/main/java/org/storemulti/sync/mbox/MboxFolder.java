package org.storemulti.sync.mbox;

import java.util.List;

/**
 * The mailbox-wide IMAP state an mbox keeps in its first message's {@code X-IMAPbase} field
 * (or UW-IMAP's pseudo message): UIDVALIDITY, the next UID and the known keywords.
 */
public record MboxFolder(long uidValidity, long uidNext, List<String> keywords) {

    /** Largest UID ten digits hold, the width the field is written with. */
    static final long MAX_UID = 4_294_967_295L;

    public MboxFolder {
        if (uidValidity < 1 || uidValidity > MAX_UID || uidNext < 1 || uidNext > MAX_UID) {
            throw new IllegalArgumentException("UIDVALIDITY and UIDNEXT must be 1 to " + MAX_UID + ": "
                    + uidValidity + ", " + uidNext);
        }
        for (String keyword : keywords) {
            if (!StatusHeaders.isKeyword(keyword)) {
                throw new IllegalArgumentException("not an IMAP keyword: " + keyword);
            }
        }
        keywords = List.copyOf(keywords);
    }

    /** The folder state from an {@code X-IMAPbase} or {@code X-IMAP} value, or null if it does not parse. */
    static MboxFolder parse(String value) {
        String[] words = value.strip().split("\\s+");
        if (words.length < 2 || !words[0].matches("[0-9]{1,10}") || !words[1].matches("[0-9]{1,10}")) {
            return null;
        }
        long validity = Long.parseLong(words[0]);
        long next = Long.parseLong(words[1]);
        if (validity < 1 || validity > MAX_UID || next < 1 || next > MAX_UID) {
            return null;
        }
        List<String> keywords = java.util.Arrays.stream(words).skip(2).filter(StatusHeaders::isKeyword).toList();
        return new MboxFolder(validity, next, keywords);
    }
}
