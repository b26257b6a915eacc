package org.storemulti.imap.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.FetchItem;
import org.storemulti.imap.command.Section;
import org.storemulti.imap.message.BinaryParts;
import org.storemulti.imap.message.BodyStructures;
import org.storemulti.imap.message.Envelopes;
import org.storemulti.imap.message.FlagLists;
import org.storemulti.imap.message.MessageDates;
import org.storemulti.imap.message.SectionData;
import org.storemulti.imap.message.Sections;
import org.storemulti.imap.response.LiteralSource;
import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MessageFlags;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.StoreResult;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.mime.HeaderFields;

/**
 * FETCH and UID FETCH (RFC 3501 6.4.5) with every item, BINARY (RFC 3516), MODSEQ,
 * CHANGEDSINCE and VANISHED (RFC 7162). Messages are read from the engine in chunks (bounded
 * memory for any mailbox size); flags, UID and modseq alone come from the session's view;
 * bodies are byte ranges of the immutable file, streamed. A non-PEEK body fetch sets \Seen
 * when the user has the {@code s} right and the mailbox is read-write, and says so with
 * FLAGS. Messages someone else expunged are left out: FETCH ends {@code NO [EXPUNGEISSUED]},
 * UID FETCH just omits them.
 */
final class FetchCommand {

