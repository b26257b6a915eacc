package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.storemulti.fs.AtomicFile;

/**
 * The journal of one message's migration to another queue: {@code move/ID.journal} in
 * the source queue, rewritten atomically before each step so that {@link QueueVerifier}
 * can finish or undo the move after a crash.
 *
 * <pre>
 * step copy
 * from deferred
 * to /var/spool/store-b
 * into incoming
 * </pre>
 *
 * {@code into} is the destination's state ({@code hold} for {@code queue move --hold-unknown});
 * a journal without it (written before it existed) means {@code incoming}.
 */
record MoveJournal(QueueId id, Step step, QueueState from, Path destination, QueueState into) {

    /** The steps of a copying move, in order; the journal names the step about to run. */
    enum Step {
        /** Rename the message from its state into {@code move/} (out of the daemon's sight). */
        CLAIM,
        /** Write {@code .ID.move} in the destination's incoming, fsync, read back and compare. */
        COPY,
        /** Rename {@code .ID.move} to {@code ID}: from here on the message belongs to the destination. */
        PUBLISH,
        /** Delete the staged source copy, then the journal. */
        DELETE
    }

    static final String SUFFIX = ".journal";

    /** {@code move/ID.journal} of {@code source}. */
    static Path path(QueueDirectories source, QueueId id) {
        return source.moveDirectory().resolve(id + SUFFIX);
    }

    /** Writes this journal durably, replacing the previous step. */
    void write(QueueDirectories source) throws IOException {
        AtomicFile.write(path(source, id), "step " + step.name().toLowerCase(Locale.ROOT) + "\n"
                + "from " + from.directoryName() + "\n"
                + "to " + destination + "\n"
                + "into " + into.directoryName() + "\n");
    }

    /** This journal at {@code next}. */
    MoveJournal at(Step next) {
        return new MoveJournal(id, next, from, destination, into);
    }

    /** Reads the journal at {@code file} (named {@code ID.journal}). */
    static MoveJournal read(Path file) throws IOException {
        String name = file.getFileName().toString();
        QueueId id = QueueId.tryParse(name.substring(0, name.length() - SUFFIX.length()))
                .orElseThrow(() -> new QueueFileException(file, "journal not named after a queue ID"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                fields.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        try {
            String stepName = fields.getOrDefault("step", "");
            Step step = Arrays.stream(Step.values())
                    .filter(st -> st.name().equalsIgnoreCase(stepName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown step \"" + stepName + "\""));
            QueueState from = QueueState.ofDirectoryName(fields.getOrDefault("from", ""))
                    .orElseThrow(() -> new IllegalArgumentException("bad from " + fields.get("from")));
            String to = fields.get("to");
            if (to == null || !to.startsWith("/")) {
                throw new IllegalArgumentException("bad to " + to);
            }
            QueueState into = QueueState.ofDirectoryName(fields.getOrDefault("into", "incoming"))
                    .orElseThrow(() -> new IllegalArgumentException("bad into " + fields.get("into")));
            return new MoveJournal(id, step, from, file.getFileSystem().getPath(to), into);
        } catch (IllegalArgumentException e) {
            throw new QueueFileException(file, "bad journal: " + e.getMessage());
        }
    }

    /** The destination's temp name for the copy of {@code id}. */
    static Path copyTemp(QueueDirectories destination, QueueId id) {
        return destination.hashDirectory(QueueState.INCOMING, id).resolve("." + id + ".move");
    }
}
