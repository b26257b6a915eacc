package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.store.change.MailboxChange;
import org.storemulti.store.error.ConflictException;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.QuotaExceededException;
import org.storemulti.store.mailbox.MailboxInfo;
import org.storemulti.store.message.CopyResult;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.ExpungeHistory;
import org.storemulti.store.message.Expunged;
import org.storemulti.store.message.FlagChange;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxChanges;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxSnapshot;
import org.storemulti.store.message.MailboxState;
import org.storemulti.store.message.MessageBatch;
import org.storemulti.store.message.MessageContent;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.RecentClaim;
import org.storemulti.store.message.StoreResult;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.mime.HeaderFields;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.mime.MimePart;

/**
 * Every read-side operation IMAP and sync build on, with the message files on jimfs and on
 * the real file system (the database is always on the real one: SQLite needs it).
 */
class ReadSideContractTest {

    static final String DOMAIN = "example.com";
    static final String INBOX = "user/joe/INBOX";
    static final String ARCHIVE = "user/joe/Archive";
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path data;
    FileSystem jimfs;
    Store store;
    MutableClock clock = new MutableClock(START);

    static Stream<String> fileSystems() {
        return Stream.of("jimfs", "real");
    }

    Store open(String fileSystem) throws IOException {
        Path messages = data.resolve("messages");
        if (fileSystem.equals("jimfs")) {
            jimfs = Jimfs.newFileSystem(Configuration.unix());
            messages = jimfs.getPath("/store/messages");
            Files.createDirectories(messages);
        }
        store = Store.open(data, messages, clock);
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Archive");
        store.mailboxes().addUser(DOMAIN, "ann");
        return store;
    }

    @AfterEach
    void close() throws IOException {
        if (store != null) {
            assertEquals(List.of(), store.tools().verify(false), "usage, files and index agree after every test");
            store.close();
        }
        if (jimfs != null) {
            jimfs.close();
        }
    }

