package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.ProcessRun;

/**
 * The Debian package on a freshly booted machine that runs systemd (a copy of this one in
 * namespaces, {@link NamespaceMachine}; the host is never touched): {@code dpkg -i},
 * {@code storemulti -e init}, an instance created and enabled, and from then on systemd's
 * units do the work. {@code systemctl start} returns once {@code storectl wait-ready} says
 * the daemons are ready, mail is delivered over LMTP, the daemon's lines are in the journal
 * under their own priorities, {@code systemctl reload} reloads (and a main.cf with a mistake
 * is refused, logged as an error, the command's own fatal and warning lines under theirs),
 * {@code systemctl stop} and {@code dpkg -r} stop cleanly.
 * Man pages and completion are found by {@code man} and bash-completion's loader. What
 * DebianPackageIT checks on the host (layout, purge, generator output) is not repeated.
 */
class SystemdUnitsIT {

    private static final String SECONDARY = "store-systemdtest";
    private static final String UNIT = "store@" + SECONDARY + ".service";
    private static final String PRIMARY = "store@-.service";
    private static final Duration DPKG = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    private PackageTestLock machineLock;
    private NamespaceMachine machine;

    @Test
    void theInstalledPackageRunsInstancesUnderSystemdWithTheirLinesInTheJournal() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "booting systemd in namespaces needs root");
        assumeTrue(Files.isRegularFile(Path.of("/etc/debian_version")) && ProcessRun.onPath("dpkg").isPresent(),
                "not a Debian system");
        assumeTrue(ProcessRun.onPath("python3").isPresent(), "python3 is not installed (the LMTP client)");
        Optional<String> unavailable = NamespaceMachine.unavailable();
        assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
        Path deb = DebianPackageIT.debianPackage();
        // the copy sees the host's files: no install of the host's may show through, none may start meanwhile
        machineLock = PackageTestLock.take();
        assertNotEquals(0, ProcessRun.run("dpkg-query", "-W", "storemulti").exit(),
                "storemulti is installed on this machine; the copy would run its instances: dpkg -P storemulti first");
        Path layers = Files.createDirectory(temp.resolve("layers"));
        machine = NamespaceMachine.boot(layers, temp.resolve("boot.log"));

        Files.copy(deb, machine.path("/tmp/storemulti.deb"));

        installAndCreateAnInstance();
        startsEveryEnabledInstanceOnceReady();
        deliverOverLmtp();
        reloadsAndRefusesAMistakeAsAnError();
        daemonLinesCarryTheirPriorities();
        manAndBashFindTheInstalledPages();
        stopsBothThroughSystemdAndBehindItsBack();
        removingThePackageStopsTheInstancesThroughSystemd();
    }

    private void installAndCreateAnInstance() {
        machine.run(DPKG, "dpkg", "-i", "/tmp/storemulti.deb").ok();
        assertEquals("generated", show("store.service", "UnitFileState"), "postinst's daemon-reload did not run the generator");
        machine.run("storemulti", "-e", "init").ok();
        machine.run("storemulti", "-e", "create", "-I", SECONDARY).ok();
        machine.run("storemulti", "-i", SECONDARY, "-e", "enable").ok();
        machine.run("systemctl", "daemon-reload").ok();
    }

    /** {@code systemctl start store} starts the primary and the enabled secondary, each as mail_owner, active once ready. */
    private void startsEveryEnabledInstanceOnceReady() throws InterruptedException {
        machine.run(DPKG, "systemctl", "start", "store.service").ok();
        for (String unit : List.of(PRIMARY, UNIT)) {
            assertEquals("active", show(unit, "ActiveState"), unit + status(unit));
            assertEquals("store", machine.run("ps", "-o", "user=", "-p", show(unit, "MainPID")).ok().out().strip(),
                    unit + " does not run as mail_owner");
            String readiness = show(unit, "ExecStartPost");
            assertTrue(readiness.contains(" -p wait-ready ") && readiness.contains("code=exited ; status=0 }"), readiness);
            awaitJournal(unit, ": info: ready: ");
        }
    }

    private void deliverOverLmtp() {
        machine.run("storeadm", "-c", "/etc/" + SECONDARY, "domain", "add", "example.com").ok();
        machine.run("storeadm", "-c", "/etc/" + SECONDARY, "-d", "example.com", "mailbox", "user-add", "joe").ok();
        machine.run("python3", "-c", "import smtplib, sys\n"
                + "lmtp = smtplib.LMTP(sys.argv[1])\n"
                + "refused = lmtp.sendmail('ann@example.org', ['joe@example.com'], b'Subject: systemd\\r\\n\\r\\nhello\\r\\n')\n"
                + "lmtp.quit()\n"
                + "sys.exit(1 if refused else 0)\n", "/var/spool/" + SECONDARY + "/private/lmtp").ok();
    }

    /**
     * {@code systemctl reload store} reaches every instance (ReloadPropagatedFrom=); a main.cf
     * with a mistake fails the reload, logged as an error with its main.cf:LINE, and the
     * instance keeps running.
     */
    private void reloadsAndRefusesAMistakeAsAnError() throws IOException, InterruptedException {
        machine.run("systemctl", "reload", "store.service").ok();
        for (String unit : List.of(PRIMARY, UNIT)) {
            awaitJournal(unit, ": info: reloaded: ");
        }
        Path mainCf = machine.path("/etc/" + SECONDARY + "/main.cf");
        String good = Files.readString(mainCf);
        Files.writeString(mainCf, good + "lmtp_timeout = soon\n");
        int line = (int) good.lines().count() + 1;
        assertNotEquals(0, machine.run("systemctl", "reload", UNIT).exit(), "a reload of a main.cf with a mistake succeeded");
        assertEquals("active", show(UNIT, "ActiveState"), status(UNIT));
        awaitJournal(UNIT, ": error: reload refused: /etc/" + SECONDARY + "/main.cf:" + line + ": lmtp_timeout");
        Files.writeString(mainCf, good);
        machine.run("systemctl", "reload", UNIT).ok();
    }

    /**
     * Each of the daemon's lines is filed under the priority its {@code <N>} prefix named
     * ({@code journalctl -p} selects by it), and the prefix itself is gone.
     */
    private void daemonLinesCarryTheirPriorities() throws InterruptedException {
        awaitJournal(UNIT, "status=delivered");
        List<String> info = daemonLines("-p", "info..info");
        assertTrue(info.stream().anyMatch(l -> l.contains(": info: ready: ")), info.toString());
        assertTrue(info.stream().anyMatch(l -> l.contains("to=<joe@example.com>") && l.contains("status=delivered")), info.toString());
        assertTrue(info.stream().allMatch(l -> l.contains("]: info: ")), info.toString());
        List<String> errors = daemonLines("-p", "emerg..warning");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("]: error: reload refused: "), errors.toString());
        assertTrue(journal(UNIT).stream().noneMatch(l -> l.startsWith("<")), "a priority prefix reached the journal");
        commandLinesCarryTheirPriorities();
    }

    /**
     * The refused reload's lines of the command itself (ExecReload=: storemulti, running
     * storectl): its fatal lines are filed as crit, its warning as warning, none as info.
     */
    private void commandLinesCarryTheirPriorities() {
        List<String> fatal = journal(UNIT, "-p", "crit..crit");
        assertTrue(fatal.stream().anyMatch(l -> l.startsWith(SECONDARY + ": storectl: fatal: reload: ")), fatal.toString());
        assertTrue(fatal.stream().anyMatch(l -> l.startsWith("storemulti: fatal: ")), fatal.toString());
        List<String> warning = journal(UNIT, "-p", "warning..warning");
        assertTrue(warning.stream().anyMatch(l -> l.startsWith("storemulti: warning: instance " + SECONDARY + ": ")),
                warning.toString());
        List<String> info = journal(UNIT, "-p", "info..info");
        assertTrue(info.stream().noneMatch(l -> l.contains(": fatal: ") || l.contains(": warning: ")), info.toString());
    }

    private void manAndBashFindTheInstalledPages() {
        if (Files.isRegularFile(machine.path("/usr/share/man/man1/storemulti.1.gz"))) { // none without asciidoctor
            String page = machine.run("man", "-P", "cat", "storemulti").ok().out();
            assertTrue(page.contains("storemulti") && page.contains("EXIT STATUS"), page);
            assertTrue(machine.run("man", "-P", "cat", "5", "storeconf").ok().out().contains("mail_owner"));
        }
        if (Files.isRegularFile(machine.path("/usr/share/bash-completion/bash_completion"))) { // CI installs it
            String loaded = machine.run("bash", "-c", ". /usr/share/bash-completion/bash_completion\n"
                    + "_completion_loader storeadm\ncomplete -p storeadm").ok().out();
            assertTrue(loaded.contains(" storeadm"), loaded);
        }
    }

    /**
     * Stopped behind systemd's back, the instance stays stopped: its unit ends inactive, not
     * failed and not restarted. Stopped by systemd, it stops as cleanly.
     */
    private void stopsBothThroughSystemdAndBehindItsBack() throws InterruptedException {
        String pid = show(UNIT, "MainPID");
        machine.run("storemulti", "-i", SECONDARY, "-p", "stop").ok();
        assertEquals("inactive/dead/success", settled(UNIT), status(UNIT));
        awaitJournal(UNIT, SECONDARY + "/daemon[" + pid + "]: info: stopped");

        machine.run(DPKG, "systemctl", "start", UNIT).ok();
        pid = show(UNIT, "MainPID");
        machine.run("systemctl", "stop", UNIT).ok();
        assertEquals("inactive/dead/success", settled(UNIT), status(UNIT));
        awaitJournal(UNIT, SECONDARY + "/daemon[" + pid + "]: info: stopped");
    }

    /** {@code dpkg -r} (prerm) has systemd stop what it runs, and waits for it: no unit left active or failed. */
    private void removingThePackageStopsTheInstancesThroughSystemd() throws InterruptedException {
        String pid = show(PRIMARY, "MainPID");
        machine.run(DPKG, "dpkg", "-r", "storemulti").ok();
        assertEquals("", machine.run("systemctl", "list-units", "--all", "--plain", "--no-legend", "--state=active,failed",
                "store.service", "store@*").ok().out().strip(), "dpkg -r left units active or failed");
        awaitJournal(PRIMARY, "store/daemon[" + pid + "]: info: stopped");
    }

    /** {@code unit}'s journal, message text only, with {@code options} ({@code -p ...}). */
    private List<String> journal(String unit, String... options) {
        List<String> command = new ArrayList<>(List.of("journalctl", "--no-pager", "-o", "cat", "-u", unit));
        command.addAll(List.of(options));
        return machine.run(command.toArray(String[]::new)).ok().out().lines().toList();
    }

    /**
     * {@code unit}'s journal once a line holds {@code text}: the daemon's standard error
     * reaches the journal on its own time, after the command that made it returned.
     */
    private List<String> awaitJournal(String unit, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<String> lines = journal(unit);
            if (lines.stream().anyMatch(l -> l.contains(text))) {
                return lines;
            }
            assertTrue(System.nanoTime() < deadline, "no line with " + text + " in the journal of " + unit + ":\n"
                    + String.join("\n", lines));
            Thread.sleep(100); // polling the journal, bounded by the deadline
        }
    }

    /** The secondary daemon's own lines in its unit's journal (not systemd's, not the commands'), with {@code options}. */
    private List<String> daemonLines(String... options) {
        return journal(UNIT, options).stream().filter(l -> l.matches(SECONDARY + "/\\w+\\[\\d+\\]: .*")).toList();
    }

    /**
     * ActiveState/SubState/Result of {@code unit} once it is neither running nor stopping: a
     * restart systemd scheduled shows as activating/auto-restart at once.
     */
    private String settled(String unit) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String state = String.join("/", show(unit, "ActiveState"), show(unit, "SubState"), show(unit, "Result"));
            if (!state.startsWith("active/") && !state.startsWith("deactivating/") && !state.startsWith("reloading/")) {
                return state;
            }
            assertTrue(System.nanoTime() < deadline, unit + " still " + state + status(unit));
            Thread.sleep(100); // polling systemd's state, bounded by the deadline
        }
    }

    private String show(String unit, String property) {
        return machine.run("systemctl", "show", "-P", property, unit).ok().out().strip();
    }

    private String status(String unit) {
        return "\n" + machine.run("systemctl", "status", "--no-pager", "-l", "-n", "30", unit).out();
    }

    /** Powers the copy off (nothing of it stays) and lets the next test install. */
    @AfterEach
    void powerOff() throws Exception {
        try {
            if (machine != null) {
                machine.close();
            }
        } finally {
            if (machineLock != null) {
                machineLock.close();
            }
        }
    }
}
