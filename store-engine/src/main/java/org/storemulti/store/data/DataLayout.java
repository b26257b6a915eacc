package org.storemulti.store.data;

import java.nio.file.Path;

/**
 * Where things live in a data directory: {@code store.db} (+ {@code -wal}, {@code -shm}),
 * {@code messages/}, {@code backup/}, {@code run/}.
 */
public record DataLayout(Path root) {

    public static final String DATABASE_FILE = "store.db";
    public static final String MESSAGES_DIRECTORY = "messages";
    public static final String BACKUP_DIRECTORY = "backup";
    public static final String RUN_DIRECTORY = "run";

    public DataLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path database() {
        return root.resolve(DATABASE_FILE);
    }

    public Path messages() {
        return root.resolve(MESSAGES_DIRECTORY);
    }

    public Path backups() {
        return root.resolve(BACKUP_DIRECTORY);
    }

    public Path run() {
        return root.resolve(RUN_DIRECTORY);
    }
}
