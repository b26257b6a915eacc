package org.storemulti.imap;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Decides whether a new connection may proceed, by its remote address (null for a UNIX
 * socket). The server calls {@link #release} once for every admitted connection when it
 * ends. Implementations must be thread-safe and fast: they run on the accepting thread.
 */
public interface ConnectionGate {

    /** Null to admit the connection, else the reason the client is told before it is closed. */
    String admit(InetAddress remote);

    /** An admitted connection from {@code remote} has ended. */
    void release(InetAddress remote);

    /** Admits everyone. */
    static ConnectionGate open() {
        return new ConnectionGate() {
            @Override
            public String admit(InetAddress remote) {
                return null;
            }

            @Override
            public void release(InetAddress remote) {
                // nothing counted
            }
        };
    }

    /** At most {@code limit} connections at a time from one IP address (0: no limit); UNIX sockets are not counted. */
    static ConnectionGate perAddress(int limit) {
        return perAddress(() -> limit);
    }

    /**
     * At most {@code limit} (read for each new connection, so a reload can change it; 0: no
     * limit) connections at a time from one IP address; UNIX sockets are not counted.
     */
    static ConnectionGate perAddress(IntSupplier limit) {
        ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();
        return new ConnectionGate() {
            @Override
            public String admit(InetAddress remote) {
                if (remote == null) {
                    return null;
                }
                int most = limit.getAsInt();
                boolean[] admitted = new boolean[1];
                counts.compute(remote, (address, count) -> {
                    int n = count == null ? 0 : count;
                    admitted[0] = most == 0 || n < most;
                    return admitted[0] ? n + 1 : n;
                });
                return admitted[0] ? null : "too many connections from " + remote.getHostAddress()
                        + " (the limit is " + most + ")";
            }

            @Override
            public void release(InetAddress remote) {
                if (remote != null) {
                    counts.computeIfPresent(remote, (address, count) -> count <= 1 ? null : count - 1);
                }
            }
        };
    }
}
