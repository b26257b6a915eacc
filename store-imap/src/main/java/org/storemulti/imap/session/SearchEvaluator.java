package org.storemulti.imap.session;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.storemulti.imap.command.SearchKey;
import org.storemulti.imap.message.MessageDates;
import org.storemulti.imap.message.TextSearch;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.mime.MimePart;

/**
 * Runs a SEARCH criterion over the view. Flags, \Recent, numbers, UIDs and modseqs come from
 * the view (caught up just before); size and dates from the engine's records, read in chunks
 * only when a key needs them; header and body text from the message files, read only for
 * the messages that reach such a key. Internal dates compare as days in the server's zone,
 * sent dates as the day the Date header writes (RFC 3501 6.4.4).
 */
final class SearchEvaluator {

    private static final MessageDates DATES = new MessageDates(ZoneId.systemDefault());

    private final SelectedMailbox selected;
    private final MessageView view;
    private final SearchKey key;
    private final boolean records;
    private final boolean structure;
    private final Instant now;
    private final Map<SearchKey, BitSet> numberSets = new IdentityHashMap<>();
    private final Map<SearchKey, TextSearch> texts = new IdentityHashMap<>();
    private final Map<SearchKey, Map<Flags, Boolean>> flagAnswers = new IdentityHashMap<>();
    private SearchKey lastKey;
    private Flags lastFlags;
    private boolean lastAnswer;

    SearchEvaluator(SelectedMailbox selected, SearchKey key, Instant now) {
        this.selected = selected;
        this.view = selected.view();
        this.key = key;
        this.now = now;
        this.structure = needs(key, true);
        this.records = structure || needs(key, false);
    }

    /** The view indices of the matching messages, ascending; messages known to be gone never match. */
    int[] run() {
        int[] found = new int[view.size()];
        int n = 0;
        if (!records) {
            Message message = new Message(); // no record to hold: one reused, nothing allocated per message
            for (int i = 0; i < view.size(); i++) {
                if (matchesLive(message.at(i, null))) {
                    found[n++] = i;
                }
            }
            return Arrays.copyOf(found, n);
        }
        for (int from = 0; from < view.size(); from += FetchCommand.CHUNK) {
            int to = Math.min(view.size(), from + FetchCommand.CHUNK);
            Map<Long, MessageRecord> chunk = records(from, to);
            for (int i = from; i < to; i++) {
                MessageRecord record = chunk.get(view.uid(i));
                if (record != null && matchesLive(new Message().at(i, record))) { // no record: expunged since the view was made
                    found[n++] = i;
                }
            }
        }
        return Arrays.copyOf(found, n);
    }

    private boolean matchesLive(Message m) {
        return !selected.isGone(view.uid(m.index)) && matches(key, m);
    }

    private Map<Long, MessageRecord> records(int from, int to) {
        int[] indices = new int[to - from];
        Arrays.setAll(indices, k -> from + k);
        Map<Long, MessageRecord> byUid = new HashMap<>();
        for (MessageRecord r : selected.read(() -> selected.handle().fetch(view.uids(indices), structure))) {
            byUid.put(r.uid(), r);
        }
        return byUid;
    }

    /** One message being matched; its header block is read once, when first needed. */
    private final class Message {
        int index;
        MessageRecord record;
        private byte[] header;

        Message at(int index, MessageRecord record) {
            this.index = index;
            this.record = record;
            this.header = null;
            return this;
        }

        byte[] header() throws IOException {
            if (header == null) {
                MimePart root = record.structure().body();
                header = record.content().read(root.headerOffset(), (int) Math.min(root.headerLength(), 1 << 20));
            }
            return header;
        }
    }

    private boolean matches(SearchKey k, Message m) {
        if (k instanceof SearchKey.All) {
            return true;
        }
        if (k instanceof SearchKey.And and) {
            for (SearchKey each : and.keys()) {
                if (!matches(each, m)) {
                    return false;
                }
            }
            return true;
        }
        if (k instanceof SearchKey.Or or) {
            return matches(or.left(), m) || matches(or.right(), m);
        }
        if (k instanceof SearchKey.Not not) {
            return !matches(not.key(), m);
        }
        if (k instanceof SearchKey.HasFlag flag) {
            return hasFlag(k, view.flags(m.index), flag.flag().name()) == flag.set();
        }
        if (k instanceof SearchKey.Recent) {
            return selected.isRecent(view.uid(m.index));
        }
        if (k instanceof SearchKey.Sequence sequence) {
            return numberSet(k, () -> MessageSets.clipped(sequence.set(), selected)).get(m.index);
        }
        if (k instanceof SearchKey.Uid uid) {
            return uid.set().saved() ? numberSet(k, () -> MessageSets.clipped(uid.set(), selected)).get(m.index)
                    : uid.set().contains(view.uid(m.index), view.lastUid());
        }
        if (k instanceof SearchKey.ModSeq modseq) {
            return view.modseq(m.index) >= modseq.modseq();
        }
        return matchesMessage(k, m);
    }

