package org.storemulti.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.storemulti.config.InstanceConfig;
import org.storemulti.queue.QueueState;

/**
 * Where one instance keeps its runtime files: the queue directory with its fixed
 * subdirectories, the pid file and the control socket, and the data directory.
 */
public record InstanceLayout(Path queueDirectory, Path dataDirectory) {

    /** Subdirectories of {@code queue_directory}, each mode 0700: pid, private, then the queue's states. */
    public static final List<String> QUEUE_SUBDIRECTORIES = Stream.concat(Stream.of("pid", "private"),
            Arrays.stream(QueueState.values()).map(QueueState::directoryName)).toList();

    /** The layout {@code config} names. */
    public static InstanceLayout of(InstanceConfig config) {
        return new InstanceLayout(config.queueDirectory(), config.dataDirectory());
    }

    /** {@code queue_directory/pid/master.pid}: the daemon's pid, locked while it runs. */
    public Path pidFile() {
        return queueDirectory.resolve("pid").resolve("master.pid");
    }

    /** {@code queue_directory/private/control}: the control socket. */
    public Path controlSocket() {
        return queueDirectory.resolve("private").resolve("control");
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
