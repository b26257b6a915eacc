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
 * is refused, logged as an error), {@code systemctl stop} and {@code dpkg -r} stop cleanly.
 * Man pages and completion are found by {@code man} and bash-completion's loader. What
 * DebianPackageIT checks on the host (layout, purge, generator output) is not repeated.
 */
class SystemdUnitsIT {

    private static final String SECONDARY = "store-systemdtest";
    private static final String UNIT = "store@" + SECONDARY + ".service";
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
        machine.run(DPKG, "dpkg", "-i", "/tmp/storemulti.deb").ok();
        assertEquals("generated", show("store.service", "UnitFileState"),
                "postinst's daemon-reload did not run the generator");
        machine.run("storemulti", "-e", "init").ok();
        machine.run("storemulti", "-e", "create", "-I", SECONDARY).ok();
        machine.run("storemulti", "-i", SECONDARY, "-e", "enable").ok();
        machine.run("systemctl", "daemon-reload").ok();

        machine.run(DPKG, "systemctl", "start", "store.service").ok();
        for (String unit : List.of("store@-.service", UNIT)) {
            assertEquals("active", machine.run("systemctl", "is-active", unit).out().strip(), unit + " " + status(unit));
            String pid = show(unit, "MainPID");
            assertEquals("store", machine.run("ps", "-o", "user=", "-p", pid).ok().out().strip(), unit + " runs as mail_owner");
        }
        // active only after ExecStartPost (storectl wait-ready) saw the daemon ready
        List<String> started = journal("-o", "cat");
        assertTrue(indexOf(started, ": info: ready: ") < indexOf(started, "Started " + UNIT), String.join("\n", started));

        deliverOverLmtp();
        assertTrue(machine.run("storeadm", "-c", "/etc/" + SECONDARY, "mailbox", "status", "joe@example.com").ok().out()
                .startsWith("messages=1 "), "the message did not arrive");

        reloadsAndRefusesAMistakeAsAnError();
        daemonLinesCarryTheirPriorities();
        manAndBashFindTheInstalledPages();

        // stopped behind systemd's back, it stays stopped: the unit ends inactive, not failed, and is not restarted
        machine.run("storemulti", "-i", SECONDARY, "-p", "stop").ok();
        assertEquals("inactive/dead/success", settled(UNIT), status(UNIT));
        assertTrue(journal("-o", "cat").contains(SECONDARY + "/daemon[" + daemonPid(started) + "]: info: stopped"),
                "the daemon did not log its stop");

        machine.run(DPKG, "systemctl", "start", UNIT).ok();
        machine.run("systemctl", "stop", UNIT).ok();
        assertEquals("inactive/dead/success", settled(UNIT), status(UNIT));
        List<String> daemon = daemonLines();
        assertTrue(daemon.get(daemon.size() - 1).endsWith(": info: stopped"), "the daemon's last line: " + daemon);

        // dpkg -r stops what systemd runs through systemd, and waits for it
        machine.run(DPKG, "dpkg", "-r", "storemulti").ok();
        assertEquals("", machine.run("systemctl", "list-units", "--all", "--plain", "--no-legend", "--state=active,failed",
                "store.service", "store@*").ok().out().strip(), "dpkg -r left units active or failed");
        assertTrue(machine.run("journalctl", "-u", "store@-.service", "-o", "cat", "--no-pager").ok().out().lines()
                .anyMatch(l -> l.startsWith("store/daemon[") && l.endsWith(": info: stopped")), "the primary did not stop cleanly");
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
    private void reloadsAndRefusesAMistakeAsAnError() throws IOException {
        machine.run("systemctl", "reload", "store.service").ok();
        for (String unit : List.of("store@-.service", UNIT)) {
            assertTrue(machine.run("journalctl", "-u", unit, "-o", "cat", "--no-pager").ok().out().contains(": info: reloaded: "),
                    unit + " was not reloaded");
        }
        Path mainCf = machine.path("/etc/" + SECONDARY + "/main.cf");
        String good = Files.readString(mainCf);
        Files.writeString(mainCf, good + "lmtp_timeout = soon\n");
        int line = (int) good.lines().count() + 1;
        assertNotEquals(0, machine.run("systemctl", "reload", UNIT).exit(), "a reload of a main.cf with a mistake succeeded");
        assertEquals("active", machine.run("systemctl", "is-active", UNIT).out().strip(), status(UNIT));
        List<String> errors = daemonLines("-p", "err..err");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(": error: reload refused: /etc/" + SECONDARY + "/main.cf:" + line + ": lmtp_timeout"),
                errors.get(0));
        Files.writeString(mainCf, good);
        machine.run("systemctl", "reload", UNIT).ok();
    }

    /** Each of the daemon's lines is filed under the priority its {@code <N>} prefix named, and the prefix is gone. */
    private void daemonLinesCarryTheirPriorities() {
        List<String> info = daemonLines("-p", "info..info");
        assertTrue(info.stream().anyMatch(l -> l.contains(": info: ready: ")), info.toString());
        assertTrue(info.stream().anyMatch(l -> l.contains("to=<joe@example.com>") && l.contains("status=delivered")),
                "no delivery line: " + info);
        assertTrue(info.stream().allMatch(l -> l.contains("]: info: ")), info.toString());
        assertEquals(List.of(), daemonLines("-p", "emerg..warning").stream().filter(l -> !l.contains(": error: ")).toList());
        assertTrue(journal("-o", "cat").stream().noneMatch(l -> l.startsWith("<")), "a priority prefix reached the journal");
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

    /** The instance's journal, with {@code options} ({@code -o cat}, {@code -p ...}). */
    private List<String> journal(String... options) {
        List<String> command = new ArrayList<>(List.of("journalctl", "--no-pager", "-u", UNIT));
        command.addAll(List.of(options));
        return machine.run(command.toArray(String[]::new)).ok().out().lines().toList();
    }

    /** The daemon's own lines in the instance's journal (not systemd's, not the commands'), with {@code options}. */
    private List<String> daemonLines(String... options) {
        List<String> all = new ArrayList<>(List.of("-o", "cat"));
        all.addAll(List.of(options));
        return journal(all.toArray(String[]::new)).stream().filter(l -> l.matches(SECONDARY + "/\\w+\\[\\d+\\]: .*")).toList();
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

    private static String daemonPid(List<String> lines) {
        return lines.stream().filter(l -> l.contains(": info: ready: ")).findFirst()
                .map(l -> l.replaceFirst("^[^\\[]*\\[(\\d+)\\].*", "$1")).orElseThrow(() -> new AssertionError(lines));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text + " in\n" + String.join("\n", lines));
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