    /** The keys that need the record or the file. */
    private boolean matchesMessage(SearchKey k, Message m) {
        if (k instanceof SearchKey.Size size) {
            return size.larger() ? m.record.size() > size.octets() : m.record.size() < size.octets();
        }
        if (k instanceof SearchKey.Age age) {
            long seconds = now.getEpochSecond() - m.record.internalDate().getEpochSecond();
            return age.younger() ? seconds <= age.seconds() : seconds >= age.seconds();
        }
        if (k instanceof SearchKey.Date date) {
            LocalDate day = date.field() == SearchKey.DateField.INTERNAL ? DATES.day(m.record.internalDate())
                    : MessageDates.sentDay(m.record.structure().envelope().date()).orElse(null);
            return day != null && switch (date.relation()) {
                case BEFORE -> day.isBefore(date.date());
                case ON -> day.isEqual(date.date());
                case SINCE -> !day.isBefore(date.date());
            };
        }
        try {
            if (k instanceof SearchKey.Header header) {
                return text(k, header.value()).inField(m.header(), header.field());
            }
            if (k instanceof SearchKey.Body body) {
                return text(k, body.value()).inBody(m.record.structure(), m.record.content());
            }
            if (k instanceof SearchKey.Text text) {
                TextSearch search = text(k, text.value());
                return search.inHeader(m.header()) || search.inBody(m.record.structure(), m.record.content());
            }
        } catch (IOException e) {
            return false; // a message file that cannot be read matches nothing
        }
        throw new IllegalStateException("search key " + k + " is not handled");
    }

    /** Per flag key, the answer for each distinct flag set: the view shares one {@link Flags} per distinct set. */
    private boolean hasFlag(SearchKey k, Flags flags, String flag) {
        if (k == lastKey && flags == lastFlags) {
            return lastAnswer; // neighbours mostly share a flag set: no map lookups (identity hashes) for them
        }
        Map<Flags, Boolean> known = flagAnswers.computeIfAbsent(k, x -> new IdentityHashMap<>());
        Boolean answer = known.get(flags);
        if (answer == null) {
            answer = hasFlag(flags, flag);
            known.put(flags, answer);
        }
        lastKey = k;
        lastFlags = flags;
        lastAnswer = answer;
        return answer;
    }

    private static boolean hasFlag(Flags flags, String flag) {
        if (flag.startsWith("\\")) {
            return flags.has(flag);
        }
        for (String keyword : flags.keywords()) {
            if (keyword.equalsIgnoreCase(flag)) {
                return true;
            }
        }
        return false;
    }

    private BitSet numberSet(SearchKey k, java.util.function.Supplier<int[]> indices) {
        return numberSets.computeIfAbsent(k, x -> {
            BitSet set = new BitSet(view.size());
            for (int i : indices.get()) {
                set.set(i);
            }
            return set;
        });
    }

    private TextSearch text(SearchKey k, String value) {
        return texts.computeIfAbsent(k, x -> new TextSearch(value));
    }

    /** Whether any key below {@code k} needs the file ({@code file}) or at least the record. */
    private static boolean needs(SearchKey k, boolean file) {
        if (k instanceof SearchKey.And and) {
            return and.keys().stream().anyMatch(each -> needs(each, file));
        }
        if (k instanceof SearchKey.Or or) {
            return needs(or.left(), file) || needs(or.right(), file);
        }
        if (k instanceof SearchKey.Not not) {
            return needs(not.key(), file);
        }
        boolean text = k instanceof SearchKey.Header || k instanceof SearchKey.Body || k instanceof SearchKey.Text
                || k instanceof SearchKey.Date date && date.field() == SearchKey.DateField.SENT;
        return file ? text : text || k instanceof SearchKey.Size || k instanceof SearchKey.Age
                || k instanceof SearchKey.Date;
    }

    /** Whether the criterion has a MODSEQ key (the answer then carries the highest modseq, RFC 7162 3.1.5). */
    static boolean usesModseq(SearchKey k) {
        if (k instanceof SearchKey.And and) {
            return and.keys().stream().anyMatch(SearchEvaluator::usesModseq);
        }
        if (k instanceof SearchKey.Or or) {
            return usesModseq(or.left()) || usesModseq(or.right());
        }
        if (k instanceof SearchKey.Not not) {
            return usesModseq(not.key());
        }
        return k instanceof SearchKey.ModSeq;
    }
}
