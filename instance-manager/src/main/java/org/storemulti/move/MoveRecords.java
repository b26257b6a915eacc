package org.storemulti.move;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;

/**
 * The move records, one file per user in {@code user-moves/} of the primary's data directory
 * (mode 0700), each replaced atomically as the move advances. The file name is the address in
 * lower case, URL-encoded, so a user's record is found whatever case the operator types.
 */
final class MoveRecords {

    /** The records' directory, relative to the primary's data directory. */
    static final String DIRECTORY = "user-moves";

    private final Path directory;

    MoveRecords(Path primaryDataDirectory) {
        this.directory = primaryDataDirectory.resolve(DIRECTORY);
    }

    Path directory() {
        return directory;
    }

    /** The record file of {@code user} (there or not). */
    Path file(String user) {
        return directory.resolve(URLEncoder.encode(user.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8));
    }

    Optional<MoveRecord> find(String user) {
        Path file = file(user);
        try {
            return Optional.of(MoveRecord.parse(Files.readString(file), file.toString(), file.getFileSystem()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    void save(MoveRecord record) {
        try {
            FileModes.createDirectories(directory, FileModes.PRIVATE_DIRECTORY);
            AtomicFile.write(file(record.user()), record.format(), FileModes.PRIVATE_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot record the move of " + record.user() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every record, in file name order; none when no move was ever made. */
    List<MoveRecord> all() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<MoveRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(".lock")) {
                    continue; // AtomicFile's temporary files, EditLock's lock files
                }
                records.add(MoveRecord.parse(Files.readString(file), file.toString(), file.getFileSystem()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": " + e.getMessage(), e);
        }
        return records;
    }
}
