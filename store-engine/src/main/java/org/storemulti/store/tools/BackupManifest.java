package org.storemulti.store.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.storemulti.fs.AtomicFile;
import org.storemulti.store.db.Database;
import org.storemulti.store.error.ConflictException;

/**
 * What a finished backup holds, written last into it as {@code MANIFEST} (a backup without
 * one was interrupted): the schema version, the size and SHA-256 of its {@code store.db},
 * and how many message files, bytes in them and messages the database references. Restore
 * checks a backup against it before touching the live store.
 *
 * <pre>
 * storemulti-backup 1
 * created 2026-12-07T16:50:00Z
 * schema_version 2
 * database_bytes 409600
 * database_sha256 9f86d08...
 * message_files 1200
 * message_file_bytes 6321000
 * messages 1250
 * </pre>
 */
record BackupManifest(Instant created, int schemaVersion, long databaseBytes, String databaseSha256,
        long messageFiles, long messageFileBytes, long messages) {

    static final String FILE = "MANIFEST";
    private static final String FORMAT = "storemulti-backup 1";

    /** What the index of a backup references: its message files, their bytes, its messages. */
    record Contents(long messageFiles, long messageFileBytes, long messages) {

        /** What {@code database}'s index references. */
        static Contents of(Database database) {
            return database.read(session -> new Contents(
                    session.number("SELECT COUNT(*) FROM message_file"),
                    session.number("SELECT COALESCE(SUM(file_size), 0) FROM message_file"),
                    session.number("SELECT COUNT(*) FROM message")));
        }
    }

    /** The manifest of {@code database} (closed, final) with {@code contents}. */
    static BackupManifest of(Instant created, int schemaVersion, Path database, Contents contents) throws IOException {
        return new BackupManifest(created, schemaVersion, Files.size(database), sha256(database),
                contents.messageFiles(), contents.messageFileBytes(), contents.messages());
    }

    /** Writes {@code directory/MANIFEST} atomically, mode 0600. */
    void writeInto(Path directory) throws IOException {
        AtomicFile.write(directory.resolve(FILE), String.join("\n", FORMAT, "created " + created,
                "schema_version " + schemaVersion, "database_bytes " + databaseBytes,
                "database_sha256 " + databaseSha256, "message_files " + messageFiles,
                "message_file_bytes " + messageFileBytes, "messages " + messages) + "\n");
    }

    /**
     * Reads {@code backup/MANIFEST}.
     *
     * @throws ConflictException naming the backup when it has none (interrupted, or made before
     *     backups had one) or when it does not parse
     */
    static BackupManifest readFrom(Path backup) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(backup.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw missing(backup);
        }
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            throw bad(backup, "first line is not '" + FORMAT + "'");
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int space = line.indexOf(' ');
            if (space > 0) {
                fields.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        try {
            return new BackupManifest(Instant.parse(field(fields, "created", backup)),
                    Integer.parseInt(field(fields, "schema_version", backup)),
                    Long.parseLong(field(fields, "database_bytes", backup)), field(fields, "database_sha256", backup),
                    Long.parseLong(field(fields, "message_files", backup)),
                    Long.parseLong(field(fields, "message_file_bytes", backup)),
                    Long.parseLong(field(fields, "messages", backup)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw bad(backup, e.getMessage());
        }
    }

    /** The refusal of a backup that has no MANIFEST but should: it was interrupted. */
    static ConflictException missing(Path backup) {
        return new ConflictException(backup.toString(), "incomplete backup: no " + FILE
                + " (the backup was interrupted): restore a complete backup; nothing was changed");
    }

    private static String field(Map<String, String> fields, String name, Path backup) {
        String value = fields.get(name);
        if (value == null) {
            throw bad(backup, "no " + name);
        }
        return value;
    }

    private static ConflictException bad(Path backup, String why) {
        return new ConflictException(backup.resolve(FILE).toString(), "not a backup manifest (" + why
                + "): nothing was changed");
    }

    /** The lowercase hex SHA-256 of {@code file}'s bytes. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
