package org.storemulti.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.DaemonException;
import org.storemulti.daemon.InstanceLayout;
import org.storemulti.imapd.ImapConfig;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.owner.MailOwner;
import org.storemulti.queue.QueueDirectories;
import org.storemulti.queue.QueueState;
import org.storemulti.store.data.DataDirectoryLock;
import org.storemulti.store.data.DataLayout;

/**
 * {@code storectl check}: main.cf semantics, who may start the daemon ({@link MailOwner}),
 * the instance's directories (present, owned by the user that runs the daemon, no access
 * for others where 0700 is required) and the files the daemon opens as it starts (owned by
 * that user), listen addresses and socket path lengths. Each problem says what to do.
 */
final class InstanceCheck {

    private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final String PRIVATE_MODE = "rwx------";

    private final InstanceConfig config;
    private final String fix;

    InstanceCheck(InstanceConfig config) {
        this.config = config;
        this.fix = "run storectl -c " + config.configDirectory() + " set-permissions";
    }

    /** Every problem, in the order config, directories, listen addresses. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        config.problems().forEach(p -> problems.add(new Problem(p, "correct it in main.cf")));
        if (!problems.isEmpty()) {
            return problems; // directories and addresses come from the values just found bad
        }
        MailOwner owner = MailOwner.of(config);
        Optional<String> refusal = owner.refusal("storectl");
        if (refusal.isPresent()) {
            return List.of(new Problem(refusal.get(), owner.fix("storectl")));
        }
        InstanceLayout layout = InstanceLayout.of(config);
        directoryProblems(layout, owner, problems);
        if (problems.isEmpty()) {
            openedProblems(layout, owner, problems);
        }
        listenProblems(problems);
        controlSocketProblem(layout.controlSocket(), problems);
        return problems;
    }

    private void directoryProblems(InstanceLayout layout, MailOwner owner, List<Problem> problems) {
        for (Path dir : layout.requiredDirectories()) {
            boolean queueRoot = dir.equals(layout.queueDirectory());
            if (!queueRoot && dir.startsWith(layout.queueDirectory()) && Files.notExists(layout.queueDirectory())) {
                continue; // the missing queue directory is the one problem to report
            }
            try {
                directoryProblem(dir, queueRoot, owner).ifPresent(problems::add);
            } catch (IOException e) {
                problems.add(new Problem(dir + ": " + e.getMessage(), "check the path and its parents"));
            }
        }
    }

    private Optional<Problem> directoryProblem(Path dir, boolean queueRoot, MailOwner owner) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new Problem(dir + ": no such directory", fix));
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new Problem(dir + ": not a directory", "move it away, then " + fix));
        }
        Optional<Problem> foreign = ownerProblem(dir, owner);
        if (foreign.isPresent()) {
            return foreign;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        boolean unsafe = queueRoot ? mode.stream().anyMatch(GROUP_OTHER_WRITE::contains)
                : !PosixFilePermissions.toString(mode).equals(PRIVATE_MODE);
        if (unsafe) {
            String expected = queueRoot ? "not writable by group or others" : PRIVATE_MODE;
            return Optional.of(new Problem(dir + ": mode " + PosixFilePermissions.toString(mode)
                    + ", expected " + expected, fix));
        }
        return Optional.empty();
    }

    private Optional<Problem> ownerProblem(Path path, MailOwner owner) throws IOException {
        String holder = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        if (holder.equals(owner.name())) {
            return Optional.empty();
        }
        // the daemon runs as mail_owner, or as whoever starts it when that is empty
        String way = owner.isInvoker() ? "run storectl as " + holder + ", or chown " + owner.name() + " " + path
                : fix + " (as root it hands them to " + owner.name() + ")";
        return Optional.of(new Problem(path + ": owned by " + holder + ", not by " + owner.name()
                + " who runs the daemon", way));
    }

    /**
     * What the daemon opens as it starts, beyond the directories: the store's database files
     * and locks, the queue's hashed directories, the pid file and the log. Each one that
     * exists must belong to the user the daemon runs as (message files are not looked at:
     * set-permissions fixes them with the rest).
     */
    private void openedProblems(InstanceLayout layout, MailOwner owner, List<Problem> problems) {
        List<Path> opened = new ArrayList<>();
        DataLayout data = new DataLayout(layout.dataDirectory());
        for (String file : List.of(DataLayout.DATABASE_FILE, DataLayout.DATABASE_FILE + "-wal",
                DataLayout.DATABASE_FILE + "-shm", DataLayout.MESSAGES_DIRECTORY, DataLayout.RUN_DIRECTORY)) {
            opened.add(data.root().resolve(file));
        }
        opened.add(data.run().resolve(DataDirectoryLock.FILE));
        opened.add(layout.masterLock());
        opened.add(layout.pidFile());
        opened.add(config.path("daemon_log_file"));
        QueueDirectories queue = QueueDirectories.of(layout.queueDirectory());
        opened.add(queue.moveDirectory());
        for (QueueState state : QueueState.values()) {
            QueueDirectories.HASHES.forEach(hash -> opened.add(queue.directory(state).resolve(hash)));
        }
        for (Path path : opened) {
            try {
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    ownerProblem(path, owner).ifPresent(problems::add);
                }
            } catch (IOException e) {
                problems.add(new Problem(path + ": " + e.getMessage(), "check the path and its parents"));
            }
        }
    }

    /**
     * Listen addresses as the services will parse them ({@link Endpoint}): shape, port,
     * socket path length; for IMAP also its TLS key and certificate files, read as the
     * daemon reads them ({@link ImapConfig}).
     */
    private void listenProblems(List<Problem> problems) {
        for (String endpoint : config.list("lmtp_listen")) {
            try {
                Endpoint.parse("lmtp_listen", endpoint);
            } catch (ConfigException e) {
                problems.add(new Problem(config.where("lmtp_listen") + ": " + e.getMessage(), "correct it in main.cf"));
            }
        }
        for (String problem : ImapConfig.problems(config)) {
            problems.add(new Problem(problem, "correct it in main.cf"));
        }
    }

    private static void controlSocketProblem(Path socket, List<Problem> problems) {
        try {
            ControlProtocol.address(socket);
        } catch (DaemonException e) {
            problems.add(new Problem("the control socket: " + e.getMessage(), "choose a shorter queue_directory"));
        }
    }
}
