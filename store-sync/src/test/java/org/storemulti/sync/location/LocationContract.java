package org.storemulti.sync.location;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;

/**
 * What every location must do, as the sync relies on it: a suite each location's test extends
 * with a fresh location ({@code StoreLocationTest}; the Maildir and mbox locations' tests too).
 * Checks that depend on a {@link Capability} are skipped without it.
 */
public abstract class LocationContract {

    protected static final Instant DATE = Instant.parse("2026-11-30T08:15:30Z");
    protected static final String GUID_A = "a0000000000000000000000000000001";
    protected static final String GUID_B = "b0000000000000000000000000000002";
    protected static final String FOLDER_GUID = "f00000000000000000000000000000aa";

    @TempDir
    protected Path directory;
    protected Location location;
    protected UserMail mail;

    /** A new, empty location in {@code directory}. */
    protected abstract Location newLocation(Path directory) throws IOException;

    /** The user the suite opens ({@code name@domain}). */
    protected String user() {
        return "joe@example.com";
    }

    @BeforeEach
    void open() throws IOException {
        location = newLocation(directory);
        mail = location.open(user(), true);
    }

    @AfterEach
    void close() throws IOException {
        mail.close();
        location.close();
    }

    protected boolean can(Capability capability) {
        return location.capabilities().contains(capability);
    }

    protected static byte[] message(String subject) {
        return ("From: ann@example.com\r\nTo: joe@example.com\r\nSubject: " + subject + "\r\n\r\n" + subject
                + " body\r\n").getBytes(UTF_8);
    }

    protected FolderInfo folderNamed(String name) throws IOException {
        List<FolderInfo> folders = mail.folders();
        return folders.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no folder " + name + " in " + folders));
    }

    protected Folder inbox() throws IOException {
        return mail.folder(folderNamed("INBOX").guid());
    }

    protected List<Saved> save(Folder folder, MessageMeta... messages) throws IOException {
        try (SaveBatch batch = folder.saveBatch()) {
            for (MessageMeta each : messages) {
                batch.add(each, new ByteArrayInputStream(message(each.guid() == null ? "new" : each.guid())));
            }
            return batch.commit();
        }
    }

    protected static MessageMeta wanted(long uid, String guid, Flags flags) {
        return new MessageMeta(uid, guid, 0, flags, DATE, -1);
    }

    protected Map<Long, byte[]> bodies(Folder folder, List<Long> uids) throws IOException {
        Map<Long, byte[]> bodies = new LinkedHashMap<>();
        folder.read(uids, (meta, content) -> bodies.put(meta.uid(), content.readAllBytes()));
        return bodies;
    }

    @Test
    void aNewUserHasAnInboxAndTheUserIsOpenedByItsName() throws IOException {
        assertEquals("INBOX", folderNamed("INBOX").name());
        assertEquals(user(), mail.user());
    }

    @Test
    void savedMessagesAreListedWithTheirFlagsDateAndSizeAndReadBackWhole() throws IOException {
        Folder inbox = inbox();
        List<Saved> saved = save(inbox, wanted(0, GUID_A, Flags.of("\\Seen", "$Label1")), wanted(0, GUID_B, Flags.NONE));
        assertEquals(2, saved.size());
        assertTrue(saved.get(0).isStored());
        List<MessageMeta> listed = inbox.messages(UidSet.ALL);
        assertEquals(2, listed.size());
        assertEquals(Flags.of("\\Seen", "$Label1"), listed.get(0).flags());
        assertEquals(DATE, listed.get(0).internalDate());
        assertEquals(message(GUID_A).length, listed.get(0).size());
        Map<Long, byte[]> bodies = bodies(inbox, List.of(listed.get(1).uid(), listed.get(0).uid()));
        assertEquals(List.of(listed.get(1).uid(), listed.get(0).uid()), new ArrayList<>(bodies.keySet()),
                "bodies come in the order asked");
        assertArrayEquals(message(GUID_A), bodies.get(listed.get(0).uid()));
        assertEquals(2, inbox.info().messages());
    }

