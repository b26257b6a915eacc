package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.TestServer;

/** The per-address gate and the idle timeouts, over real sockets. */
class ConnectionLimitsTest {

    @TempDir
    Path directory;

    @Test
    void aThirdConnectionFromOneAddressIsToldWhyAndClosed() throws IOException {
        try (TestServer server = TestServer.start(directory, InetAddress.getLoopbackAddress(), s -> s,
                ConnectionGate.perAddress(2)); ImapClient a = server.connect(); ImapClient b = server.connect()) {
            a.line();
            b.line();
            try (ImapClient c = server.connect()) {
                assertEquals(List.of("* BYE [UNAVAILABLE] too many connections from 127.0.0.1 (the limit is 2)"),
                        c.untilClosed());
            }
            a.close();
            assertTrue(TestServer.within(Duration.ofSeconds(5), () -> server.server().connections() == 1));
            try (ImapClient d = server.connect()) {
                assertTrue(d.line().startsWith("* OK "));
            }
        }
    }

    @Test
    void anIdleClientIsLoggedOutAfterTheLoginTimeoutOrTheAutologout() throws IOException {
        try (TestServer server = TestServer.start(directory,
                s -> s.withTimeouts(Duration.ofMillis(1500), Duration.ofMillis(2500), Duration.ofSeconds(5)));
                ImapClient early = server.connect(); ImapClient late = server.connect()) {
            early.line();
            late.line();
            late.login();
            long start = System.nanoTime();
            assertEquals(List.of("* BYE Autologout; idle for too long"), early.untilClosed());
            long loginTimeout = System.nanoTime() - start;
            assertEquals(List.of("* BYE Autologout; idle for too long"), late.untilClosed());
            long autologout = System.nanoTime() - start;
            assertTrue(loginTimeout < autologout, loginTimeout + " < " + autologout);
        }
    }
}
