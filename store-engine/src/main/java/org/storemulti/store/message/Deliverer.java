package org.storemulti.store.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.change.ChangeFeed;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.message.DeliveryResult.TemporaryFailure;
import org.storemulti.store.mime.MimeParser;
import org.storemulti.store.name.Guid;

/**
 * Stores deliveries in two stages: {@link #stage} makes the message files durable (one
 * file per distinct content, shared by its recipients) and parses each content's MIME
 * structure, in the caller's thread; {@link #commit} syncs their directories once and
 * references them in one transaction. A delivery is acknowledged
 * ({@link DeliveryResult.Stored}) only after that commit; the change feed hears of it
 * right after.
 */
public final class Deliverer {

    private static final System.Logger LOG = System.getLogger(Deliverer.class.getName());

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;
    private final ChangeFeed feed;

    public Deliverer(Database database, MessageFiles files, Clock clock, ChangeFeed feed) {
        this.database = database;
        this.files = files;
        this.clock = clock;
        this.feed = feed;
    }

    /** Stores the deliveries with one directory sync and one commit; one result per delivery, in order. */
    public List<DeliveryResult> deliver(List<Delivery> deliveries) {
        return commit(stage(deliveries));
    }

    /**
     * A delivery whose file is on disk (or {@code file} is null and {@code failure} says
     * why), with the GUID it gets ({@code guidGiven}: the caller's, to be checked for
     * uniqueness) and what is cached of its content (MIME structure, header). {@code mailboxId} names the
     * mailbox directly (an append to an open mailbox), else 0 and {@code domain}/{@code mailbox}.
     */
    record Pending(String domain, String mailbox, long mailboxId, Instant internalDate, Flags flags, String guid,
            boolean guidGiven, long uid, StagedFile file, String failure, CachedMime mime) {
    }

