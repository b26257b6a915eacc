package org.storemulti.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/** Which {@code store.service.wants/} links the generator makes, on jimfs. */
class UnitWriterTest {

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
    void linksExactlyTheEnabledInstancesWithThePrimaryAsStoreDash() throws IOException {
        UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        assertEquals(List.of("store@-.service", "store@store-a.service", "store@store-c.service"), wants());
        assertTrue(Files.isRegularFile(out.resolve("store.service")));
        assertTrue(Files.isRegularFile(out.resolve("store@.service")));
    }

    @Test
    void everyLinkPointsAtTheInstanceTemplateRelatively() throws IOException {
        UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        for (String link : wants()) {
            Path path = out.resolve("store.service.wants").resolve(link);
            assertTrue(Files.isSymbolicLink(path), link);
            assertEquals("../store@.service", Files.readSymbolicLink(path).toString(), link);
            assertEquals(out.resolve("store@.service").toRealPath(), path.toRealPath(), link);
        }
    }

    @Test
    void aNamelessInstanceIsSkippedWithAWarningAndNeverYieldsAnInvalidUnit() throws IOException {
        List<String> warnings = UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        assertFalse(Files.exists(out.resolve("store.service.wants/store@.service"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(warnings.contains("/etc/store-nameless/main.cf: multi_instance_name is empty (a nameless "
                + "instance has no store@NAME.service; give it a name): no unit for this instance"), warnings.toString());
    }

    @Test
    void anInstanceWithoutMainCfAndADuplicateNameAreSkippedWithOneWarningEach() throws IOException {
        List<String> warnings = UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        assertEquals(List.of(
                "/etc/store-nameless/main.cf: multi_instance_name is empty (a nameless instance has no "
                        + "store@NAME.service; give it a name): no unit for this instance",
                "open /etc/store-gone/main.cf: No such file or directory: no unit for this instance",
                "/etc/store-twin/main.cf:3: multi_instance_name = store-a: another instance has this name: "
                        + "no second unit for it"), warnings);
    }

    @Test
    void aDisabledInstanceGetsNoLinkAndNoWarning() throws IOException {
        List<String> warnings = UnitWriter.write(SystemdFixture.install("multi", fs.getPath("/")), out);

        assertFalse(wants().contains("store@store-b.service"));
        assertTrue(warnings.stream().noneMatch(w -> w.contains("store-b")), warnings.toString());
    }

    @Test
    void singleInstanceModeWantsThePrimaryEvenThoughItIsNotEnabled() throws IOException {
        List<String> warnings = UnitWriter.write(SystemdFixture.install("single", fs.getPath("/")), out);

        assertEquals(List.of("store@-.service"), wants());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aDisabledPrimaryInMultiInstanceModeIsNotWanted() throws IOException {
        UnitWriter.write(SystemdFixture.install("primary-disabled", fs.getPath("/")), out);

        assertEquals(List.of("store@store-a.service"), wants());
    }

    @Test
    void rerunningAfterADisableRemovesThatLinkAndLeavesForeignFilesAlone() throws IOException {
        Path primary = SystemdFixture.install("multi", fs.getPath("/"));
        UnitWriter.write(primary, out);
        Path foreign = Files.writeString(out.resolve("store.service.wants/operator.service"), "[Unit]\n");
        Path foreignLink = Files.createSymbolicLink(out.resolve("store.service.wants/other@x.service"),
                fs.getPath("../other@.service"));

        SystemdFixture.set(fs.getPath("/etc/store-c"), "multi_instance_enable", "no");
        UnitWriter.write(primary, out);

        assertEquals(List.of("operator.service", "other@x.service", "store@-.service", "store@store-a.service"),
                entries(out.resolve("store.service.wants")));
        assertTrue(Files.exists(foreign));
        assertTrue(Files.isSymbolicLink(foreignLink));
    }

    @Test
    void rerunningWithNothingChangedLeavesTheSameTree() throws IOException {
        Path primary = SystemdFixture.install("multi", fs.getPath("/"));
        UnitWriter.write(primary, out);
        String unit = SystemdFixture.read(out.resolve("store@.service"));
        List<String> before = wants();

        UnitWriter.write(primary, out);

        assertEquals(before, wants());
        assertEquals(unit, SystemdFixture.read(out.resolve("store@.service")));
        assertEquals(List.of("store.service", "store.service.wants", "store@.service"), entries(out));
    }

    @Test
    void theTemplatesComeFromMetaDirectoryAndAMissingOneIsNamed() throws IOException {
        Path primary = SystemdFixture.install("single", fs.getPath("/"));
        SystemdFixture.set(primary, "meta_directory", "/opt/store/share");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> UnitWriter.write(primary, out));

        assertEquals("/opt/store/share/systemd/store.service: unit template missing: "
                + "check meta_directory in the primary's main.cf", e.getMessage());
    }

    private List<String> wants() throws IOException {
        return entries(out.resolve("store.service.wants"));
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
