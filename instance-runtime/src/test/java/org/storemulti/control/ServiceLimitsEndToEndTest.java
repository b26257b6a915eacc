package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numeric limits and failing services, seen through storectl against a real daemon. */
class ServiceLimitsEndToEndTest {

    @TempDir
    Path root;

    private TestInstance instance;

    private TestInstance instance(String... mainCfLines) throws IOException {
        instance = TestInstance.prepared(root, mainCfLines);
        return instance;
    }

    @AfterEach
    void stopLeftovers() throws IOException {
        if (instance != null) {
            instance.cleanUp();
        }
    }

    @Test
    void outOfRangeNumbersAreRefusedByCheckStartAndReloadNamingTheirLine() throws IOException {
        TestInstance store = instance("message_size_limit = 99999999999999999999");
        String problem = store.mainCf() + ":4: message_size_limit = 99999999999999999999: out of range:"
                + " expected from 0 to 2000000000";
        TestInstance.Result check = store.storectl("check");
        assertEquals(1, check.status(), check.toString());
        assertTrue(check.err().contains(problem), check.toString());
        TestInstance.Result start = store.storectl("start");
        assertEquals(1, start.status(), start.toString());
        assertTrue(start.err().contains("cannot start: " + problem), start.toString());
        assertFalse(Files.exists(store.pidFile()), "no daemon was launched");

        Files.writeString(store.mainCf(), Files.readString(store.mainCf()).replace("99999999999999999999", "1000"));
        assertEquals(0, store.storectl("start").status());
        Files.writeString(store.mainCf(), "lmtp_session_limit = 4294967296\n", StandardOpenOption.APPEND);
        TestInstance.Result reload = store.storectl("reload");
        assertEquals(1, reload.status(), reload.toString());
        assertTrue(reload.err().contains(store.mainCf() + ":5: lmtp_session_limit = 4294967296: out of range:"
                + " expected from 1 to 10000; keeping the running configuration"), reload.toString());
        TestInstance.Result status = store.storectl("status");
        assertEquals(0, status.status(), status.toString());
        assertEquals(0, store.storectl("stop").status());
    }

    @Test
    void aServiceThatKeepsFailingMakesStatusExitNonZeroAndNamesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            TestInstance store = instance("lmtp_listen = inet:127.0.0.1:" + taken.getLocalPort(),
                    "daemon_restart_delay = 0s");
            TestInstance.Result start = store.storectl("start");
            assertEquals(0, start.status(), "the daemon runs; its LMTP service cannot bind: " + start);
            TestInstance.Result status = store.storectl("status");
            assertEquals(1, status.status(), status.toString());
            assertTrue(status.out().matches("(?s).*\\nlmtp +(failed|starting) .*Address already in use.*"), status.toString());
            assertTrue(status.err().contains("store-test/storectl: error: the store instance runs, but service lmtp is"
                    + " failing"), status.toString());
            assertEquals(0, store.storectl("stop").status());
        }
    }
}
