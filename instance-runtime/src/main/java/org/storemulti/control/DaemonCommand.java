package org.storemulti.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.storemulti.cli.Installation;
import org.storemulti.config.InstanceConfig;
import org.storemulti.daemon.DaemonMain;
import org.storemulti.store.data.SqliteLibrary;

/**
 * The command line of a detached daemon JVM: this JVM's {@code java} and class path, options
 * for a small resident process (serial GC, heap from {@code daemon_heap_limit}, C1 only and
 * late except for the IMAP read path, small stacks and metaspace, the shared class archive
 * and the unpacked SQLite library when the build made them), then {@code daemon_java_options}, then {@link DaemonMain}.
 */
final class DaemonCommand {

    /**
     * Compile a method only after five times the usual number of calls: start-up code runs
     * once, and compiling it cost each daemon about 60 ms of CPU (BENCHMARKS.md, parallel
     * start); the methods that stay hot are compiled a little later. Same in bin/.java-launch.
     */
    static final String COMPILE_LATER = "-XX:CompileThresholdScaling=5";

    /**
     * ...except the code a client's commands run through, compiled after a twentieth of the
     * usual calls and loop turns: the IMAP session, the engine's messages and MIME, password
     * hashes, the database layer and SQLite's driver, and the JDK's file and socket channels.
     * A command walks its 2,000-message loop once, and most of the rest runs once a command,
     * so at the late threshold a fresh daemon ran its first hundred or more commands partly
     * interpreted (SEARCH 1-3 ms instead of 0.3, STORE and LOGIN a fifth slower; BENCHMARKS.md,
     * "IMAP reading, third pass" and "fourth pass"). Start-up runs little of these: a
     * daemon's start measured the same CPU with and without the last six entries. The first
     * entry keeps the JVM from echoing the others into the daemon log.
     */
    static final List<String> COMPILE_EARLY = List.of("-XX:CompileCommand=quiet",
            early("org.storemulti.imap.*"), early("org.storemulti.store.message.*"),
            early("org.storemulti.store.mime.*"), early("org.storemulti.store.auth.*"),
            early("org.storemulti.store.db.*"), early("org.sqlite.*"), early("sun.nio.ch.*"),
            early("sun.nio.fs.*"), early("java.nio.*"));

    /**
     * Archive names beside the jars, in order of preference: the one trained on the daemon
     * alone, then the launchers' one ({@code bin/.java-launch}), which holds the daemon too.
     */
    static final List<String> ARCHIVES = List.of("storemulti-daemon.jsa", "storemulti.jsa");

    private DaemonCommand() {
    }

    private static String early(String classes) {
        return "-XX:CompileCommand=CompileThresholdScaling," + classes + "::*,0.05";
    }

    /**
     * The command line. C1 only: measured against C2 under IMAP load (BENCHMARKS.md, "The
     * daemon's compiler"), C2 checked passwords 6x faster once warm, but competed with the work
     * while it compiled and left the daemon 35-42 MiB larger; daemon_java_options can opt in.
     */
    static List<String> of(InstanceConfig config, boolean verbose) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", COMPILE_LATER, "-Xss256k",
                "-Xmx" + config.number("daemon_heap_limit") + "m", "-Xms8m",
                "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData", "-Xshare:auto"));
        command.addAll(COMPILE_EARLY);
        sharedArchive().ifPresent(a -> command.addAll(List.of("-XX:SharedArchiveFile=" + a,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
        Installation.home().ifPresent(home -> command.add("-D" + Installation.HOME_PROPERTY + "=" + home));
        command.addAll(SqliteLibrary.javaOptions());
        command.addAll(InstanceConfig.words(config.get("daemon_java_options")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DaemonMain.class.getName()));
        if (verbose) {
            command.add("-v");
        }
        command.add(config.configDirectory().toString());
        return command;
    }

    /** The archive to map, when built: in {@code lib/} of a distribution or the manager's target. */
    private static Optional<Path> sharedArchive() {
        return Installation.home().flatMap(home -> ARCHIVES.stream()
                .flatMap(name -> Stream.of(home.resolve("lib").resolve(name),
                        home.resolve("instance-manager/target").resolve(name)))
                .filter(Files::isRegularFile).findFirst());
    }
}
