package org.storemulti.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.storemulti.config.InstanceConfig;
import org.storemulti.queue.QueueState;

/**
 * Where one instance keeps its runtime files: the queue directory with its fixed
 * subdirectories, the pid file and the sockets, and the data directory with the daemon's
 * lock. The one spelling of these names: the manager, storectl and the class-data training
 * all ask here.
 *
 * <p>Running ⇔ {@code data_directory/master.lock} is locked (as Postfix's master holds
 * {@code $data_directory/master.lock}): the daemon takes that lock before anything else and
 * keeps it for its whole life, so removing {@code pid/master.pid} can neither hide a
 * daemon nor let a second one start on the same store. {@link #runningDaemon} is the one
 * way to ask whether an instance runs.
 */
public record InstanceLayout(Path queueDirectory, Path dataDirectory) {

    /** The daemon's pid, relative to the queue directory: written for operators, never used to decide liveness. */
    public static final String PID_FILE = "pid/master.pid";
    /** The control socket, relative to the queue directory. */
    public static final String CONTROL_SOCKET = "private/control";
    /** Where {@code lmtp_listen}'s default puts the LMTP socket, relative to the queue directory. */
    public static final String LMTP_SOCKET = "private/lmtp";
    /** Where the IMAP service spools large APPENDs while they arrive, relative to the queue directory. */
    public static final String IMAP_SPOOL = "private/imap";
    /** The daemon's lock, relative to the data directory: held exclusively while it runs. */
    public static final String MASTER_LOCK = "master.lock";
    /** Files a stopped daemon may leave in the queue directory (after a kill), relative to it. */
    public static final List<String> QUEUE_RUNTIME_FILES = List.of(PID_FILE, CONTROL_SOCKET, LMTP_SOCKET);
    /** Files a stopped daemon may leave in the data directory (after a kill), relative to it. */
    public static final List<String> DATA_RUNTIME_FILES = List.of(MASTER_LOCK);

    /** Subdirectories of {@code queue_directory}, each mode 0700: pid, private, then the queue's states. */
    public static final List<String> QUEUE_SUBDIRECTORIES = Stream.concat(Stream.of("pid", "private"),
            Arrays.stream(QueueState.values()).map(QueueState::directoryName)).toList();

    /** The layout {@code config} names. */
    public static InstanceLayout of(InstanceConfig config) {
        return new InstanceLayout(config.queueDirectory(), config.dataDirectory());
    }

    /** {@code queue_directory/pid/master.pid}: the daemon's pid, for operators and tools. */
    public Path pidFile() {
        return queueDirectory.resolve(PID_FILE);
    }

    /** {@code queue_directory/private/control}: the control socket. */
    public Path controlSocket() {
        return queueDirectory.resolve(CONTROL_SOCKET);
    }

    /** {@code queue_directory/private/imap}: the IMAP service's APPEND spool (0700, emptied at start). */
    public Path imapSpool() {
        return queueDirectory.resolve(IMAP_SPOOL);
    }

    /** {@code data_directory/master.lock}: locked by the running daemon, with its pid inside. */
    public Path masterLock() {
        return dataDirectory.resolve(MASTER_LOCK);
    }

    /**
     * The daemon running on this instance, if any: the holder of {@link #masterLock}.
     *
     * @throws IOException when the lock cannot be looked at (an
     *     {@link java.nio.file.AccessDeniedException} for a user without access)
     */
    public Optional<PidFile.Holder> runningDaemon() throws IOException {
        return PidFile.probe(masterLock()); // a missing data directory is a daemon that never ran
    }

    /** Every directory the daemon needs, queue subdirectories first by name, then the data directory. */
    public List<Path> requiredDirectories() {
        List<Path> all = new ArrayList<>();
        all.add(queueDirectory);
        QUEUE_SUBDIRECTORIES.forEach(name -> all.add(queueDirectory.resolve(name)));
        all.add(dataDirectory);
        return List.copyOf(all);
    }
}