    /** Writes one durable file per distinct content; does not touch the index. */
    List<Pending> stage(List<Delivery> deliveries) {
        refuseInBulk();
        Instant now = clock.instant();
        Map<Content, List<Delivery>> byContent = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            byContent.computeIfAbsent(new Content(delivery.content()), c -> new ArrayList<>()).add(delivery);
        }
        Map<String, String> mailboxGuids = mailboxGuids(deliveries);
        Map<Delivery, Pending> staged = new IdentityHashMap<>();
        for (List<Delivery> sameContent : byContent.values()) {
            stageOne(sameContent, now, mailboxGuids, staged);
        }
        List<Pending> pending = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            pending.add(staged.get(delivery));
        }
        return pending;
    }

    private void stageOne(List<Delivery> recipients, Instant now, Map<String, String> mailboxGuids,
            Map<Delivery, Pending> staged) {
        Delivery first = recipients.get(0);
        Instant date = first.internalDate() == null ? now : first.internalDate();
        CachedMime mime = cache(first.content());
        List<MessageEnvelope.Recipient> envelope = new ArrayList<>();
        List<String> guids = new ArrayList<>();
        for (Delivery delivery : recipients) {
            String guid = delivery.guid() != null ? delivery.guid() : Guid.random();
            guids.add(guid);
            envelope.add(new MessageEnvelope.Recipient(delivery.domain(), delivery.mailbox(),
                    mailboxGuids.get(key(delivery.domain(), delivery.mailbox())), guid));
        }
        StagedFile file = null;
        String failure = null;
        try {
            file = files.write(first.content(), new MessageEnvelope(date, envelope));
        } catch (IOException e) {
            failure = "cannot write message file: " + e;
        }
        for (int i = 0; i < recipients.size(); i++) {
            Delivery delivery = recipients.get(i);
            Instant own = delivery.internalDate() == null ? now : delivery.internalDate();
            staged.put(delivery, new Pending(delivery.domain(), delivery.mailbox(), 0, own, delivery.flags(),
                    guids.get(i), delivery.guid() != null, delivery.uid(), file, failure, mime));
        }
    }

    /**
     * Writes a message read from {@code content} into a new durable file for one mailbox
     * (IMAP APPEND, a sync saving a message), parsing its MIME structure as it streams by.
     */
    Pending stage(TargetMailbox target, InputStream content, Flags flags, Instant internalDate, String guid, long uid)
            throws IOException {
        return stage(target, flags, internalDate, guid, uid, (envelope, tee) -> files.write(content, envelope, tee));
    }

    /** Makes the file of one message: its envelope line, every body byte also to {@code tee}. */
    interface FileMaker {
        StagedFile make(MessageEnvelope envelope, OutputStream tee) throws IOException;
    }

    /**
     * {@link #stage(TargetMailbox, InputStream, Flags, Instant, String, long)} with the file made
     * by {@code maker} (a save batch's: synced later, or linked), the MIME structure parsed from
     * what it passes to its tee.
     */
    Pending stage(TargetMailbox target, Flags flags, Instant internalDate, String guid, long uid, FileMaker maker)
            throws IOException {
        refuseInBulk();
        Instant date = internalDate == null ? clock.instant() : internalDate;
        String own = guid != null ? guid : Guid.random();
        MimeParser parser = new MimeParser();
        byte[] start = new byte[CachedMime.HEADER_MAX];
        int[] kept = {0};
        StagedFile file = maker.make(new MessageEnvelope(date, List.of(new MessageEnvelope.Recipient(
                target.domain(), target.name(), target.guid(), own))), new OutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        parser.update(bytes, offset, length);
                        int n = Math.min(length, start.length - kept[0]);
                        System.arraycopy(bytes, offset, start, kept[0], n);
                        kept[0] += n;
                    }
                });
        return new Pending(target.domain(), target.name(), target.id(), date, flags, own, guid != null, uid, file,
                null, cache(parser, start, kept[0]));
    }

    /** What is cached of a whole message, or nothing ("not cached": parsed again on first read) if the parser failed. */
    private static CachedMime cache(byte[] content) {
        try {
            return CachedMime.of(MimeParser.parse(content), content, content.length);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MIME parser failed; the structure is parsed again when first read", e);
            return CachedMime.NONE;
        }
    }

    private static CachedMime cache(MimeParser parser, byte[] start, int count) {
        try {
            return CachedMime.of(parser.finish(), start, count);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MIME parser failed; the structure is parsed again when first read", e);
            return CachedMime.NONE;
        }
    }

    /**
     * The GUIDs of the recipient mailboxes, for the envelope line (absent: no such mailbox).
     * Only reconstruct needs them, so a database that cannot answer now does not stop the
     * delivery: the line then names the mailboxes only, as before GUIDs.
     */
    private Map<String, String> mailboxGuids(List<Delivery> deliveries) {
        try {
            return lookUpMailboxGuids(deliveries);
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "mailbox GUIDs for the envelope line not found; delivering without them", e);
            return Map.of();
        }
    }

    private Map<String, String> lookUpMailboxGuids(List<Delivery> deliveries) {
        Set<String> wanted = new HashSet<>();
        for (Delivery delivery : deliveries) {
            wanted.add(key(delivery.domain(), delivery.mailbox()));
        }
        return database.read(session -> {
            Map<String, String> found = new HashMap<>();
            for (Delivery delivery : deliveries) {
                String key = key(delivery.domain(), delivery.mailbox());
                if (wanted.remove(key)) {
                    TargetMailbox.byName(session, delivery.domain(), delivery.mailbox())
                            .ifPresent(m -> found.put(key, m.guid()));
                }
            }
            return found;
        });
    }

    private static String key(String domain, String mailbox) {
        return domain + "\0" + mailbox;
    }

    /** Syncs the files' directories, then indexes every pending delivery in one transaction. */
    List<DeliveryResult> commit(List<Pending> pending) {
        refuseInBulk();
        List<StagedFile> written = new ArrayList<>();
        for (Pending each : pending) {
            if (each.file() != null && !written.contains(each.file())) {
                written.add(each.file());
            }
        }
        IndexTransaction.Indexed indexed;
        try {
            files.syncDirectories(written);
            indexed = database.write(session -> new IndexTransaction(session).index(pending));
        } catch (IOException | StoreException e) {
            files.deleteQuietly(written.stream().map(StagedFile::path).toList());
            TemporaryFailure failure = new TemporaryFailure(e.getMessage());
            return pending.stream().map(p -> (DeliveryResult) failure).toList();
        } finally {
            files.settled(written); // committed, or deleted just above: a sweep may judge them now
        }
        files.deleteQuietly(unreferenced(pending, indexed.results()));
        feed.publish(indexed.changes());
        return indexed.results();
    }

    private void refuseInBulk() {
        if (database.inBulk()) {
            throw new IllegalStateException("a delivery cannot join a bulk transaction: it must be durable on return");
        }
    }

    private static List<String> unreferenced(List<Pending> pending, List<DeliveryResult> results) {
        Set<String> used = new HashSet<>();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < pending.size(); i++) {
            StagedFile file = pending.get(i).file();
            if (file != null) {
                all.add(file.path());
                if (results.get(i) instanceof DeliveryResult.Stored) {
                    used.add(file.path());
                }
            }
        }
        all.removeAll(used);
        return new ArrayList<>(all);
    }

    /** Message bytes compared by value, so one content to N recipients is stored once. */
    private static final class Content {
        private final byte[] bytes;
        private final int hash;

        Content(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content c && (c.bytes == bytes || c.hash == hash && Arrays.equals(c.bytes, bytes));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