    /** Messages read from the engine at a time. */
    static final int CHUNK = 256;
    private static final MessageDates DATES = new MessageDates(ZoneId.systemDefault());
    /** Made once: the varargs {@code FileChannel.open} builds a new set for every message. */
    private static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);

    private final Context context;
    private final Command.Fetch command;
    private final SelectedMailbox selected;
    private final ResponseWriter out;
    private final Plan plan;
    private final FlagLists flagLists = new FlagLists();
    /** Per item, its name as each response repeats it ({@code BODY[...]<n>}), made once per command. */
    private final byte[][] labels;
    /** Per item, for the message's own HEADER.FIELDS (.NOT), the selection made once per command; else null. */
    private final HeaderFields.Selection[] selections;
    private final RenderedItems kept;
    private final String mailboxGuid;
    /** The chunk's messages whose kept items are all there, by UID: taken once, so nothing evicts them mid-chunk. */
    private Map<Long, byte[][]> cached = Map.of();
    private boolean missing;

    private FetchCommand(Command.Fetch command, Context context, Plan plan) {
        this.command = command;
        this.context = context;
        this.selected = context.selected();
        this.out = context.out();
        this.plan = plan;
        this.kept = context.sessions().rendered();
        this.mailboxGuid = selected.handle().guid();
        this.labels = new byte[command.items().size()][];
        this.selections = new HeaderFields.Selection[labels.length];
        for (int k = 0; k < labels.length; k++) {
            if (command.items().get(k) instanceof FetchItem.Body body) {
                // as ResponseWriter.raw would write it (US-ASCII, '?' for anything else), made once
                labels[k] = ("BODY[" + body.section() + "]" + origin(body.partial()) + " ")
                        .getBytes(StandardCharsets.US_ASCII);
                if (Sections.fromHeader(body.section())) {
                    selections[k] = HeaderFields.selection(body.section().fields(),
                            body.section().kind() == Section.Kind.HEADER_FIELDS_NOT);
                }
            }
        }
    }

    static void fetch(Command.Fetch command, Context context) throws IOException {
        if (command.vanished() && !context.qresync()) {
            context.bad("VANISHED needs ENABLE QRESYNC first (RFC 7162 3.2.6)");
            return;
        }
        if (command.changedSince().isPresent() || command.items().contains(FetchItem.Simple.MODSEQ)) {
            context.condstoreUsed();
        }
        context.catchUp();
        int[] indices;
        try {
            indices = MessageSets.indices(command.set(), command.uid(), context.selected());
        } catch (MessageSets.OutOfRangeException e) {
            context.bad(e.getMessage());
            return;
        }
        SelectedMailbox selected = context.selected();
        Plan plan = Plan.of(command, !selected.readOnly() && selected.access().may('s'));
        new FetchCommand(command, context, plan).run(indices);
    }

    private void run(int[] indices) throws IOException {
        if (command.vanished()) {
            vanished();
        }
        try {
            for (int from = 0; from < indices.length; from += CHUNK) {
                chunk(Arrays.copyOfRange(indices, from, Math.min(indices.length, from + CHUNK)));
            }
        } catch (BinaryParts.UnknownEncodingException e) {
            context.no("UNKNOWN-CTE", e.getMessage());
            return;
        }
        if (missing && !command.uid()) {
            context.no("EXPUNGEISSUED", "some of the requested messages no longer exist");
        } else {
            context.ok(context.name() + " completed");
        }
    }

    /** UID FETCH ... (CHANGEDSINCE m VANISHED): the UIDs of the set expunged after m. */
    private void vanished() throws IOException {
        long since = command.changedSince().getAsLong();
        ExpungeHistory history = selected.read(() -> selected.handle().expungedSince(since));
        MessageView view = selected.view();
        String set;
        if (history instanceof ExpungeHistory.Known known) {
            List<Long> uids = new ArrayList<>();
            for (Expunged e : known.expunged()) {
                if (view.indexOf(e.uid()) < 0 && command.set().contains(e.uid(), view.lastUid())) {
                    uids.add(e.uid());
                }
            }
            set = UidSet.of(uids).toString();
        } else {
            set = Vanished.missing(command.set(), view);
        }
        if (!set.isEmpty()) {
            out.untagged().raw("VANISHED (EARLIER) ").raw(set).end();
        }
    }

    private void chunk(int[] indices) throws IOException, BinaryParts.UnknownEncodingException {
        MessageView view = selected.view();
        if (!plan.needsRecords()) {
            for (int i : indices) {
                if (selected.isGone(view.uid(i))) {
                    missing = true;
                } else {
                    fromView(i);
                }
            }
            return;
        }
        UidSet uids = view.uids(indices);
        Map<Long, MessageRecord> records = new HashMap<>();
        if (plan.keptOnly()) {
            cached = keptOnly(indices, records);
        } else {
            boolean keeps = plan.keeps(); // then the header block is needed only for the messages not kept
            for (MessageRecord r : selected.read(() -> selected.handle().fetch(uids, plan.structure(),
                    plan.header() && !keeps))) {
                records.put(r.uid(), r);
            }
            cached = keeps ? cachedItems(records) : Map.of();
        }
        Map<Long, MessageFlags> seen = markSeen(records);
        for (int i : indices) {
            MessageRecord record = records.get(view.uid(i));
            if (record == null || selected.isGone(record.uid())) {
                missing = true;
                continue;
            }
            if (command.changedSince().isPresent() && record.modseq() <= command.changedSince().getAsLong()) {
                continue;
            }
            MessageFlags changed = seen.get(record.uid());
            message(i, changed == null ? record : withFlags(record, changed), changed != null);
        }
    }

    /**
     * The kept items ({@link RenderedItems}) of the chunk's messages that have every one this
     * FETCH asks for, by UID. The others' MIME structures and header blocks are read now (a
     * record gone meanwhile leaves {@code records}: it is missing, as if expunged).
     */
    private Map<Long, byte[][]> cachedItems(Map<Long, MessageRecord> records) {
        Map<Long, byte[][]> known = new HashMap<>();
        List<Long> uncached = new ArrayList<>();
        for (MessageRecord r : records.values()) {
            byte[][] items = allKept(r.uid());
            if (items != null) {
                known.put(r.uid(), items);
            } else {
                uncached.add(r.uid());
            }
        }
        if (!uncached.isEmpty()) {
            uncached.forEach(records::remove);
            boolean structure = plan.structure() || plan.keepsRendered();
            for (MessageRecord r : selected.read(() -> selected.handle().fetch(UidSet.of(uncached), structure,
                    plan.header()))) {
                records.put(r.uid(), r);
            }
        }
        return known;
    }

    /**
     * Kept items with at most UID, FLAGS and MODSEQ ({@link Plan#keptOnly}): a message whose
     * items are all kept is answered from them and the view, with no record read, as a FETCH
     * of FLAGS alone is ({@link #fromView}: a message someone else expunged since the session
     * last caught up still answers, as RFC 3501 allows); the others' records are read.
     */
    private Map<Long, byte[][]> keptOnly(int[] indices, Map<Long, MessageRecord> records) {
        MessageView view = selected.view();
        Map<Long, byte[][]> known = new HashMap<>();
        List<Long> uncached = new ArrayList<>();
        for (int i : indices) {
            long uid = view.uid(i);
            byte[][] items = allKept(uid);
            if (items != null) {
                known.put(uid, items);
                records.put(uid, new MessageRecord(uid, null, view.modseq(i), view.flags(i), null, 0, null, null, null));
            } else {
                uncached.add(uid);
            }
        }
        if (!uncached.isEmpty()) {
            for (MessageRecord r : selected.read(() -> selected.handle().fetch(UidSet.of(uncached),
                    plan.keepsRendered(), plan.header()))) {
                records.put(r.uid(), r);
            }
        }
        return known;
    }

    /** The kept items of message {@code uid} when every one this FETCH asks for is there, else null. */
    private byte[][] allKept(long uid) {
        byte[][] items = kept.get(mailboxGuid, selected.uidValidity(), uid, plan.kept());
        return plan.hasAll(items) ? items : null;
    }

    /** FLAGS, UID, MODSEQ only: the view has them. */
    private void fromView(int i) throws IOException {
        MessageView view = selected.view();
        out.untagged().number(i + 1L).raw(" FETCH (");
        Items items = new Items();
        if (command.uid()) {
            items.next().raw("UID ").number(view.uid(i));
        }
        for (FetchItem item : command.items()) {
            if (item == FetchItem.Simple.FLAGS) {
                items.next().raw("FLAGS ").raw(flagLists.of(view.flags(i), selected.isRecent(view.uid(i))));
            } else if (item == FetchItem.Simple.MODSEQ) {
                items.next().raw("MODSEQ (").number(view.modseq(i)).raw(")");
            } else if (item == FetchItem.Simple.UID && !command.uid()) {
                items.next().raw("UID ").number(view.uid(i));
            }
        }
        out.raw(")").end();
    }

    /** Sets \Seen on the messages a body fetch reads for the first time; their new flags by UID. */
    private Map<Long, MessageFlags> markSeen(Map<Long, MessageRecord> records) {
        if (!plan.setsSeen()) {
            return Map.of();
        }
        List<Long> unseen = new ArrayList<>();
        for (MessageRecord r : records.values()) {
            if (!r.flags().has(Flags.SEEN) && !selected.isGone(r.uid())) {
                unseen.add(r.uid());
            }
        }
        if (unseen.isEmpty()) {
            return Map.of();
        }
        StoreResult result = selected.own(() -> selected.handle().store(UidSet.of(unseen),
                FlagChange.add(Flags.of(Flags.SEEN)), -1));
        Map<Long, MessageFlags> changed = new HashMap<>();
        for (MessageFlags m : result.changed()) {
            changed.put(m.uid(), m);
        }
        return changed;
    }

    private static MessageRecord withFlags(MessageRecord r, MessageFlags f) {
        return new MessageRecord(r.uid(), r.guid(), f.modseq(), f.flags(), r.internalDate(), r.size(), r.content(),
                r.structure(), r.header());
    }

    /** One message's FETCH response; {@code flagsChanged}: this FETCH set \Seen, the client is told. */
    private void message(int i, MessageRecord record, boolean flagsChanged)
            throws IOException, BinaryParts.UnknownEncodingException {
        if (plan.header() && record.header() == null && !cached.containsKey(record.uid())) {
            missing = true; // its file could not be read: expunged meanwhile and removed, as if gone
            return;
        }
        List<Prepared> prepared = new ArrayList<>();
        for (FetchItem item : command.items()) {
            prepared.add(prepare(prepared.size(), item, record));
        }
        try (FileChannel file = plan.file() ? open(record) : null) {
            if (plan.file() && file == null) {
                missing = true;
                return;
            }
            out.untagged().number(i + 1L).raw(" FETCH (");
            Items items = new Items();
            boolean flagsSent = false;
            boolean modseqSent = false;
            if (command.uid()) {
                items.next().raw("UID ").number(record.uid());
            }
            for (int k = 0; k < prepared.size(); k++) {
                FetchItem item = command.items().get(k);
                flagsSent |= item == FetchItem.Simple.FLAGS;
                modseqSent |= item == FetchItem.Simple.MODSEQ;
                if (item == FetchItem.Simple.UID && command.uid()) {
                    continue;
                }
                write(items.next(), k, prepared.get(k), record, file);
            }
            if (flagsChanged && !flagsSent) {
                items.next().raw("FLAGS ").raw(flagLists.of(record.flags(), selected.isRecent(record.uid())));
                flagsSent = true;
            }
            if (!modseqSent && (command.changedSince().isPresent() || flagsChanged && context.condstore())) {
                items.next().raw("MODSEQ (").number(record.modseq()).raw(")");
            }
            out.raw(")").end();
            if (flagsSent) {
                selected.view().update(i, record.flags(), record.modseq());
            }
        }
    }

    private FileChannel open(MessageRecord record) {
        try {
            return FileChannel.open(record.content().file(), READ);
        } catch (IOException e) {
            return null; // expunged meanwhile and its file removed: as if gone
        }
    }

    /** What an item needs from the message, found before anything of the message is written. */
    private record Prepared(SectionData section, BinaryParts.Part binary, long binarySize) {
    }

    private Prepared prepare(int k, FetchItem item, MessageRecord record)
            throws IOException, BinaryParts.UnknownEncodingException {
        if (item instanceof FetchItem.Body body) {
            SectionData data = selections[k] != null ? new SectionData.Bytes(headerFields(k, record))
                    : Sections.of(body.section(), record);
            return new Prepared(body.partial().map(p -> data.partial(p.offset(), p.length())).orElse(data), null, 0);
        }
        if (item == FetchItem.Simple.RFC822) {
            return new Prepared(Sections.of(Section.WHOLE, record.structure(), record.content()), null, 0);
        }
        if (item == FetchItem.Simple.RFC822_HEADER || item == FetchItem.Simple.RFC822_TEXT) {
            Section.Kind kind = item == FetchItem.Simple.RFC822_HEADER ? Section.Kind.HEADER : Section.Kind.TEXT;
            return new Prepared(Sections.of(new Section(List.of(), kind, List.of()), record.structure(),
                    record.content()), null, 0);
        }
        if (item instanceof FetchItem.Binary binary) {
            BinaryParts.Part part = BinaryParts.of(binary.part(), record.structure(), record.content());
            return new Prepared(null, part, part.exists() ? BinaryParts.size(part, record.content()) : 0);
        }
        if (item instanceof FetchItem.BinarySize size) {
            BinaryParts.Part part = BinaryParts.of(size.part(), record.structure(), record.content());
            return new Prepared(null, part, part.exists() ? BinaryParts.size(part, record.content()) : 0);
        }
        return null;
    }

    private void write(ResponseWriter w, int k, Prepared prepared, MessageRecord record, FileChannel file)
            throws IOException {
        FetchItem item = command.items().get(k);
        if (item instanceof FetchItem.Simple simple) {
            simple(w, k, simple, prepared, record, file);
        } else if (item instanceof FetchItem.Body) {
            section(w.bytes(labels[k]), prepared.section(), record, file);
        } else if (item instanceof FetchItem.Binary binary) {
            w.raw("BINARY[").raw(path(binary.part())).raw("]").raw(origin(binary.partial()));
            binary(w.sp(), binary, prepared, record);
        } else if (item instanceof FetchItem.BinarySize size) {
            w.raw("BINARY.SIZE[").raw(path(size.part())).raw("] ");
            if (prepared.binary().exists()) {
                w.number(prepared.binarySize());
            } else {
                w.nil();
            }
        }
    }

    private void simple(ResponseWriter w, int k, FetchItem.Simple item, Prepared prepared, MessageRecord record,
            FileChannel file) throws IOException {
        switch (item) {
            case FLAGS -> w.raw("FLAGS ").raw(flagLists.of(record.flags(), selected.isRecent(record.uid())));
            case UID -> w.raw("UID ").number(record.uid());
            case MODSEQ -> w.raw("MODSEQ (").number(record.modseq()).raw(")");
            case INTERNALDATE -> w.raw("INTERNALDATE \"").raw(DATES.internalDate(record.internalDate())).raw("\"");
            case RFC822_SIZE -> w.raw("RFC822.SIZE ").number(record.size());
            case ENVELOPE, BODY, BODYSTRUCTURE -> rendered(w.raw(item.wire()).sp(), k, item, record);
            case RFC822, RFC822_HEADER, RFC822_TEXT -> section(w.raw(item.wire()).sp(), prepared.section(), record, file);
        }
    }

    /** The item (k) as rendered before, else rendered from the record's MIME structure and kept. */
    private void rendered(ResponseWriter w, int k, FetchItem.Simple item, MessageRecord record) throws IOException {
        byte[][] known = cached.get(record.uid());
        if (known != null) {
            w.bytes(known[k]);
            return;
        }
        long mark = w.mark();
        if (item == FetchItem.Simple.ENVELOPE) {
            Envelopes.write(w, record.structure().envelope());
        } else {
            BodyStructures.write(w, record.structure().body(), item == FetchItem.Simple.BODYSTRUCTURE);
        }
        byte[] octets = w.since(mark);
        if (octets != null) {
            kept.put(mailboxGuid, selected.uidValidity(), record.uid(), plan.kept()[k], octets);
        }
    }

    /** The message's own HEADER.FIELDS (.NOT) of item k, as picked before, else picked from its header block and kept. */
    private byte[] headerFields(int k, MessageRecord record) {
        byte[][] known = cached.get(record.uid());
        if (known != null) {
            return known[k];
        }
        byte[] octets = selections[k].select(record.header());
        kept.put(mailboxGuid, selected.uidValidity(), record.uid(), plan.kept()[k], octets);
        return octets;
    }

    private static void section(ResponseWriter w, SectionData data, MessageRecord record, FileChannel file)
            throws IOException {
        if (data instanceof SectionData.Range range) {
            w.literal(new LiteralSource.FileRange(file, record.content().fileOffset() + range.start(), range.length()));
        } else if (data instanceof SectionData.Bytes bytes) {
            w.literal(new LiteralSource.Bytes(bytes.bytes()));
        } else {
            w.nil();
        }
    }

    /** A decoded part as a literal8 (RFC 3516 4.2: it may hold NUL). */
    private static void binary(ResponseWriter w, FetchItem.Binary item, Prepared prepared, MessageRecord record)
            throws IOException {
        if (!prepared.binary().exists()) {
            w.nil();
            return;
        }
        long offset = item.partial().map(FetchItem.Partial::offset).orElse(0L);
        long count = item.partial().map(FetchItem.Partial::length).orElse(Long.MAX_VALUE);
        long size = Math.max(0, Math.min(count, prepared.binarySize() - offset));
        try (InputStream in = BinaryParts.open(prepared.binary(), record.content())) {
            in.skipNBytes(Math.min(offset, prepared.binarySize()));
            w.literal8(new LiteralSource.Stream(in, size));
        }
    }

    private static String path(List<Integer> part) {
        StringBuilder s = new StringBuilder();
        for (int n : part) {
            if (s.length() > 0) {
                s.append('.');
            }
            s.append(n);
        }
        return s.toString();
    }

    /** A partial's {@code <origin>} as the response repeats it (RFC 3501 7.4.2), or nothing. */
    private static String origin(Optional<FetchItem.Partial> partial) {
        return partial.map(p -> "<" + p.offset() + ">").orElse("");
    }

    /** Writes the space between items. */
    private final class Items {
        private boolean first = true;

        ResponseWriter next() throws IOException {
            if (!first) {
                out.sp();
            }
            first = false;
            return out;
        }
    }

    /**
     * What a FETCH needs: records from the engine (anything beyond FLAGS, UID and MODSEQ, or
     * CHANGEDSINCE), their MIME structure (for items not kept), the header block (the message's
     * own HEADER.FIELDS, when not kept), the message file, and whether it sets \Seen. {@code
     * kept}: per item, its name in {@link RenderedItems} when it is one kept there (ENVELOPE,
     * BODY, BODYSTRUCTURE, the message's own HEADER.FIELDS (.NOT)), else null; {@code
     * keepsRendered}: some of those need the MIME structure when not kept; {@code keptOnly}:
     * every item is kept there or is UID, FLAGS or MODSEQ (and no CHANGEDSINCE, no \Seen to set).
     */
    record Plan(boolean needsRecords, boolean structure, boolean header, boolean file, boolean setsSeen,
            String[] kept, boolean keepsRendered, boolean keptOnly) {

        /** Whether any item is one kept in {@link RenderedItems}. */
        boolean keeps() {
            return keepsRendered || header;
        }

        /** Whether {@code items} ({@link RenderedItems#get} of {@link #kept}) holds every kept item. */
        boolean hasAll(byte[][] items) {
            for (int k = 0; k < kept.length; k++) {
                if (kept[k] != null && items[k] == null) {
                    return false;
                }
            }
            return true;
        }

        static Plan of(Command.Fetch command, boolean maySetSeen) {
            boolean records = command.changedSince().isPresent();
            boolean structure = false;
            boolean header = false;
            boolean file = false;
            boolean seen = false;
            boolean rendered = false;
            String[] kept = new String[command.items().size()];
            for (int k = 0; k < kept.length; k++) {
                FetchItem item = command.items().get(k);
                if (item instanceof FetchItem.Simple simple) {
                    switch (simple) {
                        case FLAGS, UID, MODSEQ -> { }
                        case INTERNALDATE, RFC822_SIZE -> records = true;
                        case ENVELOPE, BODY, BODYSTRUCTURE -> {
                            kept[k] = simple.wire();
                            rendered = true;
                        }
                        case RFC822_HEADER -> structure = file = true;
                        case RFC822_TEXT -> structure = file = seen = true;
                        case RFC822 -> file = seen = true;
                    }
                } else if (item instanceof FetchItem.Body body) {
                    file |= !body.section().fieldsOnly(); // Sections reads header fields itself
                    seen |= !body.peek();
                    boolean ownFields = Sections.fromHeader(body.section());
                    if (ownFields) {
                        kept[k] = "BODY[" + body.section() + "]";
                    }
                    header |= ownFields;
                    structure |= !ownFields && !body.section().equals(Section.WHOLE);
                } else if (item instanceof FetchItem.Binary binary) {
                    file = structure = true;
                    seen |= !binary.peek();
                } else if (item instanceof FetchItem.BinarySize) {
                    structure = true;
                }
            }
            boolean keptOnly = (rendered || header) && !(records || structure || file || seen);
            records |= structure || header || file || rendered;
            return new Plan(records, structure, header, file, seen && maySetSeen, kept, rendered, keptOnly);
        }
    }
}
