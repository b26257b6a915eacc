package org.storemulti.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.storemulti.cli.JsonLines;
import org.storemulti.config.InstanceConfig;
import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.ControlProtocol.Reply;
import org.storemulti.daemon.Daemon;
import org.storemulti.daemon.DaemonException;
import org.storemulti.daemon.DaemonStatus;
import org.storemulti.daemon.InstanceLayout;
import org.storemulti.daemon.PidFile.Holder;
import org.storemulti.daemon.ServiceTable;
import org.storemulti.daemon.StopMode;
import org.storemulti.fs.AccessDenied;
import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.log.DaemonLog;
import org.storemulti.log.LibraryLogs;
import org.storemulti.log.LogSink;
import org.storemulti.owner.MailOwner;
import org.storemulti.store.Store;
import org.storemulti.store.data.DataLayout;
import org.storemulti.store.error.StoreException;

/**
 * The storectl commands for one instance, each returning its exit status (0 ok, 1 not
 * running for {@code status}) or throwing {@link ControlException} with the one line to print.
 * Liveness is always the daemon's lock on the data directory
 * ({@link InstanceLayout#runningDaemon}), whatever happened to the pid file; everything
 * else goes through the control socket.
 */
final class InstanceControl {

    private static final long POLL_MILLIS = 20;
    /** Why a start failed when the daemon died first; its log lines, shown next, say why. */
    private static final String EXITED = "the daemon exited before it was ready";
    private static final int LOG_LINES_SHOWN = 10;

    private final InstanceConfig config;
    private final InstanceLayout layout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private final ProcessLauncher launcher;
    private final String tag;

    InstanceControl(InstanceConfig config, PrintWriter out, PrintWriter err, boolean verbose, ProcessLauncher launcher) {
        this.config = config;
        this.layout = InstanceLayout.of(config);
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.launcher = launcher;
        this.tag = config.get("syslog_name") + "/storectl";
    }

    /** The running daemon, if any; a user who may not look is told so, never "not running". */
    private Optional<Holder> running() throws IOException {
        try {
            return layout.runningDaemon();
        } catch (AccessDeniedException e) {
            throw denied("cannot tell whether the store instance is running", e);
        }
    }

    private ControlException denied(String what, AccessDeniedException e) {
        return new ControlException(what + ": " + e.getFile() + ": " + AccessDenied.explain(e)
                + " (config_directory " + config.configDirectory() + ")", e);
    }

    private Holder requireRunning() throws IOException {
        return running().orElseThrow(() -> new ControlException(
                "the store instance is not running (config_directory " + config.configDirectory() + ")"));
    }

    private void requireStopped() throws IOException {
        Optional<Holder> holder = running();
        if (holder.isPresent()) {
            throw new ControlException("the store instance is already running: PID: " + holder.get().pid()
                    + " (config_directory " + config.configDirectory() + ")");
        }
    }

    int status(boolean json) throws IOException {
        if (json) {
            return statusJson();
        }
        Optional<Holder> holder = running();
        if (holder.isEmpty()) {
            out.println(tag + ": the store instance is not running");
            return 1;
        }
        out.println(tag + ": the store instance is running: PID: " + holder.get().pid()
                + ", since " + holder.get().since().truncatedTo(ChronoUnit.SECONDS));
        try {
            Reply reply = client().send(ControlProtocol.STATUS);
            reply.body().stream().filter(l -> !l.contains(": ")).forEach(out::println);
            return failing(DaemonStatus.failingIn(reply.body()));
        } catch (AccessDeniedException e) {
            throw denied("status", e);
        } catch (IOException e) {
            out.println(tag + ": warning: control socket " + layout.controlSocket() + " does not answer: "
                    + DaemonLog.describe(e));
        }
        return 0;
    }

