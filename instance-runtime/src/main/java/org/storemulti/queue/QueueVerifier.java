package org.storemulti.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.storemulti.fs.EditLock;

/**
 * {@code queue verify [--repair]}: finds what a crash, a careless copy or a stray file
 * left in a queue, the job qmail's queue fixers do, and with repair fixes what it can:
 *
 * <ul>
 * <li>interrupted migrations ({@code move/ID.journal}): undone or finished (see
 *     {@link QueueMover}); a staged message without a journal goes back to incoming;
 * <li>temp files ({@code .NAME.tmp...}) older than {@code queue_stale_temp_time}: removed
 *     (younger ones are injections in progress and are left alone);
 * <li>{@code .ID.move} copies of a migration into this queue: reported only; the source
 *     queue's verify resolves them;
 * <li>unparseable, truncated or checksum-failing files, and files whose header names
 *     another ID: quarantined to {@code corrupt/};
 * <li>files in the wrong hashed subdirectory: renamed into the right one;
 * <li>files whose names are not queue IDs: quarantined to {@code corrupt/} under their name;
 * <li>one ID in two states: reported (not repaired: an administrator decides).
 * </ul>
 *
 * Safe while the daemon runs, except that a repair may race with the queue manager over
 * a file it is about to quarantine; both sides tolerate the other moving it.
 */
final class QueueVerifier {

    private final QueueDirectories queue;
    private final Clock clock;
    private final Duration staleTemp;
    /** Where this run's repairs put files, so the run does not check them twice. */
    private final Set<Path> handled = new HashSet<>();

    public QueueVerifier(QueueDirectories queue, Clock clock, Duration staleTemp) {
        this.queue = queue;
        this.clock = clock;
        this.staleTemp = staleTemp;
    }

    /** Checks the whole queue; with {@code repair}, fixes what it can. */
    @SuppressWarnings("try") // the lock is held, not used
    public synchronized List<VerifyFinding> verify(boolean repair) throws IOException {
        List<VerifyFinding> findings = new ArrayList<>();
        handled.clear();
        if (!Files.isDirectory(queue.root())) {
            return findings;
        }
        if (repair) {
            try (EditLock lock = QueueMover.lock(queue)) {
                checkMoves(true, findings);
            }
        } else {
            checkMoves(false, findings);
        }
        Map<QueueId, QueueState> seen = new HashMap<>();
        for (QueueState state : QueueState.values()) {
            checkState(state, repair, findings, seen);
        }
        return findings;
    }

    private void checkMoves(boolean repair, List<VerifyFinding> findings) throws IOException {
        for (Path p : queue.entries(queue.moveDirectory())) {
            String name = p.getFileName().toString();
            if (name.endsWith(MoveJournal.SUFFIX) && !name.startsWith(".")) {
                try {
                    MoveJournal journal = MoveJournal.read(p);
                    String problem = "interrupted move to " + journal.destination() + " at step "
                            + journal.step().name().toLowerCase(Locale.ROOT);
                    findings.add(new VerifyFinding(p, problem, repair ? QueueMover.recover(queue, journal) : ""));
                } catch (QueueFileException e) {
                    findings.add(new VerifyFinding(p, e.problem(),
                            repair ? quarantineStranger(p) : ""));
                }
            }
        }
        for (Path p : queue.entries(queue.moveDirectory())) {
            String name = p.getFileName().toString();
            if (!Files.exists(p)) {
                continue;
            }
            Optional<QueueId> id = QueueId.tryParse(name);
            if (id.isPresent()) {
                if (!Files.exists(MoveJournal.path(queue, id.get()))) {
                    findings.add(new VerifyFinding(p, "staged for a move but has no journal",
                            repair ? backToIncoming(p, id.get()) : ""));
                }
            } else if (name.startsWith(".")) {
                checkTemp(p, repair, findings);
            } else if (!name.equals("journal.lock") && !name.endsWith(MoveJournal.SUFFIX)) {
                findings.add(new VerifyFinding(p, "unknown file in move/", repair ? quarantineStranger(p) : ""));
            }
        }
    }

    private String backToIncoming(Path staged, QueueId id) throws IOException {
        queue.rename(staged, queue.file(QueueState.INCOMING, id));
        handled.add(queue.file(QueueState.INCOMING, id));
        return "moved back to incoming";
    }

