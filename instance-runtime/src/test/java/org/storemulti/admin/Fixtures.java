package org.storemulti.admin;

import java.nio.file.Path;

import org.storemulti.config.TestFixtures;

/** The checkout's {@code test-fixtures/admin/}. */
final class Fixtures {

    private Fixtures() {
    }

    static Path admin(String name) {
        return TestFixtures.root().resolve("admin").resolve(name);
    }
}
