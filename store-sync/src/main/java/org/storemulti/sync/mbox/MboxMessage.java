package org.storemulti.sync.mbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an mbox keeps about a message besides its bytes: the envelope sender and internal
 * date of its {@code From } line, its IMAP flags and keywords, and its UID (0 when the file
 * keeps none).
 *
 * @param sender envelope sender; empty for none (written as {@code MAILER-DAEMON})
 * @param internalDate the internal date; an mbox keeps whole seconds
 * @param flags system flags spelled as IMAP spells them ({@code \Seen}, {@code \Answered},
 *        {@code \Flagged}, {@code \Deleted}, {@code \Draft}) and keywords (atoms), in one set
 *        as the store keeps them
 * @param uid the IMAP UID, or 0
 */
public record MboxMessage(String sender, Instant internalDate, Set<String> flags, long uid) {

    public MboxMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(internalDate, "internalDate");
        Set<String> checked = new LinkedHashSet<>();
        for (String flag : flags) {
            if (!StatusHeaders.isSystemFlag(flag) && !StatusHeaders.isKeyword(flag)) {
                throw new IllegalArgumentException("not an IMAP flag or keyword an mbox can keep: " + flag);
            }
            checked.add(flag);
        }
        flags = Collections.unmodifiableSet(checked);
        if (uid < 0) {
            throw new IllegalArgumentException("negative UID: " + uid);
        }
    }
}
