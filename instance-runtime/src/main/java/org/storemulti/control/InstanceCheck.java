package org.storemulti.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.storemulti.config.InstanceConfig;
import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.InstanceLayout;

/**
 * {@code storectl check}: main.cf semantics, the instance's directories (present, owned by
 * the user that runs the daemon, no access for others where 0700 is required), listen
 * addresses and socket path lengths. Each problem says what to do.
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
        InstanceLayout layout = InstanceLayout.of(config);
        directoryProblems(layout, problems);
        listenProblems(problems);
        socketLength(layout.controlSocket(), "the control socket", problems);
        return problems;
    }

    private void directoryProblems(InstanceLayout layout, List<Problem> problems) {
        for (Path dir : layout.requiredDirectories()) {
            boolean queueRoot = dir.equals(layout.queueDirectory());
            if (!queueRoot && dir.startsWith(layout.queueDirectory()) && Files.notExists(layout.queueDirectory())) {
                continue; // the missing queue directory is the one problem to report
            }
            try {
                directoryProblem(dir, queueRoot).ifPresent(problems::add);
            } catch (IOException e) {
                problems.add(new Problem(dir + ": " + e.getMessage(), "check the path and its parents"));
            }
        }
    }

    private Optional<Problem> directoryProblem(Path dir, boolean queueRoot) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new Problem(dir + ": no such directory", fix));
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new Problem(dir + ": not a directory", "move it away, then " + fix));
        }
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        String user = System.getProperty("user.name");
        if (!owner.equals(user)) {
            return Optional.of(new Problem(dir + ": owned by " + owner + ", not by " + user
                    + " who runs the daemon", "chown " + user + " " + dir));
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

    private void listenProblems(List<Problem> problems) {
        for (String parameter : List.of("lmtp_listen", "imap_listen")) {
            for (String endpoint : config.list(parameter)) {
                String where = config.where(parameter) + ": " + parameter + ": " + endpoint;
                if (endpoint.startsWith("unix:")) {
                    socketLength(Path.of(endpoint.substring(5)), where, problems);
                } else {
                    inetProblem(endpoint.substring(endpoint.indexOf(':') + 1), where, problems);
                }
            }
        }
    }

    private static void inetProblem(String hostPort, String where, List<Problem> problems) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? "" : hostPort.substring(0, colon);
        long port = -1;
        try {
            port = Long.parseLong(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below with the expected shape
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            problems.add(new Problem(where + ": expected inet:HOST:PORT with a port from 1 to 65535",
                    "correct it in main.cf"));
        }
    }

    private static void socketLength(Path socket, String what, List<Problem> problems) {
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > ControlProtocol.MAX_SOCKET_PATH_BYTES) {
            problems.add(new Problem(what + ": socket path " + socket + " is " + length + " bytes, longer than the "
                    + ControlProtocol.MAX_SOCKET_PATH_BYTES + " a UNIX socket allows", "choose a shorter queue_directory"));
        }
    }
}
