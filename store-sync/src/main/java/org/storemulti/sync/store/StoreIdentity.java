package org.storemulti.sync.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;

/**
 * A store's name for syncs: a random UUID made the first time a sync asks, in
 * {@code $data_directory/sync/store-id}, so that {@code store:/etc/store-b}, the bare directory
 * and a remote {@code sync-server} of the same instance share one pair state. Not part of a
 * database backup: a store restored elsewhere gets its own.
 */
final class StoreIdentity {

    static final String DIRECTORY = "sync";
    private static final String FILE = "store-id";

    private StoreIdentity() {
    }

    /** The store's identity, {@code store:UUID}, made now if it has none. */
    static String of(Path dataDirectory) throws IOException {
        Path directory = FileModes.createDirectories(dataDirectory.resolve(DIRECTORY));
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            create(directory, file);
        }
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        UUID.fromString(id); // a damaged file is an error, not a new identity
        return "store:" + id;
    }

    /** Writes a new UUID beside the target and links it in: two processes at once agree on one. */
    private static void create(Path directory, Path file) throws IOException {
        Path temp = directory.resolve("." + FILE + "." + UUID.randomUUID());
        try {
            try (var channel = FileModes.create(temp, FileModes.PRIVATE_FILE)) {
                channel.write(java.nio.ByteBuffer.wrap((UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
                DirectorySync.forPath(directory).sync(directory);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: theirs is the identity
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
