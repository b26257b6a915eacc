package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlClientTest {

    @TempDir
    Path dir;

    @Test
    void aDaemonThatAcceptsButNeverRepliesTimesOutNamingTheSocket() throws Exception {
        Path socket = dir.resolve("control");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            ControlClient client = new ControlClient(socket, Duration.ofMillis(300));
            // the connection waits in the backlog: accepted by the kernel, answered by nobody
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> client.send("status"));
            assertTrue(e.getMessage().startsWith(socket + ": no complete reply within"), e.getMessage());
        }
    }
}
