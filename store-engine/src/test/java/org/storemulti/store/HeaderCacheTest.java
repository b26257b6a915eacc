package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult.Stored;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.mime.MimePart;

/**
 * The header block cached beside each message file (schema 5): delivered and appended
 * messages have it, it is byte for byte the file's header block (well-formed, damaged and
 * seeded random messages), a header too long for the cache is read from the file, and
 * messages stored before the cache existed are read once and cached for the next time.
 */
class HeaderCacheTest {

    static final String DOMAIN = "example.com";
    static final String INBOX = "user/joe/INBOX";

    @TempDir
    Path data;
    FileSystem jimfs;
    Store store;

    static Stream<String> fileSystems() {
        return Stream.of("jimfs", "real");
    }

    void open(String fileSystem) throws IOException {
        Path messages = data.resolve("messages");
        if (fileSystem.equals("jimfs")) {
            jimfs = Jimfs.newFileSystem(Configuration.unix());
            messages = jimfs.getPath("/store/messages");
            Files.createDirectories(messages);
        }
        store = Store.open(data, messages, new MutableClock(Instant.parse("2026-12-07T20:00:00Z")));
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
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

    MailboxHandle inbox() {
        return store.messages().mailbox(DOMAIN, INBOX);
    }

    /** The MIME fixtures (three of them damaged), 40 seeded damaged messages and one with a 100 KB header. */
    static List<byte[]> messages() throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> fixtures = Files.list(Path.of("..", "test-fixtures", "mime"))) {
            for (Path fixture : (Iterable<Path>) fixtures.sorted()::iterator) {
                messages.add(Files.readAllBytes(fixture));
            }
        }
        Random random = new Random(13);
        String[] pieces = {"Subject: s\r\n", "From: a@b\r\n", "X-Bare: lf\n", "no colon here\r\n", "\r\n", "\n",
            "Content-Type: multipart/mixed; boundary=z\r\n", "--z\r\n", "--z--\r\n", " folded\r\n", "\u00e9t\u00e9: 8bit\r\n",
            "\0\r\n", "body text\r\n", "Content-Type: message/rfc822\r\n"};
        for (int m = 0; m < 40; m++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(30); i >= 0; i--) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            messages.add(s.toString().getBytes(UTF_8));
        }
        StringBuilder huge = new StringBuilder();
        while (huge.length() < 100_000) {
            huge.append("Received: from relay").append(huge.length()).append(".example.org by mx.example.com\r\n");
        }
        messages.add((huge + "Subject: long way\r\n\r\nbody\r\n").getBytes(UTF_8));
        return messages;
    }

    /** The header block as the file holds it: the root entity's header range. */
    static byte[] fileHeader(MessageRecord withStructure) throws IOException {
        MimePart root = withStructure.structure().body();
        return withStructure.content().read(root.headerOffset(), (int) root.headerLength());
    }

    void assertHeadersAreTheFiles(int count) throws IOException {
        List<MessageRecord> structures = inbox().fetch(UidSet.ALL, true);
        List<MessageRecord> headers = inbox().fetch(UidSet.ALL, false, true);
        assertEquals(count, headers.size());
        for (int i = 0; i < count; i++) {
            assertNull(headers.get(i).structure(), "not asked for");
            assertArrayEquals(fileHeader(structures.get(i)), headers.get(i).header(), "message " + (i + 1));
        }
    }

    long cachedHeaders() {
        return StoreAccess.number(store, "SELECT COUNT(*) FROM message_file WHERE header IS NOT NULL");
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void deliveredAndAppendedMessagesHaveTheirFilesHeaderBlockCachedButAnOverlongOne(String fs) throws IOException {
        open(fs);
        List<byte[]> messages = messages();
        for (int i = 0; i < messages.size(); i++) {
            if (i % 2 == 0) {
                assertInstanceOf(Stored.class, store.batcher().deliver(Delivery.of(DOMAIN, INBOX, messages.get(i))));
            } else {
                inbox().append(new ByteArrayInputStream(messages.get(i)), Flags.NONE, null);
            }
        }
        assertEquals(messages.size() - 1, cachedHeaders(), "all but the 100 KB header");
        assertHeadersAreTheFiles(messages.size());
        assertEquals(messages.size() - 1, cachedHeaders(), "reading the long header does not cache it");
    }

    /** Twenty messages (fixtures, damaged ones among them) delivered into a store opened on {@code fs}. */
    List<byte[]> storedBeforeTheCache(String fs) throws IOException {
        open(fs);
        List<byte[]> messages = messages().subList(0, 20);
        for (byte[] message : messages) {
            assertInstanceOf(Stored.class, store.batcher().deliver(Delivery.of(DOMAIN, INBOX, message)));
        }
        return messages;
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void messagesStoredBeforeTheHeaderCacheAreReadOnceAndCachedForTheNextFetch(String fs) throws IOException {
        List<byte[]> messages = storedBeforeTheCache(fs);
        StoreAccess.sql(store, "UPDATE message_file SET header = NULL");
        assertHeadersAreTheFiles(messages.size());
        assertEquals(messages.size(), cachedHeaders());
        assertHeadersAreTheFiles(messages.size());
    }

    @ParameterizedTest
    @MethodSource("fileSystems")
    void messagesStoredBeforeBothCachesGetTheirStructureAndHeaderFromOneHeaderFetch(String fs) throws IOException {
        List<byte[]> messages = storedBeforeTheCache(fs);
        StoreAccess.sql(store, "UPDATE message_file SET header = NULL, mime = NULL");
        List<MessageRecord> headers = inbox().fetch(UidSet.ALL, false, true);
        assertEquals(messages.size(), cachedHeaders());
        assertEquals(messages.size(), StoreAccess.number(store, "SELECT COUNT(*) FROM message_file WHERE mime IS NOT NULL"));
        List<MessageRecord> structures = inbox().fetch(UidSet.ALL, true);
        for (int i = 0; i < messages.size(); i++) {
            byte[] header = fileHeader(structures.get(i));
            assertArrayEquals(header, headers.get(i).header());
            assertArrayEquals(header, Arrays.copyOf(messages.get(i), header.length), "the header block starts the message");
        }
    }
}
