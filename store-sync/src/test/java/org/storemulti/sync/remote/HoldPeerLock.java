package org.storemulti.sync.remote;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.List;

/**
 * A sync client in a process of its own, for tests that kill one: connects to the sync server
 * that {@code args[2..]} start, takes the pair lock of peer {@code args[0]} and user {@code args[1]}
 * there, prints {@code locked}, and holds it until its standard input ends.
 */
public final class HoldPeerLock {

    private HoldPeerLock() {
    }

    /** The words that run this class in a fresh JVM on the test class path. */
    public static List<String> command(String peer, String user, List<String> server) {
        List<String> words = new ArrayList<>(List.of(
                FileSystems.getDefault().getPath(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HoldPeerLock.class.getName(), peer, user));
        words.addAll(server);
        return words;
    }

    public static void main(String[] args) throws IOException {
        try (RemoteLocation remote = RemoteLocation.command(List.of(args).subList(2, args.length))) {
            remote.lockPeerState(args[0], args[1]);
            System.out.println("locked");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
