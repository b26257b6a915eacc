package org.storemulti.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's {@code test-fixtures/} (Maven passes the checkout as a system property). */
public final class TestFixtures {

    private TestFixtures() {
    }

    public static Path root() {
        Path checkout = Path.of(System.getProperty("storemulti.checkout", "../"));
        Path fixtures = checkout.resolve("test-fixtures");
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalStateException("no test-fixtures/ under " + checkout.toAbsolutePath());
        }
        return fixtures;
    }

    public static Path config(String name) {
        return root().resolve("config").resolve(name);
    }
}
