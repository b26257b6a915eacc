package org.storemulti.store.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /** How many message files the store syncs at once for its save batches (the journal commits them together). */
    static final int FSYNC_THREADS = 4;

    /** The store's fsync threads, shared by its batches; none while idle (they end after 30 s). */
    private final ThreadPoolExecutor finishers = finisherPool();

    static final String TEMP_PREFIX = ".tmp-";

    private final Path directory;
    private final DirectorySync sync;
    private final Clock clock;
    /** Files this process is writing and has not yet committed or deleted, with their write's start. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    /** Who owns the files this process writes here; found on the first {@link #link}. */
    private volatile Ownership ownership;

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
        return begin(envelope, channel -> {
            writeFully(channel, ByteBuffer.wrap(body));
            return body.length;
        }).finish();
    }

    /**
     * Writes envelope line + the message read from {@code body} to its end, copying every
     * byte also to {@code tee} (a parser that reads along); temp, fsync, rename, not yet
     * directory-synced. Memory stays bounded whatever the message size.
     */
    public StagedFile write(InputStream body, MessageEnvelope envelope, OutputStream tee) throws IOException {
        return writeUnsynced(body, envelope, tee).finish();
    }

    /** Makes {@code written} durable and gives it its name on one of the store's fsync threads. */
    Future<StagedFile> finishLater(Unsynced written) {
        return finishers.submit(written::finish);
    }

    private static ThreadPoolExecutor finisherPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(FSYNC_THREADS, FSYNC_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "message-file-fsync");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * {@link #write(InputStream, MessageEnvelope, OutputStream)} up to the fsync: the bytes are
     * in the temp file, {@link Unsynced#finish} (on any thread) syncs it and renames it into
     * place, so a batch can have several fsyncs in flight at once.
     */
    Unsynced writeUnsynced(InputStream body, MessageEnvelope envelope, OutputStream tee) throws IOException {
        return begin(envelope, channel -> {
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

    /**
     * A message file whose bytes are written to its temp name but not yet synced: {@link #finish}
     * makes it durable and renames it to {@link #file}'s path (the index may then reference it,
     * after the directory sync). Until it is finished or abandoned the file is in flight.
     */
    final class Unsynced {
        private final FileChannel channel;
        private final Path temp;
        private final StagedFile file;

        private Unsynced(FileChannel channel, Path temp, StagedFile file) {
            this.channel = channel;
            this.temp = temp;
            this.file = file;
        }

        StagedFile file() {
            return file;
        }

        /**
         * fsync, close, rename into place. On failure the temp file is deleted and the file is no
         * longer in flight: nothing of it is left.
         */
        StagedFile finish() throws IOException {
            try {
                try (channel) {
                    sync.syncFile(channel);
                }
                Files.move(temp, resolve(file.path()), StandardCopyOption.ATOMIC_MOVE);
                return file;
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
        }

        /** Closes and deletes the temp file (a batch given up before this file was finished). */
        void abandon() {
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a temp file left behind: the sweep removes it
            } finally {
                inFlight.remove(file.path());
            }
        }
    }

    /** A new message file's name in its bucket, and its path as the index names it; in flight from now. */
    private record NewFile(Path directory, String name, String path) {
    }

    private NewFile claim() throws IOException {
        long now = clock.millis();
        Path bucketDirectory = bucket(now);
        String name = Long.toHexString(now) + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        NewFile file = new NewFile(bucketDirectory, name, bucketDirectory.getFileName() + "/" + name);
        inFlight.put(file.path(), now);
        return file;
    }

    private Unsynced begin(MessageEnvelope envelope, BodyWriter body) throws IOException {
        NewFile file = claim();
        String path = file.path();
        Path temp = file.directory().resolve(TEMP_PREFIX + file.name());
        byte[] line = envelope.toLine();
        FileChannel channel = null;
        try {
            channel = FileModes.create(temp);
            writeFully(channel, ByteBuffer.wrap(line));
            long bodySize = body.writeTo(channel);
            return new Unsynced(channel, temp, new StagedFile(path, bodySize, line.length + bodySize));
        } catch (IOException | RuntimeException e) {
            inFlight.remove(path);
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Hard-links {@code source}, a message file of another store, as a new message file of this
     * one, when it is exactly the file {@link #write} would make here: its first
     * {@code envelopeLength} bytes are {@code envelope}'s line, {@code bodySize} bytes follow, and
     * its owner, group and mode are those of a file this store writes. Null (nothing made) when it
     * is not, or when the link fails (another file system): the caller copies then.
     *
     * <p>A link needs no data sync: the source's bytes are durable already (its store indexed
     * it, and a store indexes only durable files); the new name needs its directory's sync, as a
     * written file does ({@link #syncDirectories}). Sharing the inode is safe because no store
     * ever changes a message file in place: files are written once under a temp name; expunge,
     * user and mailbox deletes, verify's repair and the sweep unlink names; reconstruct and verify
     * only read; backups link the same way. Only {@code chmod 0600} ever touches a file's inode
     * again (backups, on files an older version left 0644), and a linked file is 0600 already.
     */
    StagedFile link(Path source, long envelopeLength, long bodySize, MessageEnvelope envelope) throws IOException {
        byte[] line = envelope.toLine();
        if (source.getFileSystem() != directory.getFileSystem() || line.length != envelopeLength) {
            return null;
        }
        NewFile file = claim();
        String path = file.path();
        Path target = file.directory().resolve(file.name());
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | FileSystemException e) {
            inFlight.remove(path);
            return null; // another file system, a link limit, the source gone: the caller copies
        }
        boolean usable = false;
        try {
            usable = asWritten(target, line, bodySize);
            return usable ? new StagedFile(path, bodySize, line.length + bodySize) : null;
        } finally {
            if (!usable) {
                Files.deleteIfExists(target);
                inFlight.remove(path);
            }
        }
    }

    /** Whether {@code file} has the bytes and the attributes a file this store writes would have. */
    private boolean asWritten(Path file, byte[] line, long bodySize) throws IOException {
        if (Files.size(file) != line.length + bodySize) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Arrays.equals(in.readNBytes(line.length), line)) {
                return false;
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return true; // no owners nor modes on this file system: nothing more to compare
        }
        PosixFileAttributes attributes = view.readAttributes();
        Ownership own = ownership(file.getParent());
        return attributes.isRegularFile() && attributes.permissions().equals(FileModes.PRIVATE_FILE)
                && attributes.owner().equals(own.owner()) && attributes.group().equals(own.group());
    }

    /** The owner and group of the files this process creates in the messages directory. */
    private record Ownership(UserPrincipal owner, GroupPrincipal group) {
    }

    /**
     * Found once by creating a file (a temp name, so a crash leaves nothing the sweep would keep):
     * the owner is the process's, the group the process's or the directory's (set-group-ID).
     */
    private Ownership ownership(Path bucketDirectory) throws IOException {
        Ownership known = ownership;
        if (known == null) {
            Path probe = bucketDirectory.resolve(TEMP_PREFIX + "owner-" + Long.toHexString(
                    ThreadLocalRandom.current().nextLong() >>> 1));
            FileModes.create(probe).close();
            try {
                PosixFileAttributes attributes = Files.readAttributes(probe, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                known = new Ownership(attributes.owner(), attributes.group());
            } finally {
                Files.deleteIfExists(probe);
            }
            ownership = known;
        }
        return known;
    }

    /** The bucket directory for a file written at {@code now}, made (and its parent synced) when new. */
    private Path bucket(long now) throws IOException {
        Path bucketDirectory = directory.resolve(String.format("%02x", (now / 8000) & 0xff));
        if (!Files.isDirectory(bucketDirectory)) {
            FileModes.createDirectories(bucketDirectory);
            sync.sync(directory);
        }
        return bucketDirectory;
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
