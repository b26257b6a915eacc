package org.storemulti.sync.state;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One mailbox pair at the end of its last sync: the local and the peer GUID (equal unless the
 * two mailboxes were merged), the name, UID validity, each side's change token and message
 * count then, the special-use attributes and ACL both had, and the messages both had
 * ({@link MessageBase}: which UIDs, with which flags), kept as text until a sync needs them.
 */
public final class MailboxPair {

    private final String localGuid;
    private final String peerGuid;
    private final String name;
    private final long uidValidity;
    private final String localToken;
    private final long localCount;
    private final String peerToken;
    private final long peerCount;
    private Set<String> specialUse = Set.of();
    private Map<String, String> acl;
    private String presentText = "";
    private final Map<String, String> flagsText = new TreeMap<>();

    public MailboxPair(String localGuid, String peerGuid, String name, long uidValidity, String localToken,
            long localCount, String peerToken, long peerCount) {
        this.localGuid = localGuid;
        this.peerGuid = peerGuid;
        this.name = name;
        this.uidValidity = uidValidity;
        this.localToken = localToken;
        this.localCount = localCount;
        this.peerToken = peerToken;
        this.peerCount = peerCount;
    }

    public String localGuid() {
        return localGuid;
    }

    public String peerGuid() {
        return peerGuid;
    }

    public String name() {
        return name;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public String localToken() {
        return localToken;
    }

    public long localCount() {
        return localCount;
    }

    public String peerToken() {
        return peerToken;
    }

    public long peerCount() {
        return peerCount;
    }

    public Set<String> specialUse() {
        return specialUse;
    }

    public MailboxPair withSpecialUse(Set<String> uses) {
        specialUse = Set.copyOf(new TreeSet<>(uses));
        return this;
    }

    /** The ACL both had, or {@code null} when not synced (not two stores). */
    public Map<String, String> acl() {
        return acl;
    }

    public MailboxPair withAcl(Map<String, String> entries) {
        acl = entries == null ? null : PairState.sorted(entries);
        return this;
    }

    /** The messages both had; parsed on each call (a sync asks once per mailbox). */
    public MessageBase base() {
        return MessageBase.parse(presentText, flagsText);
    }

    public MailboxPair withBase(MessageBase base) {
        presentText = base.presentText();
        flagsText.clear();
        flagsText.putAll(base.flagsText());
        return this;
    }

    /** This pair with other tokens, counts and name; special-use, ACL and base kept. */
    public MailboxPair advanced(String newName, long newUidValidity, String newLocalToken, long newLocalCount,
            String newPeerToken, long newPeerCount) {
        MailboxPair next = new MailboxPair(localGuid, peerGuid, newName, newUidValidity, newLocalToken, newLocalCount,
                newPeerToken, newPeerCount);
        next.specialUse = specialUse;
        next.acl = acl;
        next.presentText = presentText;
        next.flagsText.putAll(flagsText);
        return next;
    }

    MailboxPair swapped() {
        MailboxPair other = new MailboxPair(peerGuid, localGuid, name, uidValidity, peerToken, peerCount, localToken,
                localCount);
        other.specialUse = specialUse;
        other.acl = acl;
        other.presentText = presentText;
        other.flagsText.putAll(flagsText);
        return other;
    }

    void format(StringBuilder text) {
        text.append("mailbox ").append(localGuid).append(' ').append(peerGuid).append(' ').append(uidValidity)
                .append(' ').append(localCount).append(' ').append(peerCount).append(' ')
                .append(PairState.encode(name)).append(' ').append(PairState.encode(localToken)).append(' ')
                .append(PairState.encode(peerToken)).append('\n');
        if (!specialUse.isEmpty()) {
            text.append("special");
            new TreeSet<>(specialUse).forEach(use -> text.append(' ').append(PairState.encode(use)));
            text.append('\n');
        }
        if (acl != null) {
            text.append("acl");
            acl.forEach((who, rights) -> text.append(' ').append(PairState.encode(who)).append(' ')
                    .append(PairState.encode(rights)));
            text.append('\n');
        }
        if (!presentText.isEmpty()) {
            text.append("present ").append(presentText).append('\n');
        }
        flagsText.forEach((flags, uids) -> text.append("flags ").append(PairState.encode(flags)).append(' ')
                .append(uids).append('\n'));
    }

    static MailboxPair read(String[] words) {
        if (words.length != 9) {
            throw new IllegalArgumentException("mailbox: expected 8 fields");
        }
        return new MailboxPair(words[1], words[2], PairState.decode(words[6]), Long.parseLong(words[3]),
                PairState.decode(words[7]), Long.parseLong(words[4]), PairState.decode(words[8]),
                Long.parseLong(words[5]));
    }

    void readDetail(String[] words) {
        switch (words[0]) {
            case "special" -> {
                Set<String> uses = new TreeSet<>();
                for (int i = 1; i < words.length; i++) {
                    uses.add(PairState.decode(words[i]));
                }
                specialUse = Set.copyOf(uses);
            }
            case "acl" -> {
                Map<String, String> entries = new TreeMap<>();
                for (int i = 1; i + 1 < words.length; i += 2) {
                    entries.put(PairState.decode(words[i]), PairState.decode(words[i + 1]));
                }
                acl = PairState.sorted(entries);
            }
            case "present" -> presentText = words[1];
            case "flags" -> flagsText.put(PairState.decode(words[1]), words[2]);
            default -> throw new IllegalArgumentException("unknown record " + words[0]);
        }
    }
}
