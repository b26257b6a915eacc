package org.storemulti.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;
import org.storemulti.testing.ProcessRun;

/**
 * The Debian package the build made, on this machine: lintian finds no error in it; and,
 * as root on Debian, it installs, runs an instance with the installed commands (created,
 * started, mail delivered over LMTP), its units pass {@code systemd-analyze verify}, and
 * {@code dpkg -r} then {@code dpkg -P} leave nothing of what it made but a secondary
 * instance's directories (named as left). The machine is left as found: the test refuses to
 * start where storemulti is installed or /etc/store exists, and removes what it made.
 */
class DebianPackageIT {

    private static final Path TARGET = InstanceSet.checkout().resolve("instance-manager/target");
    private static final Duration DPKG = Duration.ofMinutes(5);
    /** The secondary instance this test creates: a name no real install would use. */
    private static final String SECONDARY = "store-debiantest";
    private static final List<Path> SECONDARY_DIRECTORIES = List.of(Path.of("/etc", SECONDARY),
            Path.of("/var/spool", SECONDARY), Path.of("/var/lib", SECONDARY));
    /** What the package makes besides the files dpkg lists. */
    private static final List<Path> MADE = List.of(Path.of("/etc/store"), Path.of("/var/spool/store"),
            Path.of("/var/lib/store"), Path.of("/var/lib/storemulti"), Path.of("/usr/share/storemulti"),
            Path.of("/usr/share/doc/storemulti"));

    @TempDir
    Path temp;

    private PackageTestLock machineLock;
    /** Set just before the test installs: from then on, {@link #leaveTheMachineAsFound} cleans up. */
    private boolean touched;
    private boolean storeUserExisted;
    private boolean storeGroupExisted;

