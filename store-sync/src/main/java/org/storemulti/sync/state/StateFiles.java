package org.storemulti.sync.state;

import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;
import org.storemulti.sync.location.LocationException;

/**
 * Where a store keeps the sync state of its pairs: under its {@code sync} directory, one
 * directory per peer ({@code peers/HASH}, the hash of the peer's identity, with a {@code peer}
 * file naming it), one file per user ({@code DOMAIN/NAME.state}, replaced atomically) and its
 * lock ({@code NAME.lock}, held while a sync of the pair runs). Files 0600, directories 0700.
 */
public final class StateFiles {

    /** Pair locks this process holds: a second sync of one pair in the same JVM is refused too. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;

    public StateFiles(Path syncDirectory) {
        this.directory = syncDirectory;
    }

    /** The state kept for {@code peer} and {@code user}, if any. */
    public Optional<String> read(String peer, String user) throws IOException {
        try {
            return Optional.of(Files.readString(file(peer, user, ".state"), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the state of {@code peer} and {@code user} atomically (temp, fsync, rename, directory sync). */
    public void write(String peer, String user, String state) throws IOException {
        Path file = file(peer, user, ".state");
        FileModes.createDirectories(file.getParent());
        AtomicFile.write(file, state);
    }

    /**
     * Holds the pair's lock until closed; refused at once (CONFLICT) when another sync of the
     * pair holds it, in this process or another.
     */
    public Closeable lock(String peer, String user, String where) throws IOException {
        Path file = file(peer, user, ".lock").toAbsolutePath().normalize();
        FileModes.createDirectories(file.getParent());
        String busy = where + ": a sync of " + user + " with " + peer + " is running already (" + file
                + " is locked); wait for it to end";
        if (!HELD.add(file)) {
            throw new LocationException(LocationException.Kind.CONFLICT, busy);
        }
        FileChannel channel = null;
        try {
            channel = FileModes.openOrCreate(file, FileModes.PRIVATE_FILE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new LocationException(LocationException.Kind.CONFLICT, busy);
            }
            FileChannel held = channel;
            return () -> {
                try {
                    lock.release();
                    held.close();
                } finally {
                    HELD.remove(file);
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD.remove(file);
            throw e;
        }
    }

    private Path file(String peer, String user, String suffix) throws IOException {
        Path peerDirectory = directory.resolve("peers").resolve(hash(peer));
        if (!Files.exists(peerDirectory.resolve("peer"))) {
            FileModes.createDirectories(peerDirectory);
            AtomicFile.write(peerDirectory.resolve("peer"), peer + "\n");
        }
        int at = user.lastIndexOf('@');
        String domain = at < 0 ? "-" : user.substring(at + 1);
        String name = at < 0 ? user : user.substring(0, at);
        return peerDirectory.resolve(encode(domain)).resolve(encode(name) + suffix);
    }

    private static String encode(String part) {
        String encoded = URLEncoder.encode(part, StandardCharsets.UTF_8);
        return encoded.startsWith(".") ? "%2E" + encoded.substring(1) : encoded;
    }

    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
