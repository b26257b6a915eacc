package org.storemulti.sync.remote;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.util.List;
import org.storemulti.sync.store.StoreLocation;

/**
 * {@code sync-server} without the runtime, for tests that need a real peer process: serves the
 * store in {@code args[0]} on standard input and output, for user {@code args[1]} only if given.
 */
public final class ServeStore {

    private ServeStore() {
    }

    /** The words that run this class in a fresh JVM on the test class path. */
    public static List<String> command(String dataDirectory, String user) {
        return List.of(FileSystems.getDefault().getPath(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ServeStore.class.getName(), dataDirectory, user);
    }

    public static void main(String[] args) throws IOException {
        boolean bye;
        try (StoreLocation store = StoreLocation.open(FileSystems.getDefault().getPath(args[0]), "store:" + args[0])) {
            bye = new SyncServer(store, args.length > 1 ? args[1] : null, System.in, System.out).serve();
        }
        System.exit(bye ? 0 : 1);
    }
}
