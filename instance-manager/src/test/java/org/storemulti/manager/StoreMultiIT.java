package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemulti.testing.Launchers.exec;
import static org.storemulti.testing.Launchers.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.MainCf;
import org.storemulti.config.MainCfEditor;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.Launchers;
import org.storemulti.testing.Launchers.Run;

/** End to end: the real {@code bin/storemulti} launcher of the built checkout, on a temporary sandbox. */
class StoreMultiIT {

    @TempDir
    Path temp;

    private InstanceSet set;

    @BeforeEach
    void sandbox() {
        set = InstanceSet.on(temp);
    }

    private List<String> storemulti(String... args) {
        List<String> command = Launchers.command("storemulti", "-c", set.primary().toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    private Process start(Map<String, String> extraEnv, String... args) throws IOException {
        return launch(storemulti(args), extraEnv);
    }

    private Run run(Map<String, String> extraEnv, String... args) throws Exception {
        return exec(storemulti(args), extraEnv, "");
    }

    private Run ok(String... args) throws Exception {
        Run r = run(Map.of(), args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    private String dir(String relative) {
        return set.path(relative).toString();
    }

    private MainCf mainCf(String relative) {
        return MainCf.read(set.path(relative).resolve("main.cf"));
    }

    @Test
    void systemdUnitsAreWantedForEnabledInstancesOnly() throws Exception {
        Path templates = Files.createDirectories(set.path("share/systemd"));
        try (var files = Files.list(InstanceSet.checkout().resolve("templates/systemd"))) {
            for (Path template : files.toList()) {
                Files.copy(template, templates.resolve(template.getFileName()));
            }
        }
        ok("-e", "init");
        ok("-e", "create", "-I", "store-on");
        ok("-e", "create", "-I", "store-off");
        ok("-i", "store-on", "-e", "enable");

        Path units = set.path("units");
        ok("--systemd-units", units.toString());

        try (var wants = Files.list(units.resolve("store.service.wants"))) {
            assertEquals(List.of("store@-.service", "store@store-on.service"),
                    wants.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String unit = Files.readString(units.resolve("store@.service"));
        assertTrue(unit.contains("ExecStart=" + set.path("bin") + "/storemulti -c " + set.primary() + " -i %i -p start-fg"), unit);
        Run mixed = run(Map.of(), "-l", "--systemd-units", units.toString());
        assertEquals(2, mixed.exit(), mixed.err());
    }

    @Test
    void aFullLifeCycleThroughTheLauncher() throws Exception {
        ok("-e", "init");
        assertEquals("yes", mainCf("etc/store").value("multi_instance_enable").orElseThrow());

        ok("-e", "create", "-I", "store-mta", "-G", "mta");
        ok("-e", "create", "-a", "-I", "store-sink", "-G", "sink");
        ok("-e", "create", "-g", "mta", "-I", "store-mid");
        ok("-e", "create", "-i", "store-mta", "-I", "store-pre", "-G", "mta");
        assertEquals(List.of(dir("etc/store-sink"), dir("etc/store-mid"), dir("etc/store-pre"), dir("etc/store-mta")),
                set.directories());
        assertEquals("mta", mainCf("etc/store-pre").value("multi_instance_group").orElseThrow());
        assertEquals(dir("var/spool/store-mid"), mainCf("etc/store-mid").value("queue_directory").orElseThrow());

        set.write("hand/conf/main.cf", "queue_directory = " + dir("hand/queue") + "\ndata_directory = " + dir("hand/data") + "\n");
        ok("-e", "import", "-I", "store-hand", "config_directory=" + dir("hand/conf"));
        assertEquals(dir("hand/conf"), set.directories().get(4));
        assertEquals("store-hand", mainCf("hand/conf").value("multi_instance_name").orElseThrow());

        ok("-i", "store-mid", "-e", "assign", "-I", "store-middle", "-G", "mta");
        assertEquals("store-middle", mainCf("etc/store-mid").value("multi_instance_name").orElseThrow());
        assertEquals("store-middle", mainCf("etc/store-mid").value("syslog_name").orElseThrow(),
                "syslog_name follows the name create gave it");

        ok("-i", "middle", "-e", "enable");
        assertEquals("yes", mainCf("etc/store-mid").value("multi_instance_enable").orElseThrow());
        Run refused = run(Map.of(), "-i", "middle", "-e", "destroy");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().startsWith("storemulti: fatal: Cannot remove enabled instance store-middle"), refused.err());
        ok("-i", "middle", "-e", "disable");
        assertEquals("no", mainCf("etc/store-mid").value("multi_instance_enable").orElseThrow());

        ok("-i", "middle", "-e", "destroy");
        assertFalse(Files.exists(set.path("etc/store-mid")));
        assertFalse(Files.exists(set.path("var/spool/store-mid")));
        assertFalse(Files.exists(set.path("var/lib/store-mid")));
        assertEquals(List.of(dir("etc/store-sink"), dir("etc/store-pre"), dir("etc/store-mta"), dir("hand/conf")),
                set.directories());

        ok("-i", "hand", "-e", "deport");
        assertTrue(Files.exists(set.path("hand/conf/main.cf")), "deport touches no file");
        assertEquals(List.of(dir("etc/store-sink"), dir("etc/store-pre"), dir("etc/store-mta")), set.directories());

        Run list = ok("-l");
        assertEquals(String.join("\n",
                String.format("%-15s %-15s %-9s %s", "-", "-", "y", dir("etc/store")),
                String.format("%-15s %-15s %-9s %s", "store-sink", "sink", "n", dir("etc/store-sink")),
                String.format("%-15s %-15s %-9s %s", "store-pre", "mta", "n", dir("etc/store-pre")),
                String.format("%-15s %-15s %-9s %s", "store-mta", "mta", "n", dir("etc/store-mta"))) + "\n", list.out());
        Run json = ok("-l", "-j", "-i", "sink");
        assertEquals("{\"name\": \"store-sink\", \"group\": \"sink\", \"enabled\": \"n\", \"config_directory\": \""
                + dir("etc/store-sink") + "\"}\n", json.out());
    }

    @Test
    void xRunsTheCommandWithEachInstancesEnvironment() throws Exception {
        ok("-e", "init");
        ok("-e", "create", "-I", "store-a", "-G", "g");
        ok("-i", "a", "-e", "enable");
        Run env = run(Map.of(), "-v", "-i", "a", "-x", "env");
        assertEquals(0, env.exit(), env.err());
        List<String> lines = List.of(env.out().split("\n"));
        for (String expected : List.of("STORE_CONFIG=" + dir("etc/store-a"), "MAIL_CONFIG=" + dir("etc/store-a"),
                "config_directory=" + dir("etc/store-a"), "queue_directory=" + dir("var/spool/store-a"),
                "data_directory=" + dir("var/lib/store-a"), "command_directory=" + dir("bin"),
                "daemon_directory=" + dir("bin"), "multi_instance_name=store-a", "multi_instance_group=g",
                "multi_instance_enable=yes", "STORE_VERBOSE=1", "MAIL_VERBOSE=1")) {
            assertTrue(lines.contains(expected), expected + " missing in:\n" + env.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PATH=" + dir("bin") + ":")), env.out());
    }

    @Test
    void stdinPassesThroughToTheCommandAndItsEndEndsTheCommand() throws Exception {
        ok("-e", "init");
        ok("-e", "create", "-I", "store-a");
        Process p = start(Map.of(), "-i", "a", "-x", "cat");
        p.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "cat never saw the end of its input");
        assertEquals("hello\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue());
    }

    @Test
    void storemultiUnderXRefusesToManageTheSetAgain() throws Exception {
        ok("-e", "init");
        ok("-e", "create", "-I", "store-a");
        Run nested = run(Map.of(), "-i", "a", "-x", InstanceSet.checkout().resolve("bin/storemulti").toString(), "-l");
        assertEquals(1, nested.exit());
        assertTrue(nested.err().contains("Non-default configuration directory: STORE_CONFIG=" + dir("etc/store-a")),
                nested.err());
    }

    @Test
    void aDaemonStartedThroughTheLauncherMapsItsClassArchiveAndTheUnpackedSqliteLibrary() throws Exception {
        ok("-e", "init");
        ok("-e", "create", "-I", "store-fast");
        ok("-i", "store-fast", "-e", "enable");
        ok("-i", "store-fast", "-p", "start");
        try {
            String pid = Files.readString(set.path("var/spool/store-fast/pid/master.pid")).strip();
            String maps = Files.readString(Path.of("/proc", pid, "maps"));
            Path target = InstanceSet.checkout().resolve("instance-manager/target");
            assertTrue(maps.contains(target.resolve("sqlite-native").toString()),
                    "the daemon extracted its own SQLite library instead of loading the unpacked one");
            if (Files.exists(target.resolve("storemulti-daemon.jsa"))) {
                assertTrue(maps.contains(target.resolve("storemulti-daemon.jsa").toString()),
                        "the daemon runs without its class archive");
            }
        } finally {
            ok("-i", "store-fast", "-p", "stop");
        }
    }

    /**
     * As root with {@code mail_owner} set, what create hands to the owner is what the daemon
     * runs as: storemulti starts it through setpriv; storeadm run by root runs again as the
     * owner (standard input too), so the daemon can use what it writes; another user is refused.
     */
    @Test
    void asRootTheDaemonAndStoreadmRunAsMailOwner() throws Exception {
        Launchers.assumeRootCanRunAs("nobody", temp);
        ok("-e", "init");
        MainCfEditor.set(set.primary().resolve("main.cf"), Map.of("mail_owner", "nobody"));
        ok("-e", "create", "-I", "store-own");
        assertEquals("nobody", mainCf("etc/store-own").value("mail_owner").orElseThrow(), "create copies mail_owner");
        ok("-i", "store-own", "-e", "enable");
        ok("-i", "store-own", "-p", "start");
        try {
            String pid = Files.readString(set.path("var/spool/store-own/pid/master.pid")).strip();
            assertEquals("nobody", ProcessHandle.of(Long.parseLong(pid)).orElseThrow().info().user().orElseThrow());
            assertEquals("nobody", Files.getOwner(set.path("var/spool/store-own/pid/daemon.log")).getName());
            Path lmtp = set.path("var/spool/store-own/private/lmtp");
            assertEquals(exec(List.of("id", "-gn", "nobody")).out().strip(),
                    ((java.nio.file.attribute.GroupPrincipal) Files.getAttribute(lmtp, "posix:group")).getName(),
                    "the LMTP socket belongs to mail_owner's group");
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(lmtp)));
            ok("-i", "store-own", "-p", "status");

            List<String> storeadm = List.of(InstanceSet.checkout().resolve("bin/storeadm").toString(),
                    "-c", dir("etc/store-own"));
            storeadmOk(storeadm, "", "domain", "add", "example.com");
            storeadmOk(storeadm, "", "-d", "example.com", "mailbox", "user-add", "joe");
            assertEquals("nobody", Files.getOwner(set.path("var/lib/store-own/store.db")).getName());
            storeadmOk(storeadm, "Subject: owned\n\nhello\n", "deliver", "-f", "alice@example.org", "joe@example.com");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!storeadmOk(storeadm, "", "mailbox", "status", "joe@example.com").out().startsWith("messages=1")
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(storeadmOk(storeadm, "", "mailbox", "status", "joe@example.com").out().startsWith("messages=1"),
                    "the daemon run by nobody delivered the mail root's storeadm queued");

            List<String> asDaemon = new ArrayList<>(List.of("runuser", "-u", "daemon", "--"));
            asDaemon.addAll(storeadm);
            asDaemon.addAll(List.of("domain", "list"));
            Run refused = exec(asDaemon);
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("mail_owner = nobody: storeadm writes files that nobody must own, and runs"
                    + " as daemon: run it as nobody"), refused.err());
        } finally {
            ok("-i", "store-own", "-p", "stop");
        }
    }

    private static Run storeadmOk(List<String> storeadm, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(storeadm);
        command.addAll(Arrays.asList(args));
        Run run = exec(command, Map.of(), input);
        assertEquals(0, run.exit(), command + ": " + run.err());
        return run;
    }

    @Test
    void parallelWavesKeepGroupOrderAndRunAGroupConcurrently() throws Exception {
        ok("-e", "init");
        for (String n : List.of("a1", "a2", "a3")) {
            ok("-e", "create", "-I", "store-" + n, "-G", "first");
        }
        for (String n : List.of("b1", "b2")) {
            ok("-e", "create", "-I", "store-" + n, "-G", "second");
        }
        Path log = set.path("waves.log");
        Path script = set.write("bin/stamp", "#!/bin/sh\n"
                + "echo \"start $multi_instance_group $(date +%s%N)\" >> " + log + "\n"
                + "sleep 0.4\n"
                + "echo \"end $multi_instance_group $(date +%s%N)\" >> " + log + "\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run(Map.of(), "-P", "4", "-x", "stamp");
        assertEquals(0, r.exit(), r.err());
        List<String[]> events = Files.readAllLines(log).stream().map(l -> l.split(" ")).toList();
        long lastEndFirst = events.stream().filter(e -> e[0].equals("end") && e[1].equals("first"))
                .mapToLong(e -> Long.parseLong(e[2])).max().orElseThrow();
        long firstStartSecond = events.stream().filter(e -> e[0].equals("start") && e[1].equals("second"))
                .mapToLong(e -> Long.parseLong(e[2])).min().orElseThrow();
        assertTrue(lastEndFirst <= firstStartSecond, "the second group started before the first one ended");
        long firstEndFirst = events.stream().filter(e -> e[0].equals("end") && e[1].equals("first"))
                .mapToLong(e -> Long.parseLong(e[2])).min().orElseThrow();
        long lastStartFirst = events.stream().filter(e -> e[0].equals("start") && e[1].equals("first"))
                .mapToLong(e -> Long.parseLong(e[2])).max().orElseThrow();
        assertTrue(lastStartFirst < firstEndFirst, "the members of one group ran one after another");
    }

    @Test
    void concurrentCreateProcessesAllEndUpRegistered() throws Exception {
        ok("-e", "init");
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(start(Map.of(), "-e", "create", "-I", "store-p" + i));
        }
        for (Process p : running) {
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(4, new HashSet<>(set.directories()).size(), set.directories().toString());
    }

    @Test
    void aCreateKilledBetweenAnyTwoStepsLeavesAConsistentRegistryAndCanBeCompleted() throws Exception {
        ok("-e", "init");
        ok("-e", "create", "-I", "store-before");
        for (String step : List.of("directories", "main.cf", "registered")) {
            String name = "store-crash-" + step.replace(".", "");
            Run killed = run(Map.of("STOREMULTI_JAVA_OPTS", "-Dstoremulti.crash=" + step), "-e", "create", "-I", name);
            assertEquals(137, killed.exit(), step + ": " + killed.err());
            // the primary main.cf still parses and every listed instance loads
            Run list = ok("-l");
            boolean registered = set.directories().contains(dir("etc/" + name));
            assertEquals(step.equals("registered"), registered, step);
            assertEquals(registered, list.out().contains(name), step);
            // running the same create again completes it (or says it is done)
            Run again = run(Map.of(), "-e", "create", "-I", name);
            if (registered) {
                assertEquals(1, again.exit());
                assertTrue(again.err().contains("is already in use"), again.err());
            } else {
                assertEquals(0, again.exit(), step + ": " + again.err());
            }
            assertTrue(set.directories().contains(dir("etc/" + name)), step);
        }
    }

    @Test
    void aDestroyKilledBetweenItsStepsLeavesALoadableRegistry() throws Exception {
        ok("-e", "init");
        ok("-e", "create", "-I", "store-d1");
        ok("-e", "create", "-I", "store-d2");
        Run killed = run(Map.of("STOREMULTI_JAVA_OPTS", "-Dstoremulti.crash=queue-removed"), "-i", "d1", "-e", "destroy");
        assertEquals(137, killed.exit());
        ok("-l");
        ok("-i", "d1", "-e", "destroy");
        Run killed2 = run(Map.of("STOREMULTI_JAVA_OPTS", "-Dstoremulti.crash=deregistered"), "-i", "d2", "-e", "destroy");
        assertEquals(137, killed2.exit());
        assertEquals(List.of(), set.directories());
        ok("-l");
    }
}
