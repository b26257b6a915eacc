package org.storemulti.store.message;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.message.DeliveryResult.TemporaryFailure;

/**
 * Stores deliveries in two stages: {@link #stage} makes the message files durable (one
 * file per distinct content, shared by its recipients), {@link #commit} syncs their
 * directories once and references them in one transaction. A delivery is acknowledged
 * ({@link DeliveryResult.Stored}) only after that commit.
 */
public final class Deliverer {

    private final Database database;
    private final MessageFiles files;
    private final Clock clock;

    public Deliverer(Database database, MessageFiles files, Clock clock) {
        this.database = database;
        this.files = files;
        this.clock = clock;
    }

    /** Stores the deliveries with one directory sync and one commit; one result per delivery, in order. */
    public List<DeliveryResult> deliver(List<Delivery> deliveries) {
        return commit(stage(deliveries));
    }

    /** A delivery whose file is on disk (or {@code file} is null and {@code failure} says why). */
    record Pending(Delivery delivery, Instant internalDate, StagedFile file, String failure) {
    }

    /** Writes one durable file per distinct content; does not touch the index. */
    List<Pending> stage(List<Delivery> deliveries) {
        refuseInBulk();
        Instant now = clock.instant();
        Map<Content, List<Delivery>> byContent = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            byContent.computeIfAbsent(new Content(delivery.content()), c -> new ArrayList<>()).add(delivery);
        }
        Map<Delivery, Pending> staged = new IdentityHashMap<>();
        for (List<Delivery> sameContent : byContent.values()) {
            stageOne(sameContent, now, staged);
        }
        List<Pending> pending = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            pending.add(staged.get(delivery));
        }
        return pending;
    }

    private void stageOne(List<Delivery> recipients, Instant now, Map<Delivery, Pending> staged) {
        Instant date = recipients.get(0).internalDate() == null ? now : recipients.get(0).internalDate();
        List<MessageEnvelope.Recipient> envelope = new ArrayList<>();
        for (Delivery delivery : recipients) {
            envelope.add(new MessageEnvelope.Recipient(delivery.domain(), delivery.mailbox()));
        }
        StagedFile file = null;
        String failure = null;
        try {
            file = files.write(recipients.get(0).content(), new MessageEnvelope(date, envelope));
        } catch (IOException e) {
            failure = "cannot write message file: " + e;
        }
        for (Delivery delivery : recipients) {
            Instant own = delivery.internalDate() == null ? now : delivery.internalDate();
            staged.put(delivery, new Pending(delivery, own, file, failure));
        }
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
        List<DeliveryResult> results;
        try {
            files.syncDirectories(written);
            results = database.write(session -> new IndexTransaction(session).index(pending));
        } catch (IOException | StoreException e) {
            files.deleteQuietly(written.stream().map(StagedFile::path).toList());
            TemporaryFailure failure = new TemporaryFailure(e.getMessage());
            return pending.stream().map(p -> (DeliveryResult) failure).toList();
        } finally {
            files.settled(written); // committed, or deleted just above: a sweep may judge them now
        }
        files.deleteQuietly(unreferenced(pending, results));
        return results;
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
