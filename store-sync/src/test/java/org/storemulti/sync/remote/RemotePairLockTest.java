package org.storemulti.sync.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.store.StoreLocation;

/**
 * The pair lock a client takes at a sync server: held there (against the server's store, as a
 * sync started from that end takes it) until the client releases it or its connection ends in
 * any way: goodbye, a connection closed without a word, the client or the server killed.
 */
class RemotePairLockTest {

    private static final String PEER = "store:the-other-end";
    private static final String USER = "joe@example.com";

    @TempDir
    Path directory;
    private StoreLocation store;
    private LoopbackServer server;

    @BeforeEach
    void serve() throws IOException {
        store = StoreLocation.open(directory.resolve("data"), "store:remote");
        server = new LoopbackServer(store, UnaryOperator.identity());
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        store.close();
        assertEquals(List.of(), server.failures);
    }

    private void assertLockedAtTheServer() {
        LocationException busy = assertThrows(LocationException.class, () -> store.lockPeerState(PEER, USER));
        assertEquals(LocationException.Kind.CONFLICT, busy.kind());
        assertTrue(busy.getMessage().contains("a sync of " + USER + " with " + PEER + " is running already"),
                busy.getMessage());
    }

    /** Polls the server's store until the lock is free again, against a deadline. */
    private void awaitFreeAtTheServer() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                store.lockPeerState(PEER, USER).close();
                return;
            } catch (LocationException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(20); // polling the server's release against a deadline
            }
        }
    }

    @Test
    void aLockTakenThroughTheProtocolIsHeldAtTheServerUntilTheClientReleasesIt() throws IOException {
        try (RemoteLocation remote = server.location("remote"); RemoteLocation other = server.location("other")) {
            Closeable lock = remote.lockPeerState(PEER, USER);
            assertLockedAtTheServer();
            LocationException second = assertThrows(LocationException.class, () -> other.lockPeerState(PEER, USER));
            assertEquals(LocationException.Kind.CONFLICT, second.kind());
            assertTrue(second.getMessage().startsWith("store:remote: a sync of " + USER), second.getMessage());
            assertEquals(List.of(), other.users(), "the connection serves on after the refusal");
            lock.close();
            store.lockPeerState(PEER, USER).close();
            remote.lockPeerState(PEER, USER).close();
            assertEquals(List.of(), remote.users(), "the connection of a released lock serves on");
        }
    }

    @Test
    void aLockGoesWithAConnectionThatEndsWithoutAWord() throws IOException, InterruptedException {
        Channel.Connection[] raw = {null};
        RemoteLocation.Connector connector = server.connector();
        RemoteLocation remote = RemoteLocation.connect(() -> raw[0] = connector.connect(), "remote");
        remote.lockPeerState(PEER, USER);
        assertLockedAtTheServer();
        raw[0].close(); // no release, no goodbye: as a client whose pipe closes mid-run
        awaitFreeAtTheServer();
        remote.close();
    }

    @ParameterizedTest(name = "kill -9 the {0}")
    @ValueSource(strings = {"client", "server"})
    void aLockIsReleasedWhenTheClientOrTheServerProcessIsKilled(String victim) throws Exception {
        List<String> serverCommand = ServeStore.command(directory.resolve("data").toString(), USER);
        Process client = new ProcessBuilder(HoldPeerLock.command(PEER, USER, serverCommand))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            assertLockedAtTheServer();
            List<ProcessHandle> servers = client.descendants().toList();
            assertEquals(1, servers.size(), servers.toString());
            if (victim.equals("client")) {
                client.destroyForcibly();
            } else {
                servers.get(0).destroyForcibly();
            }
            awaitFreeAtTheServer();
        } finally {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
            assertTrue(client.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSyncServerForOneUserRefusesToLockAnother() throws IOException {
        try (RemoteLocation remote = RemoteLocation.command(ServeStore.command(directory.resolve("data").toString(), USER))) {
            LocationException refused = assertThrows(LocationException.class,
                    () -> remote.lockPeerState(PEER, "ann@example.com"));
            assertEquals(LocationException.Kind.REFUSED, refused.kind());
            assertTrue(refused.getMessage().contains("serves " + USER + " only"), refused.getMessage());
            remote.lockPeerState(PEER, USER).close();
        }
    }

    @Test
    void aSyncServerForOneUserKeepsOtherUsersAndTheirSyncStateToItself() throws IOException {
        store.store().domains().add("example.com");
        store.store().mailboxes().addUser("example.com", "joe");
        store.store().mailboxes().addUser("example.com", "ann");
        store.savePeerState(PEER, "ann@example.com", "ann's state");
        try (RemoteLocation remote = RemoteLocation.command(ServeStore.command(directory.resolve("data").toString(), USER))) {
            for (var call : List.<ThrowingCall>of(() -> remote.loadPeerState(PEER, "ann@example.com"),
                    () -> remote.savePeerState(PEER, "ann@example.com", "overwritten"))) {
                LocationException refused = assertThrows(LocationException.class, call::run);
                assertEquals(LocationException.Kind.REFUSED, refused.kind());
                assertTrue(refused.getMessage().contains("serves " + USER + " only"), refused.getMessage());
            }
            assertEquals(List.of(USER), remote.users(), "the users it lists");
            remote.savePeerState(PEER, USER, "joe's state");
            assertEquals("joe's state", remote.loadPeerState(PEER, USER).orElseThrow());
        }
        assertEquals("ann's state", store.loadPeerState(PEER, "ann@example.com").orElseThrow(), "nothing changed");
    }

    private interface ThrowingCall {
        void run() throws IOException;
    }
}
