package org.storemulti.sync;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.store.Store;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.store.StoreLocation;

/** Two stores in a test's directory, opened as locations, with helpers to fill and sync them. */
final class TwoStores implements AutoCloseable {

    static final String USER = "joe@example.com";
    static final String DOMAIN = "example.com";

    final Path directory;
    StoreLocation a;
    StoreLocation b;
    final List<String> lines = new ArrayList<>();
    private int counter;

    TwoStores(Path directory) {
        this.directory = directory;
        open();
    }

    void open() {
        a = StoreLocation.open(directory.resolve("a"), "store:a");
        b = StoreLocation.open(directory.resolve("b"), "store:b");
    }

    Store storeA() {
        return a.store();
    }

    Store storeB() {
        return b.store();
    }

    /** Makes joe on {@code store} (domain included). */
    static void addUser(Store store, String user) {
        if (store.domains().list(DOMAIN).isEmpty()) {
            store.domains().add(DOMAIN);
        }
        store.mailboxes().addUser(DOMAIN, user);
    }

    static void addFolder(Store store, String folder) {
        store.mailboxes().addUserFolder(DOMAIN, "joe", folder);
    }

    static MailboxHandle mailbox(Store store, String folder) {
        return store.messages().mailbox(DOMAIN, "user/joe/" + folder);
    }

    /** Appends a new distinct message with {@code flags}; returns its UID. */
    long append(Store store, String folder, String... flags) throws IOException {
        int n = ++counter;
        byte[] body = ("From: ann@example.com\r\nSubject: message " + n + " " + directory.getFileName() + "\r\n\r\nbody "
                + n + "\r\n").getBytes(UTF_8);
        DeliveryResult.Stored stored = mailbox(store, folder).append(new ByteArrayInputStream(body), Flags.of(flags),
                Instant.parse("2026-10-01T12:00:00Z").plusSeconds(n));
        return stored.uid();
    }

    UserReport sync(SyncOptions options) throws IOException {
        return sync(a, b, options);
    }

    UserReport sync(Location local, Location peer, SyncOptions options) throws IOException {
        List<UserReport> reports = new Sync(local, peer, options, (level, line) -> lines.add(level + " " + line))
                .run(List.of(USER), 1, (units, done, total) -> { });
        return reports.get(0);
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