    /** The package {@code mvn package} built. */
    static Path debianPackage() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("storemulti_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no storemulti_VERSION_all.deb in " + TARGET + ": run mvn package"));
        }
    }

    private static ProcessRun run(String... command) {
        return ProcessRun.run(List.of(command), Map.of(), DPKG);
    }

    @Test
    void lintianFindsNoErrorInThePackage() throws IOException {
        assumeTrue(ProcessRun.onPath("lintian").isPresent(), "lintian is not installed (apt-get install lintian)");
        ProcessRun lintian = run("lintian", "--no-cfg", debianPackage().toString());
        List<String> errors = lintian.out().lines().filter(l -> l.startsWith("E:")).toList();
        assertEquals(List.of(), errors, lintian.out());
        assertEquals(0, lintian.exit(), lintian.out() + lintian.err());
    }

    @Test
    void theInstalledPackageRunsAnInstanceAndPurgingLeavesOnlyTheSecondarysDirectories() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
        assumeTrue(Files.isRegularFile(Path.of("/etc/debian_version")) && ProcessRun.onPath("dpkg").isPresent(),
                "not a Debian system");
        assumeTrue(ProcessRun.onPath("python3").isPresent(), "python3 is not installed (the LMTP client)");
        assumeTrue(ProcessRun.onPath("systemd-analyze").isPresent(), "systemd-analyze is not installed (apt-get install systemd)");
        refuseToTouchWhatItDidNotMake();
        run("dpkg", "-i", debianPackage().toString()).ok();
        List<Path> packaged = packagedFiles();
        installedLayout();

        run("storemulti", "-e", "init").ok();
        run("storemulti", "-e", "create", "-I", SECONDARY).ok();
        run("storemulti", "-i", SECONDARY, "-e", "enable").ok();
        run("storemulti", "-p", "start").ok();
        Path config = Path.of("/etc", SECONDARY);
        String pid = Files.readString(Path.of("/var/spool", SECONDARY, "pid/master.pid")).strip().split("\\s+")[0];
        assertEquals("store", run("ps", "-o", "user=", "-p", pid).ok().out().strip(), "the daemon runs as mail_owner");
        String maps = Files.readString(Path.of("/proc", pid, "maps"));
        assertTrue(maps.contains("/usr/share/storemulti/lib/storemulti-daemon.jsa"), "the daemon maps no archive postinst dumped");
        assertTrue(maps.contains("/usr/share/storemulti/lib/sqlite-native/"), "the daemon maps no SQLite library postinst unpacked");

        run("storeadm", "-c", config.toString(), "domain", "add", "example.com").ok();
        run("storeadm", "-c", config.toString(), "-d", "example.com", "mailbox", "user-add", "joe").ok();
        run("python3", "-c", "import smtplib, sys\n"
                + "lmtp = smtplib.LMTP(sys.argv[1])\n"
                + "refused = lmtp.sendmail('ann@example.org', ['joe@example.com'], b'Subject: installed\\r\\n\\r\\nhello\\r\\n')\n"
                + "lmtp.quit()\n"
                + "sys.exit(1 if refused else 0)\n", Path.of("/var/spool", SECONDARY, "private/lmtp").toString()).ok();
        assertTrue(run("storeadm", "-c", config.toString(), "mailbox", "status", "joe@example.com").ok().out()
                .startsWith("messages=1 "), "the message did not arrive");

        unitsPassVerify();
        completionOffersTheInstalledInstances();
        logrotateRotatesTheRunningDaemonsLogs();

        // installed again over itself (dpkg's upgrade path): configuration, mail and daemons stay
        run("dpkg", "-i", debianPackage().toString()).ok();
        assertTrue(Files.readString(Path.of("/etc/store/main.cf")).contains("multi_instance_directories"),
                "the upgrade replaced the edited main.cf");
        run("storemulti", "-i", SECONDARY, "-p", "status").ok();
        assertTrue(run("storeadm", "-c", config.toString(), "mailbox", "status", "joe@example.com").ok().out()
                .startsWith("messages=1 "), "the upgrade lost the message");

        ProcessRun remove = run("dpkg", "-r", "storemulti").ok();
        assertFalse(Files.exists(Path.of("/proc", pid)) && !zombie(pid), "dpkg -r left the daemon running");
        for (Path file : packaged) {
            if (!file.startsWith("/etc")) { // conffiles stay until purge
                assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), "dpkg -r left " + file + "\n" + remove.out());
            }
        }
        assertTrue(Files.isRegularFile(LOGROTATE), "dpkg -r removed the conffile " + LOGROTATE);
        assertFalse(Files.exists(Path.of("/usr/share/storemulti")), "dpkg -r left what postinst made in /usr/share/storemulti");
        assertTrue(Files.isRegularFile(Path.of("/etc/store/main.cf")), "dpkg -r removed the configuration");
        assertTrue(Files.isRegularFile(Path.of("/var/lib", SECONDARY, "store.db")), "dpkg -r removed mail");

        ProcessRun purge = run("dpkg", "-P", "storemulti").ok();
        for (Path dir : MADE) {
            assertFalse(Files.exists(dir), "dpkg -P left " + dir);
        }
        assertFalse(Files.exists(LOGROTATE), "dpkg -P left " + LOGROTATE);
        for (Path dir : SECONDARY_DIRECTORIES) {
            assertTrue(Files.isDirectory(dir), "dpkg -P removed the secondary's " + dir);
        }
        assertTrue(purge.err().contains("left the instance in /etc/" + SECONDARY), purge.err());
        assertTrue(purge.err().contains("left the user store"), "with a secondary left, the user must stay: " + purge.err());
    }

    @Test
    void aChangedJavaGetsNewArchivesAndPurgingAnUnusedInstallRemovesTheUserItMade() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
        assumeTrue(Files.isRegularFile(Path.of("/etc/debian_version")) && ProcessRun.onPath("dpkg").isPresent(),
                "not a Debian system");
        refuseToTouchWhatItDidNotMake();
        run("dpkg", "-i", debianPackage().toString()).ok();
        List<Path> packaged = packagedFiles();
        // what a Java package's upgrade does: touch /usr/lib/jvm, which the package watches
        Path archive = Path.of("/usr/share/storemulti/lib/storemulti.jsa");
        Files.delete(archive);
        run("dpkg-trigger", "--no-await", "/usr/lib/jvm").ok();
        run("dpkg", "--triggers-only", "--pending").ok();
        assertTrue(Files.isRegularFile(archive), "the trigger on /usr/lib/jvm dumped no archive");
        ProcessRun purge = run("dpkg", "-P", "storemulti").ok();

        for (Path file : packaged) {
            assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), "dpkg -P left " + file);
        }
        for (Path dir : MADE) {
            assertFalse(Files.exists(dir), "dpkg -P left " + dir);
        }
        assertEquals(storeUserExisted, run("getent", "passwd", "store").exit() == 0,
                "the user store should be there exactly when it was before: " + purge.err());
    }

    /** Fails where the test could destroy what it did not make; from then on it cleans up after itself. */
    private void refuseToTouchWhatItDidNotMake() throws IOException {
        machineLock = PackageTestLock.take();
        assertTrue(run("dpkg-query", "-W", "storemulti").exit() != 0,
                "storemulti is known to dpkg on this machine; the test would remove it: dpkg -P storemulti first");
        for (Path dir : List.of(Path.of("/etc/store"), Path.of("/var/spool/store"), Path.of("/var/lib/store"))) {
            assertFalse(Files.exists(dir), dir + " exists on this machine; the test would remove it");
        }
        for (Path dir : SECONDARY_DIRECTORIES) {
            assertFalse(Files.exists(dir), dir + " exists on this machine; the test would remove it");
        }
        storeUserExisted = run("getent", "passwd", "store").exit() == 0;
        storeGroupExisted = run("getent", "group", "store").exit() == 0;
        touched = true;
    }

    /** The non-directory paths dpkg lists for the installed package. */
    private static List<Path> packagedFiles() {
        List<Path> files = new ArrayList<>();
        for (String line : run("dpkg", "-L", "storemulti").ok().out().lines().toList()) {
            Path p = Path.of(line);
            if (line.startsWith("/") && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                files.add(p);
            }
        }
        assertTrue(files.size() > 30, "dpkg -L lists only " + files);
        return files;
    }

    private static void installedLayout() throws IOException {
        for (String command : List.of("storemulti", "storectl", "storeconf", "storeadm")) {
            assertTrue(Files.isExecutable(Path.of("/usr/sbin", command)), "/usr/sbin/" + command);
            assertTrue(Files.isRegularFile(Path.of("/usr/share/bash-completion/completions", command)), command + " completion");
        }
        Path lib = Path.of("/usr/share/storemulti/lib");
        assertTrue(Files.isRegularFile(lib.resolve("storemulti.jsa")), "postinst dumped no launcher archive");
        assertTrue(Files.isRegularFile(lib.resolve("storemulti-daemon.jsa")), "postinst dumped no daemon archive");
        String conffiles = run("dpkg-query", "-W", "-f", "${Conffiles}", "storemulti").ok().out();
        assertTrue(conffiles.contains("/etc/store/main.cf"), "/etc/store/main.cf is not a conffile");
        assertTrue(conffiles.contains(LOGROTATE.toString()), LOGROTATE + " is not a conffile");
        assertTrue(Files.readString(Path.of("/etc/store/main.cf")).contains("\nmail_owner = store\n"));
        assertEquals("store", Files.getOwner(Path.of("/var/spool/store")).getName());
        assertEquals("store", Files.getOwner(Path.of("/var/lib/store")).getName());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/var/lib/store"))));
        for (String unit : List.of("store.service", "store@.service")) {
            assertTrue(Files.isRegularFile(Path.of("/usr/lib/systemd/system", unit)), unit);
        }
        assertTrue(Files.isExecutable(Path.of("/usr/lib/systemd/system-generators/store-generator")));
        if (Files.isDirectory(MAN_PAGES)) {
            for (String page : List.of("storemulti", "storectl", "storeconf", "storeadm")) {
                assertTrue(run("man", "-w", page).ok().out().strip().equals("/usr/share/man/man1/" + page + ".1.gz"), page);
            }
            assertEquals("/usr/share/man/man5/storeconf.5.gz", run("man", "-w", "5", "storeconf").ok().out().strip());
        }
        String changelog = new String(new GZIPInputStream(Files.newInputStream(
                Path.of("/usr/share/doc/storemulti/changelog.gz"))).readAllBytes());
        String version = run("dpkg-query", "-W", "-f", "${Version}", "storemulti").ok().out().strip();
        assertTrue(changelog.startsWith("storemulti (" + version + ") "), "the changelog is not of " + version + ": " + changelog);
    }

    private static final Path MAN_PAGES = TARGET.resolve("packaging/share/man");
    private static final Path LOGROTATE = Path.of(LogrotateSnippet.PATH);

    /**
     * The installed snippet run by logrotate (when installed) against the running daemons:
     * each daemon_log_file renamed, and the postrotate reload makes each daemon start a new one,
     * its own (mail_owner's, 0600).
     */
    private void logrotateRotatesTheRunningDaemonsLogs() throws IOException {
        if (ProcessRun.onPath("logrotate").isEmpty()) {
            return; // CI installs it (.ci/run); without it, the snippet's syntax goes unchecked here
        }
        run("logrotate", "-f", "-s", temp.resolve("logrotate.state").toString(), LOGROTATE.toString()).ok();
        for (Path pid : List.of(Path.of("/var/spool/store/pid"), Path.of("/var/spool", SECONDARY, "pid"))) {
            assertTrue(Files.readString(pid.resolve("daemon.log.1")).contains(": info: ready: "), pid.toString());
            Path fresh = pid.resolve("daemon.log");
            assertTrue(Files.readString(fresh).contains(": info: reloaded: "), fresh.toString());
            assertEquals("store", Files.getOwner(fresh).getName(), fresh.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        }
    }

    /** The installed units and those the installed generator writes: verify says nothing. */
    private void unitsPassVerify() throws IOException {
        Path generated = temp.resolve("generator");
        Files.createDirectories(generated);
        run("/usr/lib/systemd/system-generators/store-generator", generated.toString()).ok();
        assertTrue(Files.isSymbolicLink(generated.resolve("store.service.wants/store@" + SECONDARY + ".service")),
                "the generator wants no unit for the enabled secondary");
        assertTrue(Files.readString(generated.resolve("store@" + SECONDARY + ".service.d/mail-owner.conf"))
                .contains("User=store"));
        ProcessRun installed = ProcessRun.run(List.of("systemd-analyze", "verify", "/usr/lib/systemd/system/store.service",
                "store@-.service", "store@" + SECONDARY + ".service"), Map.of("SYSTEMD_LOG_COLOR", "0"), DPKG);
        assertEquals("", installed.out() + installed.err(), "systemd-analyze verify of the installed units");
        assertEquals(0, installed.exit());
        ProcessRun fromGenerator = ProcessRun.run(List.of("systemd-analyze", "verify",
                generated.resolve("store.service").toString(),
                generated.resolve("store.service.wants/store@-.service").toString(),
                generated.resolve("store.service.wants/store@" + SECONDARY + ".service").toString()),
                Map.of("SYSTEMD_LOG_COLOR", "0", "SYSTEMD_UNIT_PATH", generated + ":"), DPKG);
        assertEquals("", fromGenerator.out() + fromGenerator.err(), "systemd-analyze verify of the generated units");
        assertEquals(0, fromGenerator.exit());
    }

    private static void completionOffersTheInstalledInstances() {
        ProcessRun run = run("bash", "--norc", "--noprofile", "-c",
                "compopt() { :; }\n" // as in CompletionIT: only bash's own completion may run it
                        + "source /usr/share/bash-completion/completions/storemulti\n"
                        + "COMP_WORDS=(storemulti -i store-deb); COMP_CWORD=2\n"
                        + "_storemulti_complete storemulti store-deb -i\n"
                        + "printf '%s\\n' \"${COMPREPLY[@]}\"").ok();
        assertEquals(SECONDARY, run.out().strip());
    }

    private static boolean zombie(String pid) {
        ProcessRun ps = run("ps", "-o", "stat=", "-p", pid);
        return ps.exit() != 0 || ps.out().strip().startsWith("Z");
    }

    /** Whatever happened, once the test installed, the machine is left as the test found it. */
    @AfterEach
    void leaveTheMachineAsFound() throws IOException {
        try {
            if (touched) {
                cleanUp();
            }
        } finally {
            if (machineLock != null) {
                machineLock.close();
            }
        }
    }

    private void cleanUp() {
        if (run("dpkg-query", "-W", "storemulti").exit() == 0) {
            if (Files.isExecutable(Path.of("/usr/sbin/storemulti"))) {
                run("storemulti", "-p", "stop");
            }
            run("dpkg", "-P", "storemulti");
        }
        for (Path dir : SECONDARY_DIRECTORIES) {
            if (Files.exists(dir)) {
                run("rm", "-rf", "--one-file-system", dir.toString());
            }
        }
        if (!storeUserExisted && run("getent", "passwd", "store").exit() == 0) {
            run("deluser", "--system", "--quiet", "store");
        }
        if (!storeGroupExisted && run("getent", "group", "store").exit() == 0) {
            run("delgroup", "--system", "--quiet", "store");
        }
    }
}
