package org.storemulti.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.storemulti.queue.QueueDirectories;
import org.storemulti.queue.QueueId;

/**
 * Counts the messages in a queue: every non-directory entry under its message directories,
 * hashed subdirectories included, and messages a queue move has staged in {@code move/};
 * a message directory that is a symbolic link counts as one.
 */
final class QueueContents {

    private QueueContents() {
    }

    /** Message directory name to the number of files in it, only the non-empty ones. */
    static Map<String, Long> count(Path queueDirectory) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String sub : InstanceLayout.MESSAGE_DIRECTORIES) {
            Path dir = queueDirectory.resolve(sub);
            if (Files.isSymbolicLink(dir)) {
                // a link where a message directory belongs may lead to queued mail: count it, never follow it
                counts.put(sub, 1L);
                continue;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                long files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).count();
                if (files > 0) {
                    counts.put(sub, files);
                }
            } catch (IOException | UncheckedIOException e) {
                throw new LifecycleException("cannot read queue directory " + dir + ": " + e, e);
            }
        }
        long staged = stagedMoves(queueDirectory.resolve(QueueDirectories.MOVE));
        if (staged > 0) {
            counts.put(QueueDirectories.MOVE, staged);
        }
        return counts;
    }

    /** Messages an unfinished {@code storeadm queue move} holds in {@code move/} (named by queue ID). */
    private static long stagedMoves(Path move) {
        if (!Files.isDirectory(move, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(move)) {
            return entries.filter(p -> QueueId.tryParse(p.getFileName().toString()).isPresent()).count();
        } catch (IOException e) {
            throw new LifecycleException("cannot read queue directory " + move + ": " + e, e);
        }
    }
}
