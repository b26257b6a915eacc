package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.testing.InstanceSet;

/**
 * The distribution the build makes, unpacked elsewhere: its launchers run, it ships the
 * class data archives and the unpacked SQLite library, its daemons map them, and
 * {@code bin/class-data-archives} dumps the archives again in place (what an install on
 * another Java build does).
 */
class DistributionIT {

    @TempDir
    Path temp;

    @Test
    void anUnpackedDistributionStartsDaemonsThatMapItsOwnArchiveAndCanDumpItAgain() throws Exception {
        Path home = unpack();
        Path daemonArchive = home.resolve("lib/storemulti-daemon.jsa");
        assertTrue(Files.isRegularFile(home.resolve("lib/storemulti.jsa")), "the launchers' archive is shipped");
        assertTrue(Files.isRegularFile(daemonArchive), "the daemons' archive is shipped");

        Object shipped = Files.readAttributes(daemonArchive, BasicFileAttributes.class).fileKey();
        run(home.resolve("bin/class-data-archives").toString());
        assertNotEquals(shipped, Files.readAttributes(daemonArchive, BasicFileAttributes.class).fileKey(),
                "a new archive was renamed into place");
        try (Stream<Path> left = Files.list(home.resolve("lib"))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary dump is left behind");
        }

        Path etc = Files.createDirectories(temp.resolve("i/etc"));
        Files.writeString(etc.resolve("main.cf"), "queue_directory = " + temp.resolve("i/q") + "\n"
                + "data_directory = " + temp.resolve("i/d") + "\n");
        String storectl = home.resolve("bin/storectl").toString();
        run(storectl, "-c", etc.toString(), "set-permissions");
        run(storectl, "-c", etc.toString(), "start");
        try {
            String pid = Files.readString(temp.resolve("i/q/pid/master.pid")).strip().split("\\s+")[0];
            String maps = Files.readString(Path.of("/proc", pid, "maps"));
            assertTrue(maps.contains(daemonArchive.toString()), "the daemon runs without the distribution's archive");
            assertTrue(maps.contains(home.resolve("lib/sqlite-native").toString()),
                    "the daemon extracted its own SQLite library instead of loading the shipped one");
        } finally {
            run(storectl, "-c", etc.toString(), "stop");
        }
    }

    private Path unpack() throws Exception {
        Path target = InstanceSet.checkout().resolve("instance-manager/target");
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution in " + target + ": run mvn package"));
        }
        run("tar", "-xzf", tarball.toString(), "-C", temp.toString());
        String name = tarball.getFileName().toString().replace("-dist.tar.gz", "");
        return temp.resolve(name);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(Arrays.asList(command))).redirectErrorStream(true);
        pb.environment().remove("STORE_CONFIG");
        pb.environment().remove("STOREMULTI_JAVA_OPTS");
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
        return output;
    }
}
