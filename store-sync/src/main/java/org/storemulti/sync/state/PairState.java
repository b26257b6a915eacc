package org.storemulti.sync.state;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What two locations agreed on at the end of the last sync of one user, seen from the side
 * that keeps it ("local"; {@link #swapped} is the peer's view): a generation number (the newer
 * of two copies wins), the subscriptions and the user's quota then (unknown: never synced), and
 * one {@link MailboxPair} per mailbox pair, by local GUID.
 *
 * <p>Text, one record per line, versioned: {@code storemulti-sync-state 1}. Fields that may hold
 * any character are URL-encoded after an {@code =}. A state that does not parse is no state
 * (the sync says so and compares everything): it only ever saves work.
 */
public final class PairState {

    static final String HEADER = "storemulti-sync-state 1";

    private long generation;
    private Set<String> subscriptions;
    private Optional<OptionalLong> quotaKb = Optional.empty();
    private final Map<String, MailboxPair> mailboxes = new LinkedHashMap<>();

    /** A state with nothing synced yet. */
    public static PairState empty() {
        return new PairState();
    }

    public long generation() {
        return generation;
    }

    /** Counts one more save. */
    public void nextGeneration() {
        generation++;
    }

    /** The subscriptions both sides had, or {@code null} when never synced. */
    public Set<String> subscriptions() {
        return subscriptions;
    }

    public void setSubscriptions(Set<String> names) {
        subscriptions = names == null ? null : Collections.unmodifiableSet(new TreeSet<>(names));
    }

    /** The quota both sides had (empty inside: none), or empty when never synced. */
    public Optional<OptionalLong> quotaKb() {
        return quotaKb;
    }

    public void setQuotaKb(OptionalLong kilobytes) {
        quotaKb = Optional.of(kilobytes);
    }

    /** The mailbox pairs, by local GUID. */
    public Map<String, MailboxPair> mailboxes() {
        return mailboxes;
    }

    public void put(MailboxPair pair) {
        mailboxes.put(pair.localGuid(), pair);
    }

    /** The pair whose local mailbox is {@code localGuid}, if any. */
    public Optional<MailboxPair> pair(String localGuid) {
        return Optional.ofNullable(mailboxes.get(localGuid));
    }

    /** The same state as the peer keeps it: local and peer sides exchanged. */
    public PairState swapped() {
        PairState other = new PairState();
        other.generation = generation;
        other.subscriptions = subscriptions;
        other.quotaKb = quotaKb;
        for (MailboxPair pair : mailboxes.values()) {
            other.put(pair.swapped());
        }
        return other;
    }

    /** The text form. */
    public String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("generation ").append(generation).append('\n');
        if (subscriptions != null) {
            text.append("subscriptions");
            subscriptions.forEach(name -> text.append(' ').append(encode(name)));
            text.append('\n');
        }
        quotaKb.ifPresent(quota -> text.append("quota ")
                .append(quota.isPresent() ? Long.toString(quota.getAsLong()) : "none").append('\n'));
        for (MailboxPair pair : mailboxes.values()) {
            pair.format(text);
        }
        return text.toString();
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException not a state of this version, or damaged (with the line)
     */
    public static PairState parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("line 1: expected \"" + HEADER + "\"");
        }
        PairState state = new PairState();
        MailboxPair current = null;
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).split(" ", -1);
            try {
                current = state.read(words, current);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return state;
    }

    private MailboxPair read(String[] words, MailboxPair current) {
        switch (words[0]) {
            case "generation" -> generation = Long.parseLong(words[1]);
            case "subscriptions" -> {
                List<String> names = new ArrayList<>();
                for (int i = 1; i < words.length; i++) {
                    names.add(decode(words[i]));
                }
                setSubscriptions(Set.copyOf(names));
            }
            case "quota" -> setQuotaKb(words[1].equals("none") ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(words[1])));
            case "mailbox" -> {
                MailboxPair pair = MailboxPair.read(words);
                put(pair);
                return pair;
            }
            default -> {
                if (current == null) {
                    throw new IllegalArgumentException("unknown record " + words[0]);
                }
                current.readDetail(words);
            }
        }
        return current;
    }

    static String encode(String text) {
        return "=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String decode(String field) {
        if (!field.startsWith("=")) {
            throw new IllegalArgumentException("expected an encoded field, not " + field);
        }
        return URLDecoder.decode(field.substring(1), StandardCharsets.UTF_8);
    }

    /** A sorted map, for ACLs. */
    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
