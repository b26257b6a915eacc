package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.fs.DirectorySync;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.store.message.MessageBatch;

/**
 * The order a save batch makes its messages durable in, whatever number of file syncs it has in
 * flight: every file synced and renamed into place before its directory is synced, every
 * directory synced before the index names a file; a failure on the way leaves no file and no row.
 * Real files, a real database; the directory sync is the seam that looks.
 */
class SaveBatchOrderTest {

    static final String DOMAIN = "example.org";
    static final String INBOX = "user/joe/INBOX";
    /** More than a batch keeps unsynced at once, so the bound is crossed. */
    static final int MESSAGES = 60;

    @TempDir
    Path data;

    final List<String> problems = new CopyOnWriteArrayList<>();
    Store store;

    Store open(DirectorySync sync) {
        store = Store.open(data, Clock.systemUTC(), sync);
        store.domains().add(DOMAIN);
        store.mailboxes().addUser(DOMAIN, "joe");
        return store;
    }

    static void addMessages(MessageBatch batch, long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < MESSAGES; i++) {
            String body = "Subject: " + i + "\r\n\r\n" + "x".repeat(random.nextInt(50_000)) + "\r\n";
            batch.add(new ByteArrayInputStream(body.getBytes(UTF_8)), Flags.NONE, null, null, 0);
        }
    }

    List<Path> messageFiles() throws IOException {
        try (Stream<Path> all = Files.walk(data.resolve("messages"))) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    /**
     * Records each file sync and each sync of a message directory; holds the batch's last file
     * sync until a directory sync comes or {@link #HOLD} passes, so a commit that did not wait
     * for its files would be caught syncing the directory first, however fast the disk.
     */
    final class Watching implements DirectorySync {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch directorySynced = new CountDownLatch(1);
        final AtomicInteger fileSyncs = new AtomicInteger();

        @Override
        public void syncFile(FileChannel file) throws IOException {
            if (fileSyncs.incrementAndGet() == MESSAGES) {
                try {
                    directorySynced.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            file.force(true);
            events.add("file");
        }

        @Override
        public void sync(Path directory) throws IOException {
            if (directory.getParent().getFileName().toString().equals("messages")) {
                try (Stream<Path> files = Files.list(directory)) {
                    files.filter(f -> f.getFileName().toString().startsWith(".tmp-"))
                            .forEach(f -> problems.add("unfinished " + f + " when its directory was synced"));
                }
                if (store.messages().mailbox(DOMAIN, INBOX).state().messages() != 0) {
                    problems.add("the index named messages before their directory was synced");
                }
                events.add("directory");
                directorySynced.countDown();
            }
            DirectorySync.FSYNC.sync(directory);
        }
    }

    static final Duration HOLD = Duration.ofMillis(500);

    @Test
    void everyFileIsSyncedAndInPlaceBeforeItsDirectoryIsSyncedAndEveryDirectoryBeforeTheIndexNamesIt()
            throws IOException {
        Watching watching = new Watching();
        open(watching);
        MailboxHandle inbox = store.messages().mailbox(DOMAIN, INBOX);
        List<DeliveryResult> results;
        try (MessageBatch batch = inbox.saveBatch()) {
            addMessages(batch, 1);
            results = batch.commit();
        }
        assertEquals(MESSAGES, results.stream().filter(DeliveryResult.Stored.class::isInstance).count());
        assertEquals(List.of(), problems);
        List<String> events = watching.events;
        int firstDirectory = events.indexOf("directory");
        assertEquals(MESSAGES, firstDirectory, "every file synced before the first directory: " + events);
        assertEquals(MESSAGES, inbox.state().messages());
        assertEquals(MESSAGES, messageFiles().size());
        assertEquals(List.of(), store.tools().verify(false));
        store.close();
    }

    @Test
    void aDirectorySyncThatFailsRefusesTheWholeBatchAndLeavesNoFileNorRow() throws IOException {
        open(directory -> {
            if (directory.getParent().getFileName().toString().equals("messages")) {
                throw new IOException("injected: the disk went away");
            }
            DirectorySync.FSYNC.sync(directory);
        });
        MailboxHandle inbox = store.messages().mailbox(DOMAIN, INBOX);
        List<DeliveryResult> results;
        try (MessageBatch batch = inbox.saveBatch()) {
            addMessages(batch, 2);
            results = batch.commit();
        }
        assertEquals(MESSAGES, results.size());
        results.forEach(r -> assertInstanceOf(DeliveryResult.TemporaryFailure.class, r));
        assertEquals(0, inbox.state().messages());
        assertEquals(List.of(), messageFiles());
        store.close();
    }

    @Test
    void aBatchClosedWhileItsFilesAreStillSyncingLeavesNoFile() throws IOException {
        open(DirectorySync.FSYNC);
        MailboxHandle inbox = store.messages().mailbox(DOMAIN, INBOX);
        try (MessageBatch batch = inbox.saveBatch()) {
            addMessages(batch, 3);
        }
        assertEquals(0, inbox.state().messages());
        assertEquals(List.of(), messageFiles());
        assertEquals(List.of(), store.tools().verify(false));
        store.close();
    }
}