    private void checkState(QueueState state, boolean repair, List<VerifyFinding> findings,
            Map<QueueId, QueueState> seen) throws IOException {
        Path dir = queue.directory(state);
        for (Path top : queue.entries(dir)) {
            String name = top.getFileName().toString();
            if (Files.isDirectory(top)) {
                if (!QueueDirectories.HASHES.contains(name)) {
                    findings.add(new VerifyFinding(top, "unexpected directory in " + state.directoryName(), ""));
                    continue;
                }
                for (Path p : queue.entries(top)) {
                    checkFile(state, name, p, repair, findings, seen);
                }
            } else {
                checkFile(state, null, top, repair, findings, seen);
            }
        }
    }

    private void checkFile(QueueState state, String hash, Path p, boolean repair, List<VerifyFinding> findings,
            Map<QueueId, QueueState> seen) throws IOException {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                findings.add(new VerifyFinding(p, Files.isSymbolicLink(p) ? "a symbolic link, not a queue file"
                        : "not a regular file", ""));
            }
            return;
        }
        if (name.startsWith(".")) {
            checkTemp(p, repair, findings);
            return;
        }
        Optional<QueueId> parsed = QueueId.tryParse(name);
        if (parsed.isEmpty()) {
            if (state != QueueState.CORRUPT || hash != null) {
                findings.add(new VerifyFinding(p, "not named after a queue ID", repair ? quarantineStranger(p) : ""));
            }
            return;
        }
        QueueId id = parsed.get();
        if (handled.contains(p)) {
            return;
        }
        QueueState other = seen.putIfAbsent(id, state);
        if (other != null) {
            findings.add(new VerifyFinding(p, "same queue ID also in " + other.directoryName(), ""));
        }
        Path location = p;
        if (!id.hashDirectory().equals(hash)) {
            Path right = queue.file(state, id);
            if (repair && !Files.exists(right)) {
                queue.rename(p, right);
                handled.add(right);
                location = right;
                findings.add(new VerifyFinding(p, "in the wrong hash directory", "moved to " + right));
            } else {
                findings.add(new VerifyFinding(p, "in the wrong hash directory", ""));
            }
        }
        if (state == QueueState.CORRUPT) {
            return;
        }
        try {
            QueuedMessage m = QueueFile.read(location);
            if (!m.id().equals(id)) {
                findings.add(new VerifyFinding(location, "file holds queue ID " + m.id(),
                        repair ? quarantine(location, state, id) : ""));
            }
        } catch (QueueFileException e) {
            findings.add(new VerifyFinding(location, e.problem(),
                    repair ? quarantine(location, state, id) : ""));
        } catch (NoSuchFileException e) {
            // moved on meanwhile (the daemon is running)
        }
    }

    private void checkTemp(Path p, boolean repair, List<VerifyFinding> findings) throws IOException {
        String name = p.getFileName().toString();
        if (name.endsWith(".move")) {
            findings.add(new VerifyFinding(p, "copy of a move into this queue in progress or interrupted;"
                    + " verify --repair on the source queue resolves it", ""));
            return;
        }
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(p).toInstant();
        } catch (NoSuchFileException e) {
            return;
        }
        if (Duration.between(modified, clock.instant()).compareTo(staleTemp) < 0) {
            return;
        }
        boolean removed = repair && queue.delete(p);
        findings.add(new VerifyFinding(p, "stale temp file, last written " + modified, removed ? "removed" : ""));
    }

    private String quarantine(Path p, QueueState from, QueueId id) throws IOException {
        if (from == QueueState.CORRUPT) {
            return "";
        }
        Path to = queue.file(QueueState.CORRUPT, id);
        if (Files.exists(to)) {
            return "left: " + to + " exists";
        }
        try {
            queue.rename(p, to);
        } catch (NoSuchFileException e) {
            return "";
        }
        handled.add(to);
        return "moved to " + to;
    }

    private String quarantineStranger(Path p) throws IOException {
        Path to = queue.directory(QueueState.CORRUPT).resolve(p.getFileName().toString());
        for (int n = 1; Files.exists(to); n++) {
            to = queue.directory(QueueState.CORRUPT).resolve(p.getFileName() + "." + n);
        }
        queue.rename(p, to);
        handled.add(to);
        return "moved to " + to;
    }
}
