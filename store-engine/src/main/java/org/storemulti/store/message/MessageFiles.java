package org.storemulti.store.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;

/**
 * The immutable message files under {@code data_directory/messages/}.
 *
 * <p>Layout: {@code messages/XX/<millis-hex>-<random-hex>} where {@code XX} rotates with the
 * clock every 8 seconds over 256 directories. Time-hashing (rather than hashing the name)
 * puts deliveries that arrive together into the same directory, so one group commit needs
 * one directory sync; over time the files still spread evenly. A file is written as
 * {@code .tmp-NAME}, fsynced, renamed to {@code NAME}; the caller syncs the directory
 * ({@link #syncDirectories}) before the index references it. Files are 0600 and directories
 * 0700 whatever the umask: a backup hard-links the files, so their own mode is the backup's.
 */
public final class MessageFiles {

    static final String TEMP_PREFIX = ".tmp-";

    private final Path directory;
    private final DirectorySync sync;
    private final Clock clock;
    /** Files this process is writing and has not yet committed or deleted, with their write's start. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();

    public MessageFiles(Path directory, DirectorySync sync, Clock clock) {
        this.directory = directory;
        this.sync = sync;
        this.clock = clock;
    }

    /** The messages directory. */
    public Path directory() {
        return directory;
    }

    /** The file behind a relative path from the index. */
    public Path resolve(String relativePath) {
        return directory.resolve(relativePath);
    }

    /** Writes envelope line + body to a new file: temp, fsync, rename. Not yet directory-synced. */
    public StagedFile write(byte[] body, MessageEnvelope envelope) throws IOException {
        return write(envelope, channel -> {
            writeFully(channel, ByteBuffer.wrap(body));
            return body.length;
        });
    }

