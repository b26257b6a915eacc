package org.storemulti.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storemulti.config.ConfigException;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/** What the generated unit files say, on jimfs. */
class UnitContentTest {

    private static final Pattern LEFT_OVER = Pattern.compile("@[A-Z][A-Z_]*@");

    private FileSystem fs;
    private Path out;

    @BeforeEach
    void createFileSystem() {
        fs = Jimfs.newFileSystem(Configuration.unix());
        out = fs.getPath("/run/systemd/generator");
    }

    @AfterEach
    void closeFileSystem() throws IOException {
        fs.close();
    }

    @Test
    void theInstanceUnitRunsTheManagerFromTheCommandDirectoryAgainstThePrimary() throws IOException {
        UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        List<String> unit = lines(out.resolve("store@.service"));
        assertTrue(unit.contains("ExecStart=/usr/sbin/storemulti -c /etc/store -i %i -p start-fg"), unit.toString());
        assertTrue(unit.contains("ExecReload=/usr/sbin/storemulti -c /etc/store -i %i -p reload"));
        assertTrue(unit.contains("ExecStop=-/usr/sbin/storemulti -c /etc/store -i %i -p stop"));
        assertTrue(unit.contains("ExecStartPost=/usr/sbin/storemulti -c /etc/store -i %i -p wait-ready $MAINPID"),
                unit.toString());
        assertTrue(unit.contains("TimeoutStartSec=60"));
    }

    @Test
    void theInstanceUnitDeclaresExecReadinessExitStatusAndItsPlaceUnderStoreService() throws IOException {
        UnitWriter.write(SystemdFixture.install("single", fs.getPath("/")), out);

        List<String> unit = lines(out.resolve("store@.service"));
        for (String line : List.of("Type=exec", "SuccessExitStatus=143", "Restart=on-failure",
                "SyslogIdentifier=store@%i", "PartOf=store.service", "ReloadPropagatedFrom=store.service",
                "Before=store.service")) {
            assertTrue(unit.contains(line), line);
        }
        assertEquals(1, unit.stream().filter(l -> l.startsWith("ExecStartPost=") && l.contains(" -p wait-ready ")).count(),
                "one JVM waits for readiness on the control socket");
    }

    @Test
    void theUmbrellaUnitIsAOneshotThatStaysActiveAndIsWantedByMultiUser() throws IOException {
        UnitWriter.write(SystemdFixture.install("single", fs.getPath("/")), out);

        List<String> unit = lines(out.resolve("store.service"));
        for (String line : List.of("Type=oneshot", "RemainAfterExit=yes", "ExecStart=/bin/true",
                "ExecReload=/bin/true", "WantedBy=multi-user.target")) {
            assertTrue(unit.contains(line), line);
        }
    }

    @Test
    void noPlaceholderSurvivesGeneration() throws IOException {
        UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        for (String unit : List.of("store.service", "store@.service")) {
            String text = SystemdFixture.read(out.resolve(unit));
            assertFalse(LEFT_OVER.matcher(text).find(), unit + ":\n" + text);
        }
    }

    @Test
    void pathsAndTimeoutComeFromThePrimarysMainCf() throws IOException {
        Path primary = SystemdFixture.install("single", fs.getPath("/"));
        SystemdFixture.set(primary, "command_directory", "/opt/store/../store/bin");
        SystemdFixture.set(primary, "daemon_start_timeout", "2m");

        UnitWriter.write(primary, out);

        List<String> unit = lines(out.resolve("store@.service"));
        assertTrue(unit.contains("ExecStart=/opt/store/bin/storemulti -c /etc/store -i %i -p start-fg"), unit.toString());
        assertTrue(unit.contains("ExecStartPost=/opt/store/bin/storemulti -c /etc/store -i %i -p wait-ready $MAINPID"));
        assertTrue(unit.contains("TimeoutStartSec=150"));
    }

    @Test
    void anInstanceThatSetsMailOwnerRunsAsItThroughADropInThatGoesWhenMailOwnerDoes() throws IOException {
        Path primary = SystemdFixture.install("multi", fs.getPath("/"));
        SystemdFixture.set(primary, "mail_owner", "store");
        SystemdFixture.set(fs.getPath("/etc/store-c"), "mail_owner", "tenant-c");
        SystemdFixture.set(fs.getPath("/etc/store-b"), "mail_owner", "tenant-b");
        UnitWriter.write(primary, out);

        assertEquals("# mail_owner of this instance's main.cf, written by storemulti --systemd-units\n"
                + "[Service]\nUser=tenant-c\n", SystemdFixture.read(out.resolve("store@store-c.service.d/mail-owner.conf")));
        assertTrue(lines(out.resolve("store@-.service.d/mail-owner.conf")).contains("User=store"));
        assertFalse(Files.exists(out.resolve("store@store-a.service.d")), "store-a sets no mail_owner");
        assertFalse(Files.exists(out.resolve("store@store-b.service.d")), "store-b is disabled: no unit, no drop-in");
        assertFalse(lines(out.resolve("store@.service")).stream().anyMatch(l -> l.startsWith("User=")));

        Files.writeString(out.resolve("store@store-c.service.d/local.conf"), "[Service]\nNice=5\n");
        SystemdFixture.set(fs.getPath("/etc/store-c"), "mail_owner", "");
        SystemdFixture.set(primary, "mail_owner", "");
        UnitWriter.write(primary, out);
        assertFalse(Files.exists(out.resolve("store@store-c.service.d/mail-owner.conf")));
        assertTrue(Files.exists(out.resolve("store@store-c.service.d/local.conf")), "an operator's own drop-in stays");
        assertFalse(Files.exists(out.resolve("store@-.service.d")), "an emptied drop-in directory goes");
    }

    @Test
    void aPercentOrDollarInAPathReachesTheCommandLiterally() throws IOException {
        Path primary = SystemdFixture.install("single", fs.getPath("/"));
        SystemdFixture.set(primary, "command_directory", "/opt/100%/$$bin");

        UnitWriter.write(primary, out);

        assertTrue(lines(out.resolve("store@.service"))
                .contains("ExecStart=/opt/100%%/$$bin/storemulti -c /etc/store -i %i -p start-fg"));
    }

    @Test
    void aPathWithWhiteSpaceIsRefusedNamingTheMainCfLine() throws IOException {
        Path primary = SystemdFixture.install("single", fs.getPath("/"));
        SystemdFixture.set(primary, "command_directory", "/opt/my store/bin");

        ConfigException e = assertThrows(ConfigException.class, () -> UnitWriter.write(primary, out));

        assertEquals("/etc/store/main.cf:5: command_directory = /opt/my store/bin: "
                + "systemd units cannot use a path with white space, quotes or backslashes", e.getMessage());
        assertFalse(Files.exists(out.resolve("store@.service")));
    }

    @Test
    void anUnknownPlaceholderInATemplateIsAnErrorNamingItsLine() throws IOException {
        Path primary = SystemdFixture.install("single", fs.getPath("/"));
        Files.writeString(fs.getPath("/usr/share/storemulti/systemd/store.service"),
                "[Unit]\nDescription=x\n[Service]\nExecStart=@BINDIR@/x\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> UnitWriter.write(primary, out));

        assertEquals("/usr/share/storemulti/systemd/store.service:4: unknown placeholder @BINDIR@", e.getMessage());
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
