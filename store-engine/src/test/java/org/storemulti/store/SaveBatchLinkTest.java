package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MailboxState;
import org.storemulti.store.message.MessageBatch;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.testing.FileSystemsUnderTest;

/**
 * A save batch fed from another store's message files (a sync between two stores, the user
 * move's mirror): hard-linked when the link is exactly the file a copy would write, copied
 * otherwise, and byte-identical either way; on jimfs and on the real file system.
 */
class SaveBatchLinkTest {

    static final String DOMAIN = "example.org";
    static final String INBOX = "user/joe/INBOX";

    @TempDir
    static Path realTemp;
    @TempDir
    Path databases;

    final List<Store> open = new ArrayList<>();

    static Stream<Arguments> fileSystems() {
        return FileSystemsUnderTest.both(realTemp);
    }

    @AfterEach
    void close() {
        open.forEach(Store::close);
    }

    Store store(String name, Path messages) throws IOException {
        Files.createDirectories(messages);
        Store store = Store.open(databases.resolve(name), messages, Clock.systemUTC());
        open.add(store);
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
        return store;
    }

    /** {@code count} messages of seeded random sizes and bytes, delivered to joe's INBOX. */
    static void deliver(Store store, int count, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[200 + random.nextInt(20_000)];
            random.nextBytes(body);
            byte[] message = ("Subject: m" + i + "\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(body)
                    + "\r\n").getBytes(UTF_8);
            assertInstanceOf(DeliveryResult.Stored.class,
                    store.deliver(List.of(new Delivery(DOMAIN, INBOX, message, null, Flags.of("\\Seen")))).get(0));
        }
    }

    /** The user move's shape: the destination mailbox takes the source's identity, then every message is saved. */
    static MessageBatch mirror(Store from, Store to, boolean sameIdentity) {
        MailboxHandle source = from.messages().mailbox(DOMAIN, INBOX);
        MailboxHandle target = to.messages().mailbox(DOMAIN, INBOX);
        if (sameIdentity) {
            MailboxState state = source.state();
            target.resetIdentity(state.guid(), state.uidValidity());
        }
        try (MessageBatch batch = target.saveBatch()) {
            for (MessageRecord record : source.fetch(UidSet.ALL, false)) {
                try (var content = record.content().open()) {
                    batch.add(content, record.flags(), record.internalDate(), record.guid(), record.uid());
                }
            }
            for (DeliveryResult result : batch.commit()) {
                assertInstanceOf(DeliveryResult.Stored.class, result);
            }
            return batch;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<MessageRecord> all(Store store) {
        return store.messages().mailbox(DOMAIN, INBOX).fetch(UidSet.ALL, false);
    }

    /** Both stores hold the same messages (UID, GUID, flags, date, size) in files with the same bytes. */
    static void assertSameFiles(Store from, Store to) throws IOException {
        List<MessageRecord> source = all(from);
        List<MessageRecord> target = all(to);
        assertEquals(source.size(), target.size());
        for (int i = 0; i < source.size(); i++) {
            MessageRecord a = source.get(i);
            MessageRecord b = target.get(i);
            assertEquals(List.of(a.uid(), a.guid(), a.flags(), a.internalDate(), a.size()),
                    List.of(b.uid(), b.guid(), b.flags(), b.internalDate(), b.size()));
            assertArrayEquals(Files.readAllBytes(a.content().file()), Files.readAllBytes(b.content().file()),
                    "file of UID " + a.uid());
        }
        assertEquals(List.of(), to.tools().verify(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aStoreOnTheSameFileSystemHardLinksEveryFileAndTheLinksHoldTheSameBytes(String fileSystem, Path root)
            throws IOException {
        Store a = store("a", root.resolve("a"));
        Store b = store("b", root.resolve("b"));
        deliver(a, 40, 1);
        MessageBatch batch = mirror(a, b, true);
        assertEquals(40, batch.linked());
        assertSameFiles(a, b);
        for (int i = 0; i < 40; i++) {
            assertTrue(Files.isSameFile(all(a).get(i).content().file(), all(b).get(i).content().file()));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                all(b).get(0).content().file())));
        assertEquals(a.quotas().usage(DOMAIN, "user/joe"), b.quotas().usage(DOMAIN, "user/joe"),
                "quota usage counted as for a copy");
        byte[] first = b.messages().read(DOMAIN, INBOX, all(b).get(0).uid());
        a.messages().mailbox(DOMAIN, INBOX).remove(UidSet.ALL);
        assertEquals(0, all(a).size());
        assertArrayEquals(first, b.messages().read(DOMAIN, INBOX, all(b).get(0).uid()),
                "expunging the source unlinks its name only");
        assertEquals(List.of(), b.tools().verify(false));
        assertEquals(List.of(), a.tools().verify(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aSourceFileWithAnotherModeIsCopiedByteForByteAndLeftAsItWas(String fileSystem, Path root)
            throws IOException {
        Store a = store("a", root.resolve("a"));
        Store b = store("b", root.resolve("b"));
        deliver(a, 10, 2);
        Path odd = all(a).get(3).content().file();
        Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rw-r-----"));
        MessageBatch batch = mirror(a, b, true);
        assertEquals(9, batch.linked());
        assertSameFiles(a, b);
        assertFalse(Files.isSameFile(odd, all(b).get(3).content().file()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                all(b).get(3).content().file())), "the copy has the store's mode");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(odd)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aSourceFileOfAnotherOwnerIsCopied(String fileSystem, Path root) throws IOException {
        Store a = store("a", root.resolve("a"));
        Store b = store("b", root.resolve("b"));
        deliver(a, 5, 3);
        Path odd = all(a).get(1).content().file();
        UserPrincipal other;
        try {
            other = odd.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
                    fileSystem.equals("jimfs") ? "someone-else" : "nobody");
            Files.setOwner(odd, other);
        } catch (IOException e) {
            other = null; // not root on the real file system: cannot give a file away
        }
        assumeTrue(other != null && !other.equals(Files.getOwner(all(a).get(0).content().file())),
                "a file of another owner can be made here");
        MessageBatch batch = mirror(a, b, true);
        assertEquals(4, batch.linked());
        assertSameFiles(a, b);
        assertFalse(Files.getOwner(all(b).get(1).content().file()).equals(other));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aMailboxOfAnotherIdentityGetsFilesWithItsOwnEnvelopeLine(String fileSystem, Path root) throws IOException {
        Store a = store("a", root.resolve("a"));
        Store b = store("b", root.resolve("b"));
        deliver(a, 5, 4);
        MessageBatch batch = mirror(a, b, false);
        assertEquals(0, batch.linked(), "the source's envelope names another mailbox GUID");
        String guid = b.messages().mailbox(DOMAIN, INBOX).state().guid();
        for (MessageRecord record : all(b)) {
            String line = new String(Files.readAllBytes(record.content().file()), UTF_8).lines().findFirst().get();
            assertTrue(line.contains(":" + guid + ":" + record.guid()), line);
        }
        assertEquals(List.of(), b.tools().verify(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aStoreOnAnotherFileSystemIsCopied(String fileSystem, Path root) throws IOException {
        List<FileSystemsUnderTest.Root> other = FileSystemsUnderTest.roots(realTemp);
        Path elsewhere = other.get(fileSystem.equals("jimfs") ? 1 : 0).directory();
        Store a = store("a", root.resolve("a"));
        Store b = store("b", elsewhere.resolve("b"));
        deliver(a, 5, 5);
        MessageBatch batch = mirror(a, b, true);
        assertEquals(0, batch.linked());
        assertSameFiles(a, b);
    }
}