    /**
     * Writes envelope line + the message read from {@code body} to its end, copying every
     * byte also to {@code tee} (a parser that reads along); temp, fsync, rename, not yet
     * directory-synced. Memory stays bounded whatever the message size.
     */
    public StagedFile write(InputStream body, MessageEnvelope envelope, OutputStream tee) throws IOException {
        return write(envelope, channel -> {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                tee.write(buffer, 0, n);
                writeFully(channel, ByteBuffer.wrap(buffer, 0, n));
                total += n;
            }
            return total;
        });
    }

    /** Writes the body into an open file and returns its length. */
    private interface BodyWriter {
        long writeTo(FileChannel channel) throws IOException;
    }

    private StagedFile write(MessageEnvelope envelope, BodyWriter body) throws IOException {
        long now = clock.millis();
        String bucket = String.format("%02x", (now / 8000) & 0xff);
        Path bucketDirectory = directory.resolve(bucket);
        if (!Files.isDirectory(bucketDirectory)) {
            FileModes.createDirectories(bucketDirectory);
            sync.sync(directory);
        }
        String name = Long.toHexString(now) + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        String path = bucket + "/" + name;
        inFlight.put(path, now);
        Path temp = bucketDirectory.resolve(TEMP_PREFIX + name);
        byte[] line = envelope.toLine();
        long bodySize;
        try {
            try (FileChannel channel = FileModes.create(temp)) {
                writeFully(channel, ByteBuffer.wrap(line));
                bodySize = body.writeTo(channel);
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, bucketDirectory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            inFlight.remove(path);
            throw e;
        }
        return new StagedFile(path, bodySize, line.length + bodySize);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * {@code files} are committed (referenced by the index) or given up: they are no longer
     * in flight. Every {@link #write} ends here, or its file stays safe from sweeps.
     */
    public void settled(Collection<StagedFile> files) {
        files.forEach(file -> inFlight.remove(file.path()));
    }

    /** When the oldest write of this process still in flight started (epoch ms); MAX_VALUE if none. */
    public long oldestWriteInFlight() {
        return inFlight.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** Makes the renames of {@code files} durable: one sync per distinct directory. */
    public void syncDirectories(Collection<StagedFile> files) throws IOException {
        Set<String> buckets = new TreeSet<>();
        for (StagedFile file : files) {
            buckets.add(file.path().substring(0, file.path().indexOf('/')));
        }
        for (String bucket : buckets) {
            sync.sync(directory.resolve(bucket));
        }
    }

    /** The message bytes of a file, without the envelope line. */
    public byte[] readBody(String relativePath) throws IOException {
        byte[] all = Files.readAllBytes(resolve(relativePath));
        int start = envelopeLength(all);
        return Arrays.copyOfRange(all, start, all.length);
    }

    /** A stream of the message bytes without the envelope line, for large messages. */
    public InputStream openBody(String relativePath) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(resolve(relativePath)));
        try {
            byte[] field = MessageEnvelope.FIELD.getBytes(StandardCharsets.US_ASCII);
            in.mark(field.length);
            if (!Arrays.equals(in.readNBytes(field.length), field)) {
                in.reset();
                return in;
            }
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                // skip the rest of the envelope line
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The envelope of a file, or {@code null} if its first line is not one. */
    public MessageEnvelope readEnvelope(String relativePath) throws IOException {
        try (InputStream in = Files.newInputStream(resolve(relativePath))) {
            return parseHead(firstLine(in));
        }
    }

    /** An envelope line names every recipient: allow many, but not a whole message without line ends. */
    private static final int MAX_ENVELOPE_LINE = 4 * 1024 * 1024;

    /** The bytes up to and including the first LF (or {@value #MAX_ENVELOPE_LINE} bytes). */
    private static byte[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        byte[] buffer = new byte[8192];
        while (line.size() < MAX_ENVELOPE_LINE) {
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_ENVELOPE_LINE - line.size()));
            if (n < 0) {
                break;
            }
            int lf = 0;
            while (lf < n && buffer[lf] != '\n') {
                lf++;
            }
            line.write(buffer, 0, lf < n ? lf + 1 : n);
            if (lf < n) {
                break;
            }
        }
        return line.toByteArray();
    }

    private static MessageEnvelope parseHead(byte[] head) {
        int end = indexOf(head, (byte) '\n');
        if (end < 0) {
            return null;
        }
        int lineEnd = end > 0 && head[end - 1] == '\r' ? end - 1 : end;
        return MessageEnvelope.parse(new String(head, 0, lineEnd, StandardCharsets.UTF_8));
    }

    /** What a file says about itself, for reconstruct: envelope (or null), body and file size. */
    public record FileFacts(MessageEnvelope envelope, long bodySize, long fileSize) {
    }

    /** Reads a file's envelope and sizes without reading its body. */
    public FileFacts inspect(String relativePath) throws IOException {
        long fileSize = Files.size(resolve(relativePath));
        try (InputStream in = Files.newInputStream(resolve(relativePath))) {
            byte[] head = firstLine(in);
            MessageEnvelope envelope = parseHead(head);
            long envelopeSize = envelope == null ? 0 : indexOf(head, (byte) '\n') + 1;
            return new FileFacts(envelope, fileSize - envelopeSize, fileSize);
        }
    }

    private static int envelopeLength(byte[] all) {
        if (all.length < MessageEnvelope.FIELD.length()
                || !new String(all, 0, MessageEnvelope.FIELD.length(), StandardCharsets.US_ASCII)
                        .equals(MessageEnvelope.FIELD)) {
            return 0;
        }
        int end = indexOf(all, (byte) '\n');
        return end < 0 ? 0 : end + 1;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Deletes files no longer referenced; a failure leaves an orphan that verify reports. */
    public void deleteQuietly(Collection<String> relativePaths) {
        for (String path : relativePaths) {
            try {
                Files.deleteIfExists(resolve(path));
            } catch (IOException e) {
                // an orphan file: verify() reports it and repair removes it
            }
        }
    }

    /** The bucket directories ({@code XX}), sorted. */
    public List<String> buckets() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> buckets = Files.list(directory)) {
            return buckets.filter(Files::isDirectory).map(b -> b.getFileName().toString()).sorted().toList();
        }
    }

    /** Relative paths of every file in {@code bucket}, temp files included, sorted. */
    public List<String> listBucket(String bucket) throws IOException {
        List<String> result = new ArrayList<>();
        addFiles(directory.resolve(bucket), false, result);
        addFiles(directory.resolve(bucket), true, result);
        return result;
    }

    /** Whether {@code relativePath} names a temp file of an unfinished write. */
    public static boolean isTemporary(String relativePath) {
        return relativePath.substring(relativePath.indexOf('/') + 1).startsWith(TEMP_PREFIX);
    }

    /** Relative paths of every finished message file (temp files excluded), sorted. */
    public List<String> listAll() throws IOException {
        return list(false);
    }

    /** Relative paths of leftover temp files from interrupted writes. */
    public List<String> listTemporary() throws IOException {
        return list(true);
    }

    private List<String> list(boolean temporary) throws IOException {
        List<String> result = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        try (Stream<Path> buckets = Files.list(directory)) {
            for (Path bucket : (Iterable<Path>) buckets.sorted()::iterator) {
                if (Files.isDirectory(bucket)) {
                    addFiles(bucket, temporary, result);
                }
            }
        }
        return result;
    }

    private static void addFiles(Path bucket, boolean temporary, List<String> result) throws IOException {
        try (Stream<Path> files = Files.list(bucket)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(TEMP_PREFIX) == temporary)
                    .sorted()
                    .forEach(name -> result.add(bucket.getFileName() + "/" + name));
        } catch (NoSuchFileException e) {
            // removed meanwhile
        }
    }
}