    static byte[] message(String subject) {
        return ("From: Joe <joe@example.com>\r\nTo: ann@example.com\r\nSubject: " + subject
                + "\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                + subject + " text\r\n--b\r\nContent-Type: text/html\r\n\r\n<b>" + subject + "</b>\r\n--b--\r\n")
                .getBytes(UTF_8);
    }

    Stored deliver(String mailbox, String subject, Flags flags) {
        return (Stored) store.deliver(List.of(new Delivery(DOMAIN, mailbox, message(subject), null, flags))).get(0);
    }

    MailboxHandle inbox() {
        return store.messages().mailbox(DOMAIN, INBOX);
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aSnapshotHasEveryUidModseqAndFlagsAndTheHighestModseqIsTheirMaximum(String fs) throws IOException {
        open(fs);
        Stored one = deliver(INBOX, "one", Flags.of("\\Seen"));
        Stored two = deliver(INBOX, "two", Flags.of("$Label1", "\\Flagged"));
        Stored three = deliver(INBOX, "three", Flags.NONE);
        assertTrue(one.modseq() < two.modseq() && two.modseq() < three.modseq());
        MailboxSnapshot snapshot = inbox().snapshot();
        assertEquals(3, snapshot.size());
        assertArrayEquals(new long[] {1, 2, 3}, snapshot.uids());
        assertEquals(Flags.of("\\Seen"), snapshot.flags(0));
        assertEquals(Flags.of("$Label1", "\\Flagged"), snapshot.flags(1));
        assertEquals(three.modseq(), snapshot.modseq(2));
        assertEquals(List.of("$Label1"), snapshot.keywords());
        MailboxState state = snapshot.state();
        assertEquals(three.modseq(), state.highestModseq());
        assertEquals(4, state.uidNext());
        assertEquals(3, state.messages());
        assertEquals(one.uidValidity(), state.uidValidity());
        assertEquals(1, snapshot.indexOf(2));
        assertTrue(snapshot.indexOf(9) < 0);
        assertEquals(3, List.of(one.guid(), two.guid(), three.guid()).stream().distinct().count());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void fetchGivesTheCachedStructureAndSectionsAreByteRangesOfTheFile(String fs) throws IOException {
        open(fs);
        deliver(INBOX, "hello", Flags.NONE);
        MessageRecord record = inbox().fetch(1);
        byte[] whole = message("hello");
        assertEquals(whole.length, record.size());
        MessageContent content = record.content();
        assertArrayEquals(whole, content.readAll());
        try (InputStream partial = content.open(6, 10)) {
            assertEquals("Joe <joe@e", new String(partial.readAllBytes(), UTF_8));
        }
        try (InputStream past = content.open(whole.length + 5, 10)) {
            assertEquals(0, past.readAllBytes().length);
        }
        MessageStructure structure = record.structure();
        assertEquals("hello", structure.envelope().subject());
        MimePart html = structure.part(2);
        assertEquals("html", html.subtype());
        assertEquals("<b>hello</b>", new String(content.read(html.bodyOffset(), (int) html.bodyLength()), UTF_8));
        assertEquals("Content-Type: text/html\r\n\r\n",
                new String(content.read(html.headerOffset(), (int) html.headerLength()), UTF_8));
        byte[] header = content.read(0, (int) structure.body().headerLength());
        assertEquals("Subject: hello\r\n\r\n", new String(HeaderFields.select(header, List.of("subject"), false), UTF_8));
        assertTrue(inbox().fetch(UidSet.ALL, false).get(0).structure() == null, "no structure unless asked");
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void malformedMimeIsDeliveredAndItsStructureAnsweredWithoutExceptions(String fs) throws IOException {
        open(fs);
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> fixtures = Files.list(Path.of("..", "test-fixtures", "mime"))) {
            for (Path fixture : (Iterable<Path>) fixtures.sorted()::iterator) {
                messages.add(Files.readAllBytes(fixture));
            }
        }
        byte[] longLine = new byte[10 * 1024 * 1024 + 40];
        java.util.Arrays.fill(longLine, (byte) 'x');
        System.arraycopy("Subject: one line\r\n\r\n".getBytes(UTF_8), 0, longLine, 0, 21);
        messages.add(longLine);
        for (byte[] message : messages) {
            assertInstanceOf(Stored.class, store.batcher().deliver(Delivery.of(DOMAIN, INBOX, message)));
        }
        List<MessageRecord> records = inbox().fetch(UidSet.ALL, true);
        assertEquals(messages.size(), records.size());
        long malformed = records.stream().filter(r -> !r.structure().wellFormed()).count();
        assertEquals(4, malformed, "truncated, missing and wrong boundary, no empty line after the header");
        MessageRecord last = records.get(records.size() - 1);
        assertEquals(longLine.length - 21, last.structure().body().bodyLength());
        assertEquals("one line", last.structure().envelope().subject());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aMessageWithoutCachedStructureIsParsedOnFirstReadAndCachedForTheNext(String fs) throws IOException {
        open(fs);
        deliver(INBOX, "legacy", Flags.NONE);
        StoreAccess.sql(store, "UPDATE message_file SET mime = NULL");
        assertEquals("legacy", inbox().structure(1).envelope().subject());
        assertEquals(1, StoreAccess.number(store, "SELECT COUNT(*) FROM message_file WHERE mime IS NOT NULL"));
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void storeChangesOnlyWhatDiffersGivesOneModseqAndHonoursUnchangedSince(String fs) throws IOException {
        open(fs);
        deliver(INBOX, "a", Flags.of("\\Seen"));
        deliver(INBOX, "b", Flags.NONE);
        deliver(INBOX, "c", Flags.NONE);
        MailboxHandle inbox = inbox();
        long before = inbox.state().highestModseq();
        StoreResult seen = inbox.store(UidSet.ALL, FlagChange.add(Flags.of("\\Seen")), -1);
        assertEquals(List.of(2L, 3L), seen.changed().stream().map(m -> m.uid()).toList(), "uid 1 was seen already");
        assertTrue(seen.modseq() > before);
        assertEquals(seen.modseq(), inbox.state().highestModseq());
        MailboxSnapshot snapshot = inbox.snapshot();
        assertEquals(before - 2, snapshot.modseq(0), "unchanged message keeps its modseq");
        StoreResult conditional = inbox.store(UidSet.range(1, 3), FlagChange.add(Flags.of("work")), before);
        assertEquals(UidSet.of(2, 3), conditional.refused());
        assertEquals(List.of(1L), conditional.changed().stream().map(m -> m.uid()).toList());
        assertEquals(List.of("work"), inbox.snapshot().keywords());
        StoreResult none = inbox.store(UidSet.of(1), FlagChange.add(Flags.of("\\Seen")), -1);
        assertEquals(0, none.modseq());
        inbox.store(UidSet.of(1), FlagChange.replace(Flags.of("\\Answered")), -1);
        assertEquals(Flags.of("\\Answered"), inbox.snapshot().flags(0));
        inbox.store(UidSet.of(1), FlagChange.remove(Flags.of("\\Answered")), -1);
        assertEquals(Flags.NONE, inbox.snapshot().flags(0));
        assertEquals(List.of("work"), inbox.snapshot().keywords(), "a keyword once used stays listed");
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void uidExpungeRemovesOnlyDeletedMessagesOfTheSetAndTheLogAnswersExactly(String fs) throws IOException {
        open(fs);
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(deliver(INBOX, "m" + i, Flags.of("\\Deleted")));
        }
        MailboxHandle inbox = inbox();
        long known = inbox.state().highestModseq();
        List<Expunged> first = inbox.expunge(UidSet.of(2, 4));
        assertEquals(List.of(2L, 4L), first.stream().map(Expunged::uid).toList());
        assertEquals(List.of(stored.get(1).guid(), stored.get(3).guid()), first.stream().map(Expunged::guid).toList());
        long middle = inbox.state().highestModseq();
        inbox.store(UidSet.of(5), FlagChange.remove(Flags.of("\\Deleted")), -1);
        List<Expunged> second = inbox.expunge(UidSet.ALL);
        assertEquals(List.of(1L, 3L), second.stream().map(Expunged::uid).toList(), "uid 5 was undeleted");
        ExpungeHistory sinceKnown = inbox.expungedSince(known);
        assertEquals(List.of(1L, 2L, 3L, 4L),
                ((ExpungeHistory.Known) sinceKnown).expunged().stream().map(Expunged::uid).toList());
        MailboxChanges changes = inbox.changesSince(middle);
        assertEquals(List.of(1L, 3L),
                ((ExpungeHistory.Known) changes.expunged()).expunged().stream().map(Expunged::uid).toList());
        assertEquals(List.of(5L), changes.changed().stream().map(m -> m.uid()).toList());
        assertEquals(List.of(), inbox.changesSince(inbox.state().highestModseq()).changed());
        assertEquals(1, inbox.state().messages());
        List<Expunged> removed = inbox.remove(UidSet.ALL);
        assertEquals(List.of(5L), removed.stream().map(Expunged::uid).toList(), "a sync removes whatever the flags");
        assertEquals(0, inbox.state().messages());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void theExpungeLogForgetsOldEntriesAndSaysSoInsteadOfAnsweringPartly(String fs) throws IOException {
        open(fs);
        deliver(INBOX, "old", Flags.of("\\Deleted"));
        MailboxHandle inbox = inbox();
        long beforeOld = inbox.state().highestModseq();
        inbox.expunge(UidSet.ALL);
        clock.advance(Duration.ofDays(100));
        deliver(INBOX, "new", Flags.of("\\Deleted"));
        long beforeNew = inbox.state().highestModseq();
        inbox.expunge(UidSet.ALL);
        ExpungeHistory forgotten = inbox.expungedSince(beforeOld);
        assertInstanceOf(ExpungeHistory.Forgotten.class, forgotten);
        long floor = ((ExpungeHistory.Forgotten) forgotten).floor();
        assertTrue(floor > beforeOld && floor <= beforeNew);
        assertEquals(List.of(2L), ((ExpungeHistory.Known) inbox.expungedSince(floor)).expunged().stream()
                .map(Expunged::uid).toList());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void copyKeepsGuidsFlagsAndDatesGivesCopyUidDataAndChargesTheQuota(String fs) throws IOException {
        open(fs);
        Stored a = deliver(INBOX, "a", Flags.of("\\Seen", "work"));
        Stored b = deliver(INBOX, "b", Flags.NONE);
        MailboxHandle archive = store.messages().mailbox(DOMAIN, ARCHIVE);
        long files = StoreAccess.number(store, "SELECT COUNT(*) FROM message_file");
        CopyResult copy = inbox().copy(UidSet.of(1, 2, 7), archive);
        assertEquals(archive.state().uidValidity(), copy.uidValidity());
        assertEquals(List.of(1L, 2L), copy.sourceUids());
        assertEquals(List.of(1L, 2L), copy.targetUids());
        assertEquals(copy.modseq(), archive.state().highestModseq());
        List<MessageRecord> copies = archive.fetch(UidSet.ALL, false);
        assertEquals(List.of(a.guid(), b.guid()), copies.stream().map(MessageRecord::guid).toList());
        assertEquals(Flags.of("\\Seen", "work"), copies.get(0).flags());
        assertEquals(inbox().fetch(1).internalDate(), copies.get(0).internalDate());
        assertEquals(List.of("work"), archive.snapshot().keywords());
        assertEquals(files, StoreAccess.number(store, "SELECT COUNT(*) FROM message_file"), "copies share the files");
        long sizes = message("a").length + message("b").length;
        assertEquals(2 * sizes, store.quotas().getUser(DOMAIN, "joe").usedBytes());
        CopyResult again = archive.copy(UidSet.of(1), archive);
        assertEquals(List.of(3L), again.targetUids());
        assertNotEquals(a.guid(), archive.fetch(3).guid(), "a copy into the same mailbox gets a new GUID");
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void moveExpungesTheOriginalsInTheSameStepAndKeepsTheirGuids(String fs) throws IOException {
        open(fs);
        Stored a = deliver(INBOX, "a", Flags.NONE);
        deliver(INBOX, "b", Flags.NONE);
        MailboxHandle inbox = inbox();
        MailboxHandle archive = store.messages().mailbox(DOMAIN, ARCHIVE);
        long known = inbox.state().highestModseq();
        CopyResult moved = inbox.move(UidSet.of(1), archive);
        assertEquals(List.of(1L), moved.targetUids());
        assertEquals(a.guid(), archive.fetch(1).guid());
        assertEquals(List.of(2L), inbox.fetch(UidSet.ALL, false).stream().map(MessageRecord::uid).toList());
        assertEquals(List.of(new Expunged(1, a.guid(), inbox.state().highestModseq())),
                ((ExpungeHistory.Known) inbox.expungedSince(known)).expunged());
        long sizes = message("a").length + message("b").length;
        assertEquals(sizes, store.quotas().getUser(DOMAIN, "joe").usedBytes(), "a move within the user changes no usage");
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aCopyOverQuotaChangesNothingAndAMoveInsideTheQuotaRootStillFits(String fs) throws IOException {
        open(fs);
        deliver(INBOX, "a", Flags.NONE);
        store.quotas().setUser(DOMAIN, "joe", 1);
        MailboxHandle archive = store.messages().mailbox(DOMAIN, ARCHIVE);
        store.deliver(List.of(Delivery.of(DOMAIN, INBOX, new byte[600])));
        assertThrows(QuotaExceededException.class, () -> inbox().copy(UidSet.ALL, archive));
        assertEquals(0, archive.state().messages());
        inbox().move(UidSet.ALL, archive);
        assertEquals(2, archive.state().messages());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void appendStreamsTheMessageWithFlagsAndDateAndARefusedAppendLeavesNoFile(String fs) throws IOException {
        open(fs);
        MailboxHandle inbox = inbox();
        Instant date = Instant.parse("2020-01-02T03:04:05Z");
        Stored appended = inbox.append(new ByteArrayInputStream(message("appended")), Flags.of("\\Draft", "x"), date);
        MessageRecord record = inbox.fetch(appended.uid());
        assertEquals(date, record.internalDate());
        assertEquals(Flags.of("\\Draft", "x"), record.flags());
        assertEquals("appended", record.structure().envelope().subject());
        assertArrayEquals(message("appended"), record.content().readAll());
        store.quotas().setUser(DOMAIN, "joe", 1);
        long files = StoreAccess.messageFiles(store);
        assertThrows(QuotaExceededException.class,
                () -> inbox.append(new ByteArrayInputStream(new byte[2000]), Flags.NONE, null));
        assertEquals(files, StoreAccess.messageFiles(store), "the refused message's file is gone");
        InputStream broken = new InputStream() {
            private int left = 100;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        store.quotas().deleteUser(DOMAIN, "joe");
        assertThrows(IOException.class, () -> inbox.append(broken, Flags.NONE, null));
        assertEquals(files, StoreAccess.messageFiles(store) - StoreAccess.temporaryFiles(store),
                "nothing half-stored");
        assertEquals(1, inbox.state().messages());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aSyncSaveKeepsItsGuidAndUidWhereFreeAndGetsNewOnesWhereTaken(String fs) throws IOException {
        open(fs);
        MailboxHandle inbox = inbox();
        String guid = "0123456789abcdef0123456789abcdef";
        Stored first = inbox.save(new ByteArrayInputStream(message("s")), Flags.of("\\Seen"), START, guid, 10);
        assertEquals(10, first.uid());
        assertEquals(guid, first.guid());
        assertEquals(11, inbox.state().uidNext());
        Stored second = inbox.save(new ByteArrayInputStream(message("s")), Flags.NONE, START, guid, 5);
        assertEquals(11, second.uid(), "UIDs below UIDNEXT are never reused");
        assertNotEquals(guid, second.guid(), "a GUID already in the mailbox is not given twice");
        Stored delivered = (Stored) store.deliver(List.of(new Delivery(DOMAIN, INBOX, message("d"), START, Flags.NONE,
                "fedcba9876543210fedcba9876543210", 20))).get(0);
        assertEquals(20, delivered.uid());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aSaveBatchIndexesItsMessagesInOneCommitAndAnUncommittedOneLeavesNoFile(String fs) throws IOException {
        open(fs);
        MailboxHandle inbox = inbox();
        try (MessageBatch batch = inbox.saveBatch()) {
            batch.add(new ByteArrayInputStream(message("a")), Flags.of("\\Seen"), START, "0123456789abcdef0123456789abcdef", 5);
            batch.add(new ByteArrayInputStream(message("b")), Flags.NONE, START, null, 9);
            assertEquals(0, inbox.state().messages(), "staged, not indexed");
            List<DeliveryResult> results = batch.commit();
            assertEquals(List.of(5L, 9L), results.stream().map(r -> ((Stored) r).uid()).toList());
        }
        assertEquals(10, inbox.state().uidNext());
        try (MessageBatch abandoned = inbox.saveBatch()) {
            abandoned.add(new ByteArrayInputStream(message("c")), Flags.NONE, START, null, 0);
            InputStream cut = new InputStream() {
                private int left = 10;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("cut");
                    }
                    return 'x';
                }
            };
            assertThrows(IOException.class, () -> abandoned.add(cut, Flags.NONE, START, null, 0));
        }
        assertEquals(2, inbox.state().messages());
        // the verify after each test finds no file left by the abandoned batch
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void renumberMovesMessagesAboveUidnextAndLogsTheOldUidsOrAdoptsAnotherUidValidity(String fs) throws IOException {
        open(fs);
        MailboxHandle inbox = inbox();
        Stored one = deliver(INBOX, "one", Flags.of("\\Seen"));
        Stored two = deliver(INBOX, "two", Flags.NONE);
        long modseq = inbox.state().highestModseq();
        MailboxState after = inbox.renumber(one.uidValidity(), Map.of(one.uid(), 10L));
        assertEquals(11, after.uidNext());
        assertEquals(List.of(two.uid(), 10L), inbox.fetch(UidSet.ALL, false).stream().map(MessageRecord::uid).toList());
        assertEquals(one.guid(), inbox.fetch(10).guid());
        assertEquals(Flags.of("\\Seen"), inbox.fetch(10).flags());
        MailboxChanges changes = inbox.changesSince(modseq);
        assertEquals(List.of(10L), changes.changed().stream().map(c -> c.uid()).toList());
        assertEquals(List.of(one.uid()), ((ExpungeHistory.Known) changes.expunged()).expunged().stream()
                .map(Expunged::uid).toList());
        assertThrows(ConflictException.class, () -> inbox.renumber(one.uidValidity(), Map.of(10L, 3L)));
        assertThrows(ConflictException.class, () -> inbox.renumber(777, Map.of(10L, 1L)), "every message needs a UID");
        MailboxState adopted = inbox.renumber(777, Map.of(10L, 2L, two.uid(), 1L));
        assertEquals(777, adopted.uidValidity());
        assertEquals(3, adopted.uidNext());
        assertEquals(one.guid(), inbox.fetch(2).guid());
        assertInstanceOf(ExpungeHistory.Forgotten.class, inbox.expungedSince(modseq));
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aTreeListsOneUsersMailboxesWithTheirAcls(String fs) throws IOException {
        open(fs);
        store.acls().set(DOMAIN, ARCHIVE, "ann", "lr");
        assertEquals(List.of(ARCHIVE, INBOX), store.mailboxes().tree(DOMAIN, "user/joe").stream()
                .map(MailboxInfo::name).toList());
        var acls = store.acls().tree(DOMAIN, "user/joe");
        assertEquals(List.of(ARCHIVE, INBOX), List.copyOf(acls.keySet()));
        assertTrue(acls.get(ARCHIVE).stream().anyMatch(e -> e.identifier().equals("ann")));
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void recentMessagesBelongToTheFirstSessionThatClaimsThem(String fs) throws IOException {
        open(fs);
        deliver(INBOX, "a", Flags.NONE);
        deliver(INBOX, "b", Flags.NONE);
        MailboxHandle inbox = inbox();
        RecentClaim first = inbox.claimRecent();
        assertEquals(new RecentClaim(1, 3), first);
        assertTrue(first.isRecent(2));
        RecentClaim second = inbox.claimRecent();
        assertFalse(second.isRecent(1) || second.isRecent(2));
        deliver(INBOX, "c", Flags.NONE);
        assertEquals(new RecentClaim(3, 4), inbox.claimRecent());
        assertEquals(4, inbox.state().firstRecentUid());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void renameKeepsUidValidityGuidHandlesAndSubscriptionsAndSpecialUseIsListed(String fs) throws IOException {
        open(fs);
        deliver(ARCHIVE, "a", Flags.NONE);
        MailboxHandle archive = store.messages().mailbox(DOMAIN, ARCHIVE);
        MailboxState before = archive.state();
        store.subscriptions().subscribe(DOMAIN, "joe", ARCHIVE);
        store.subscriptions().subscribe(DOMAIN, "joe", "user/joe/Gone");
        store.mailboxes().setSpecialUse(DOMAIN, ARCHIVE, Set.of("\\archive"));
        store.mailboxes().renameUserFolder(DOMAIN, "joe", "Archive", "Old/Archive");
        MailboxState after = archive.state();
        assertEquals("user/joe/Old/Archive", after.mailbox());
        assertEquals(before.uidValidity(), after.uidValidity());
        assertEquals(before.guid(), after.guid());
        assertEquals(after, store.messages().mailboxByGuid(before.guid()).state());
        assertEquals(List.of("user/joe/Gone", "user/joe/Old/Archive"), store.subscriptions().list(DOMAIN, "joe"));
        MailboxInfo info = store.mailboxes().get(DOMAIN, "user/joe/Old/Archive");
        assertEquals(Set.of("\\Archive"), info.specialUse());
        assertEquals(before.guid(), info.guid());
        assertEquals(3, store.mailboxes().all(DOMAIN).size());
        assertTrue(store.subscriptions().unsubscribe(DOMAIN, "joe", "user/joe/Gone"));
        assertFalse(store.subscriptions().unsubscribe(DOMAIN, "joe", "user/joe/Gone"));
        store.mailboxes().renameUser(DOMAIN, "joe", "joseph");
        assertEquals(List.of("user/joseph/Old/Archive"), store.subscriptions().list(DOMAIN, "joseph"));
        assertEquals(before.guid(), archive.state().guid());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aMailboxDeletedAndCreatedAgainInTheSameSecondGetsANewUidValidity(String fs) throws IOException {
        open(fs);
        long first = store.mailboxes().get(DOMAIN, ARCHIVE).uidValidity();
        store.mailboxes().deleteUserFolder(DOMAIN, "joe", "Archive");
        store.mailboxes().addUserFolder(DOMAIN, "joe", "Archive");
        assertTrue(store.mailboxes().get(DOMAIN, ARCHIVE).uidValidity() > first, "the clock did not move");
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void aHandleOfADeletedMailboxNamesIt(String fs) throws IOException {
        open(fs);
        MailboxHandle archive = store.messages().mailbox(DOMAIN, ARCHIVE);
        store.mailboxes().deleteUserFolder(DOMAIN, "joe", "Archive");
        NotFoundException gone = assertThrows(NotFoundException.class, archive::snapshot);
        assertEquals("no such mailbox: example.com user/joe/Archive", gone.getMessage());
        assertThrows(NotFoundException.class, () -> archive.store(UidSet.ALL, FlagChange.add(Flags.of("x")), -1));
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void anEmptyMailboxTakesThePeersIdentityForASync(String fs) throws IOException {
        open(fs);
        MailboxHandle archive = store.messages().mailbox(DOMAIN, ARCHIVE);
        String guid = "00000000000000000000000000000abc";
        archive.resetIdentity(guid, 12345);
        MailboxState state = archive.state();
        assertEquals(guid, state.guid());
        assertEquals(12345, state.uidValidity());
        assertEquals(guid, archive.guid());
        deliver(ARCHIVE, "x", Flags.NONE);
        assertThrows(ConflictException.class, () -> archive.resetIdentity("00000000000000000000000000000abd", 1));
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void listenersHearOfCommitsInProcessAndPollFindsOtherProcessesChanges(String fs) throws Exception {
        open(fs);
        List<MailboxChange> heard = new CopyOnWriteArrayList<>();
        store.changes().poll();
        try (AutoCloseable subscription = store.changes().subscribe(heard::add)) {
            Stored stored = deliver(INBOX, "a", Flags.NONE);
            assertEquals(List.of(new MailboxChange(MailboxChange.Kind.MESSAGES, DOMAIN, INBOX, inbox().guid(),
                    stored.modseq(), 2)), heard, "heard on the committing thread, before deliver returned");
            assertEquals(0, store.changes().poll(), "a poll does not repeat what this process published");
            heard.clear();
            try (Store other = Store.open(data, clock)) {
                other.messages().mailbox(DOMAIN, INBOX).store(UidSet.ALL, FlagChange.add(Flags.of("\\Seen")), -1);
            }
            assertEquals(List.of(), heard, "another store's commit is not pushed");
            assertEquals(1, store.changes().poll());
            assertEquals(INBOX, heard.get(0).mailbox());
            assertEquals(inbox().state().highestModseq(), heard.get(0).highestModseq());
            heard.clear();
            store.mailboxes().addUserFolder(DOMAIN, "joe", "New");
            store.mailboxes().renameUserFolder(DOMAIN, "joe", "New", "Newer");
            store.mailboxes().deleteUserFolder(DOMAIN, "joe", "Newer");
            assertEquals(List.of(MailboxChange.Kind.CREATED, MailboxChange.Kind.RENAMED, MailboxChange.Kind.DELETED),
                    heard.stream().map(MailboxChange::kind).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void rightsOfAllListsWhatAUserMayDoInEveryMailbox(String fs) throws IOException {
        open(fs);
        store.acls().set(DOMAIN, ARCHIVE, "ann", "lr");
        store.acls().set(DOMAIN, ARCHIVE, "-ann", "r");
        var rights = store.acls().rightsOfAll(DOMAIN, "ann");
        assertEquals("l", rights.get(ARCHIVE).letters());
        assertEquals("lrswipkxtecdan", rights.get("user/ann/INBOX").letters());
        assertFalse(rights.containsKey(INBOX));
    }
}
