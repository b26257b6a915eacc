package org.storemulti.store.bench;

import java.nio.file.Path;
import org.storemulti.store.Store;
import org.storemulti.store.db.Database;

/**
 * Times {@code storeadm db upgrade} of a store written by {@code LegacyStoreBuilder}: one
 * {@link Store#upgrade} in a fresh JVM, then a verify. Run by {@code bench/engine-upgrade.sh}.
 *
 * <p>Argument: the data directory.
 */
public final class UpgradeBenchmark {

    private UpgradeBenchmark() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int before = Database.peekVersion(data.resolve("store.db"));
        long start = System.nanoTime();
        int after = Store.upgrade(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Store store = Store.open(data)) {
            long messages = store.messages().states("example.com", "").stream()
                    .mapToLong(s -> s.messages()).sum();
            int problems = store.tools().verify(false).size();
            System.out.printf("upgrade %d -> %d of %d messages: %.2f s; verify: %d problems%n", before, after, messages,
                    seconds, problems);
        }
    }
}