    /**
     * {@code status -j}: one JSON object, exit status as the text's. {@code running}, and for a
     * running daemon its {@code pid}, {@code since}, {@code state}, the {@code failing}
     * services and each service's {@code name}, {@code state}, {@code since},
     * {@code restarts}, {@code last_failure}; or {@code control} saying why the control socket
     * did not answer.
     */
    private int statusJson() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config_directory", config.configDirectory().toString());
        Optional<Holder> holder = running();
        json.put("running", holder.isPresent());
        if (holder.isEmpty()) {
            JsonLines.print(out, json);
            return 1;
        }
        json.put("pid", holder.get().pid());
        json.put("since", holder.get().since().truncatedTo(ChronoUnit.SECONDS).toString());
        DaemonStatus status;
        try {
            status = DaemonStatus.parse(client().send(ControlProtocol.STATUS).body());
        } catch (AccessDeniedException e) {
            throw denied("status", e);
        } catch (IOException e) {
            json.put("control", "control socket " + layout.controlSocket() + " does not answer: " + DaemonLog.describe(e));
            JsonLines.print(out, json);
            return 0;
        }
        json.put("state", status.state().name().toLowerCase(Locale.ROOT));
        json.put("failing", status.failing());
        json.put("services", status.services().stream().map(s -> {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("name", s.name());
            service.put("state", s.state().name().toLowerCase(Locale.ROOT));
            service.put("since", s.since().toString());
            service.put("restarts", s.restarts());
            service.put("last_failure", s.lastFailure());
            return service;
        }).toList());
        JsonLines.print(out, json);
        return status.failing().isEmpty() ? 0 : 1;
    }

    /** 0, or 1 with one line naming the services that keep failing (their last failure is in the table). */
    private int failing(List<String> services) {
        if (services.isEmpty()) {
            return 0;
        }
        out.flush();
        err.println(tag + ": error: the store instance runs, but service" + (services.size() == 1 ? " " : "s ")
                + String.join(", ", services) + (services.size() == 1 ? " is" : " are")
                + " failing: see the last failure above and " + config.get("daemon_log_file"));
        return 1;
    }

    int check() {
        List<Problem> problems = new ArrayList<>(new InstanceCheck(config).problems());
        if (problems.isEmpty()) {
            problems.addAll(storeProblems());
        }
        problems.forEach(p -> err.println(tag + ": error: " + p.line()));
        if (!problems.isEmpty()) {
            throw new ControlException("check: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + " in the instance at " + config.configDirectory());
        }
        return 0;
    }

    /**
     * Opens the store (schema version, lock) and runs its quick check; a store that was
     * never opened is fine: the daemon creates it. Root acting for a mail_owner does not:
     * opening creates lock and WAL files, which would then be root's and keep the daemon out.
     * An older schema is not opened either (opening upgrades it, and a check changes
     * nothing): the daemon upgrades it when it starts.
     */
    private List<Problem> storeProblems() {
        Path data = config.dataDirectory();
        Path database = new DataLayout(data).database();
        if (!Files.exists(database) || MailOwner.of(config).switchesUser()) {
            return List.of();
        }
        int version = Store.schemaVersionOf(data);
        if (version > 0 && version < Store.currentSchemaVersion()) {
            out.println(tag + ": " + database + ": schema version " + version + ", upgraded to "
                    + Store.currentSchemaVersion() + " when the daemon starts (or by storeadm db upgrade)");
            return List.of();
        }
        try (Store store = Store.open(data)) {
            return store.tools().quickCheck().stream()
                    .map(p -> new Problem(database + ": " + p,
                            "restore a backup (storeadm db restore) or run storeadm db recover"))
                    .toList();
        } catch (StoreException e) {
            return List.of(new Problem(database + ": " + e.getMessage(),
                    "see storeadm db verify; storeadm db upgrade applies pending schema migrations"));
        }
    }

    private void checkBeforeStart() {
        List<Problem> problems = new InstanceCheck(config).problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(tag + ": error: " + p.line()));
            throw new ControlException("cannot start: " + problems.get(0).line()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    int setPermissions() throws IOException {
        MailOwner owner = MailOwner.of(config).requireMayAct("storectl");
        new DirectorySetup(layout, config.path("daemon_log_file"), owner).apply()
                .forEach(change -> out.println(tag + ": " + change));
        return 0;
    }

    int startForeground() throws IOException, InterruptedException {
        requireStopped();
        checkBeforeStart();
        MailOwner owner = MailOwner.of(config);
        if (owner.switchesUser()) {
            // a JVM cannot give up root for another user; systemd's User= or runuser can
            throw new ControlException("start-fg runs the daemon in this process, which cannot become "
                    + owner.name() + " (mail_owner, " + owner.where() + "): run it as " + owner.name()
                    + " (runuser -u " + owner.name() + " -- ...; the units of storemulti --systemd-units set User=)");
        }
        Daemon daemon = new Daemon(config, ServiceTable.STANDARD, LogSink.stderr(System.getenv()), verbose,
                Clock.systemUTC());
        LibraryLogs.routeTo(daemon.log());
        daemon.run();
        return 0;
    }

    int start() throws IOException, InterruptedException {
        requireStopped();
        checkBeforeStart();
        Path log = config.path("daemon_log_file");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        out.println(tag + ": starting the store instance");
        out.flush();
        long started = System.nanoTime();
        List<String> runAs = MailOwner.of(config).switchCommand();
        Optional<ProcessHandle> daemon = launcher.launch(runAs, DaemonCommand.of(config, verbose), layout.queueDirectory(), log);
        Duration bound = config.time("daemon_start_timeout");
        String why = daemon.isEmpty() ? EXITED : awaitReady(daemon, bound);
        if (why != null && daemon.isPresent() && daemon.get().isAlive()) {
            daemon.get().descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.get().destroyForcibly();
            why += "; killed it";
        }
        if (why != null) {
            showLog(log, logStart);
            throw new ControlException("the store instance did not start: " + why + " (log: " + log + ")");
        }
        out.printf("%s: the store instance is running: PID: %d (ready in %.2f s)%n", tag, daemon.get().pid(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /**
     * {@code storectl wait-ready [MAIN_PID]}: waits, in this one JVM, until the daemon reports
     * running, as a systemd unit's {@code ExecStartPost=} must (a JVM cannot send sd_notify).
     * Exit 0 once it is; 0 at once when process {@code mainPid} (the unit's main process,
     * {@code $MAINPID}) exits first, so that its exit status decides (a disabled instance's
     * start-fg only checks and ends); 1 after {@code daemon_start_timeout}.
     */
    int waitReady(Optional<Long> mainPid) throws InterruptedException {
        Optional<ProcessHandle> main = mainPid.flatMap(ProcessHandle::of);
        if (mainPid.isPresent() && main.isEmpty()) {
            return 0; // gone before we looked: its exit status decides
        }
        Duration bound = config.time("daemon_start_timeout");
        String why = awaitReady(main, bound);
        if (why == null) {
            out.println(tag + ": the store instance is ready");
            return 0;
        }
        if (why.equals(EXITED)) {
            return 0;
        }
        throw new ControlException("the store instance is not ready: " + why + " (config_directory "
                + config.configDirectory() + ")");
    }

    /**
     * Null once the daemon reports state running; else why not ({@link #EXITED} when
     * {@code process}, the daemon or what runs it, ended first). Until its control socket
     * appears only the file is looked for; then one {@code ready} request waits for the
     * services, so neither side spends CPU on polling while the daemon starts.
     */
    private String awaitReady(Optional<ProcessHandle> process, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Path socket = layout.controlSocket();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (Files.exists(socket)) {
                try {
                    Reply reply = new ControlClient(socket, Duration.ofNanos(left)).send(ControlProtocol.READY);
                    if (reply.ok() && DaemonStatus.stateIn(reply.body()) == DaemonStatus.State.RUNNING) {
                        return null;
                    }
                } catch (IOException | DaemonException e) {
                    // a socket left by a killed daemon, not listening yet, or the daemon died
                }
            }
            if (process.isPresent() && !process.get().isAlive()) {
                return EXITED;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return "not ready within " + bound.toSeconds() + "s (daemon_start_timeout)";
    }

    private void showLog(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        // decoded leniently: a crashing JVM may write anything
        List<String> lines = new String(all, start, all.length - start, StandardCharsets.UTF_8).lines().toList();
        lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size())
                .forEach(line -> err.println(tag + ": daemon log: " + line));
    }

    int stop(StopMode mode) throws IOException, InterruptedException {
        Holder holder = requireRunning();
        out.println(tag + ": stopping the store instance");
        out.flush();
        try {
            Reply reply = client().send(ControlProtocol.STOP + " " + mode.word());
            if (!reply.ok()) {
                throw new ControlException("stop: " + reply.message());
            }
        } catch (AccessDeniedException e) {
            throw denied("stop", e);
        } catch (IOException e) {
            err.println(tag + ": warning: control socket does not answer (" + DaemonLog.describe(e)
                    + "): sending SIGTERM to PID " + holder.pid());
            signal(holder, false);
        }
        awaitStopped(holder, config.time("daemon_stop_timeout").plusSeconds(2), "try storectl abort");
        return 0;
    }

    int abort() throws IOException, InterruptedException {
        Holder holder = requireRunning();
        out.println(tag + ": aborting the store instance: killing PID " + holder.pid());
        signal(holder, true);
        awaitStopped(holder, Duration.ofSeconds(5), "kill -9 " + holder.pid());
        return 0;
    }

    private static void signal(Holder holder, boolean kill) {
        if (holder.pid() == ProcessHandle.current().pid()) {
            throw new ControlException("the store instance runs in this process (PID " + holder.pid()
                    + ") and its control socket does not answer: cannot signal it");
        }
        ProcessHandle.of(holder.pid()).ifPresent(p -> {
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        });
    }

    /**
     * Stopped means the daemon's process is gone, not only its lock: the JVM's exit still removes files
     * (SQLite's native library under run/), and whoever deletes the instance next must not race it.
     */
    private void awaitStopped(Holder holder, Duration bound, String hint) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Optional<ProcessHandle> daemon = holder.pid() == ProcessHandle.current().pid() ? Optional.empty()
                : ProcessHandle.of(holder.pid());
        while (running().isPresent() || daemon.map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new ControlException("the store instance did not stop within " + bound.toSeconds() + "s: " + hint);
            }
            Thread.sleep(POLL_MILLIS);
        }
        out.println(tag + ": the store instance is stopped");
    }

    /**
     * {@code who}: the logged-in IMAP sessions, one line each (session ID, user, client,
     * since, selected mailbox), or with {@code -j} one JSON object each with those members.
     */
    int who(boolean json) throws IOException {
        requireRunning();
        List<ImapSessionInfo> sessions = reply(ControlProtocol.WHO).body().stream()
                .map(ControlProtocol::parseSessionLine).toList();
        if (json) {
            for (ImapSessionInfo s : sessions) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("session", s.id());
                object.put("user", s.user());
                object.put("client", s.client());
                object.put("since", s.since().toString());
                object.put("mailbox", s.mailbox());
                JsonLines.print(out, object);
            }
            return 0;
        }
        int users = sessions.stream().mapToInt(s -> s.user().length()).max().orElse(4);
        int clients = sessions.stream().mapToInt(s -> s.client().length()).max().orElse(6);
        out.println(column("session", 12) + "  " + column("user", users) + "  " + column("client", clients) + "  "
                + column("since", 20) + "  mailbox");
        for (ImapSessionInfo s : sessions) {
            out.println(s.id() + "  " + column(s.user(), users) + "  " + column(s.client(), clients) + "  "
                    + column(s.since().toString(), 20) + "  " + (s.mailbox().isEmpty() ? "-" : s.mailbox()));
        }
        out.flush();
        return 0;
    }

    /** {@code kick USER}: ends the user's IMAP sessions. */
    int kick(String user) throws IOException {
        return request(ControlProtocol.KICK + " " + user);
    }

    private static String column(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    int reload() throws IOException {
        return request(ControlProtocol.RELOAD);
    }

    int flush() throws IOException {
        return request(ControlProtocol.FLUSH);
    }

    private int request(String word) throws IOException {
        requireRunning();
        reply(word).body().forEach(line -> out.println(tag + ": " + line));
        return 0;
    }

    /** The daemon's successful reply to {@code word}. */
    private Reply reply(String word) throws IOException {
        Reply reply;
        try {
            reply = client().send(word);
        } catch (AccessDeniedException e) {
            throw denied(word, e);
        } catch (IOException e) {
            throw new ControlException(word + ": control socket " + layout.controlSocket() + " does not answer: "
                    + DaemonLog.describe(e), e);
        }
        if (!reply.ok()) {
            throw new ControlException(word + ": " + reply.message());
        }
        return reply;
    }

    private ControlClient client() {
        return new ControlClient(layout.controlSocket());
    }
}