    @Test
    void guidsAndUidsAskedForAreKeptWhereTheLocationChoosesThem() throws IOException {
        assumeTrue(can(Capability.UIDS) && can(Capability.GUIDS));
        Folder inbox = inbox();
        List<Saved> saved = save(inbox, wanted(7, GUID_A, Flags.NONE), wanted(9, GUID_B, Flags.NONE));
        assertEquals(List.of(7L, 9L), saved.stream().map(Saved::uid).toList());
        assertEquals(List.of(GUID_A, GUID_B), saved.stream().map(Saved::guid).toList());
        assertEquals(10, inbox.info().uidNext());
        List<Saved> again = save(inbox, wanted(3, GUID_A, Flags.NONE));
        assertEquals(10, again.get(0).uid(), "a UID below UIDNEXT is never reused");
        assertNotEquals(GUID_A, again.get(0).guid(), "a GUID the mailbox has is not given twice");
    }

    @Test
    void aBatchClosedWithoutACommitOrWhoseStreamFailsLeavesNothing() throws IOException {
        Folder inbox = inbox();
        try (SaveBatch batch = inbox.saveBatch()) {
            batch.add(wanted(0, GUID_A, Flags.NONE), new ByteArrayInputStream(message("kept?")));
            InputStream failing = new InputStream() {
                private int left = 100;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("stream cut");
                    }
                    return 'x';
                }
            };
            assertThrows(IOException.class, () -> batch.add(wanted(0, GUID_B, Flags.NONE), failing));
        }
        assertEquals(List.of(), inbox.messages(UidSet.ALL));
        assertEquals(0, inbox.info().messages());
    }

    @Test
    void flagsAreReplacedAndTheTokenTellsAChange() throws IOException {
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.of("\\Seen")));
        long uid = inbox.messages(UidSet.ALL).get(0).uid();
        String before = inbox.info().token();
        assertEquals(before, inbox.info().token(), "nothing changed: the same token");
        FlagResult result = inbox.setFlags(Map.of(uid, Flags.of("\\Flagged", "work")), -1);
        assertEquals(List.of(), result.refused());
        assertEquals(Flags.of("\\Flagged", "work"), inbox.messages(UidSet.of(uid)).get(0).flags());
        assertNotEquals(before, inbox.info().token());
    }

    @Test
    void changesSinceATokenListNewChangedAndExpungedMessages() throws IOException {
        assumeTrue(can(Capability.MODSEQS));
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.NONE), wanted(0, GUID_B, Flags.NONE));
        List<MessageMeta> two = inbox.messages(UidSet.ALL);
        String token = inbox.info().token();
        inbox.setFlags(Map.of(two.get(0).uid(), Flags.of("\\Seen")), -1);
        inbox.remove(UidSet.of(two.get(1).uid()));
        save(inbox, wanted(0, null, Flags.NONE));
        FolderChanges changes = inbox.changesSince(token).orElseThrow();
        assertEquals(2, changes.changed().size(), "the flagged one and the new one");
        assertEquals(GUID_A, changes.changed().get(0).guid());
        assertEquals(1, changes.expunged().size());
        assertEquals(GUID_B, changes.expunged().get(0).guid());
        assertEquals(Optional.empty(), inbox.changesSince("not a token of this location"));
    }

    @Test
    void anUnchangedSinceConditionRefusesMessagesChangedAfterIt() throws IOException {
        assumeTrue(can(Capability.MODSEQS));
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.NONE));
        MessageMeta one = inbox.messages(UidSet.ALL).get(0);
        inbox.setFlags(Map.of(one.uid(), Flags.of("\\Seen")), -1);
        FlagResult result = inbox.setFlags(Map.of(one.uid(), Flags.of("\\Answered")), one.modseq());
        assertEquals(List.of(one.uid()), result.refused());
        assertEquals(Flags.of("\\Seen"), inbox.messages(UidSet.ALL).get(0).flags());
    }

    @Test
    void renumberingGivesNewUidsKeepingGuidsAndFlagsOrAdoptsAnotherUidValidity() throws IOException {
        assumeTrue(can(Capability.UIDS));
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.of("\\Seen")), wanted(0, GUID_B, Flags.NONE));
        List<MessageMeta> before = inbox.messages(UidSet.ALL);
        FolderInfo info = inbox.info();
        long moved = info.uidNext() + 5;
        inbox.renumber(info.uidValidity(), Map.of(before.get(0).uid(), moved));
        List<MessageMeta> after = inbox.messages(UidSet.ALL);
        assertEquals(List.of(before.get(1).uid(), moved), after.stream().map(MessageMeta::uid).toList());
        assertEquals(GUID_A, after.get(1).guid());
        assertEquals(Flags.of("\\Seen"), after.get(1).flags());
        assertThrows(LocationException.class, () -> inbox.renumber(info.uidValidity(), Map.of(moved, 1L)),
                "below UIDNEXT");
        FolderInfo adopted = inbox.renumber(info.uidValidity() + 1000, Map.of(moved, 1L, before.get(1).uid(), 2L));
        assertEquals(info.uidValidity() + 1000, adopted.uidValidity());
        assertEquals(3, adopted.uidNext());
        assertEquals(List.of(GUID_A, GUID_B), inbox.messages(UidSet.ALL).stream().map(MessageMeta::guid).toList());
    }

    @Test
    void aCreatedFolderTakesThePeersIdentityAndAnEmptyOneCanBeGivenIt() throws IOException {
        FolderInfo created = mail.create("Archive/2024", FOLDER_GUID, 4242);
        assertEquals("Archive/2024", created.name());
        if (can(Capability.GUIDS)) {
            assertEquals(FOLDER_GUID, created.guid());
        }
        if (can(Capability.UIDS)) {
            assertEquals(4242, created.uidValidity());
            Folder folder = mail.folder(created.guid());
            FolderInfo reset = folder.resetIdentity(GUID_B, 99);
            assertEquals(99, reset.uidValidity());
            assertEquals(reset, folder.info(), "the same folder, under its new identity");
        }
        assertThrows(LocationException.class, () -> mail.create("Archive/2024", null, 0), "the name is taken");
    }

    @Test
    void renameMovesTheMailboxesBelowKeepsGuidsAndDeleteRemovesOnlyOne() throws IOException {
        FolderInfo parent = mail.create("Work", null, 0);
        FolderInfo child = mail.create("Work/Old", null, 0);
        save(mail.folder(child.guid()), wanted(0, GUID_A, Flags.NONE));
        mail.rename(parent.guid(), "Jobs");
        assertEquals(parent.guid(), folderNamed("Jobs").guid());
        assertEquals(child.guid(), folderNamed("Jobs/Old").guid());
        assertEquals(1, folderNamed("Jobs/Old").messages());
        mail.delete(parent.guid());
        assertEquals(Set.of("INBOX", "Jobs/Old"), Set.copyOf(mail.folders().stream().map(FolderInfo::name).toList()));
        LocationException gone = assertThrows(LocationException.class, () -> mail.folder(parent.guid()).info());
        assertEquals(LocationException.Kind.NOT_FOUND, gone.kind());
        String inbox = folderNamed("INBOX").guid();
        assertEquals(LocationException.Kind.REFUSED, assertThrows(LocationException.class, () -> mail.delete(inbox))
                .kind());
        assertEquals(LocationException.Kind.REFUSED, assertThrows(LocationException.class,
                () -> mail.rename(inbox, "Old")).kind());
    }

    @Test
    void subscriptionsAndSpecialUseAreKept() throws IOException {
        FolderInfo sent = mail.create("Sent", null, 0);
        mail.subscribe("Sent");
        mail.subscribe("INBOX");
        mail.unsubscribe("INBOX");
        assertEquals(Set.of("Sent"), mail.subscriptions());
        mail.setSpecialUse(sent.guid(), Set.of("\\Sent"));
        assertEquals(Set.of("\\Sent"), folderNamed("Sent").specialUse());
    }

    @Test
    void removedMessagesAreGoneAndListedWithTheirGuids() throws IOException {
        Folder inbox = inbox();
        save(inbox, wanted(0, GUID_A, Flags.NONE), wanted(0, GUID_B, Flags.NONE));
        long first = inbox.messages(UidSet.ALL).get(0).uid();
        List<MessageMeta> gone = inbox.remove(UidSet.of(first));
        assertEquals(1, gone.size());
        assertEquals(first, gone.get(0).uid());
        assertEquals(1, inbox.messages(UidSet.ALL).size());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        inbox.read(List.of(first), (meta, content) -> content.transferTo(none));
        assertEquals(0, none.size(), "a UID no longer there is skipped");
    }
}
