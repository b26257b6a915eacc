package org.storemulti.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.db.Migrations;
import org.storemulti.store.fixture.StoreListing;

/** A store written by the previous release (test-fixtures/store-v2) opens, upgrades and keeps everything. */
class PreviousReleaseUpgradeTest {

    static final Path FIXTURE = Path.of("..", "test-fixtures", "store-v2");

    @TempDir
    Path data;

    static void copyFixture(Path target) throws IOException {
        Path source = FIXTURE.resolve("data");
        try (Stream<Path> all = Files.walk(source)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to);
                }
            }
        }
    }

    @Test
    void everyMessageFlagAclQuotaAndAccountOfThePreviousReleaseIsKept() throws IOException {
        copyFixture(data);
        List<String> expected = Files.readAllLines(FIXTURE.resolve("expected.txt"), UTF_8);
        try (Store store = Store.open(data)) {
            assertEquals(Migrations.all().size(), store.schemaVersion());
            assertEquals(expected, StoreListing.of(store));
            assertEquals(List.of(), store.tools().verify(false));
        }
    }
}
