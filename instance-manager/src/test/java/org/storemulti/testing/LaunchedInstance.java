package org.storemulti.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.storemulti.testing.Launchers.Run;

/**
 * A sandbox ({@link InstanceSet} on a real directory) with one secondary instance that the
 * real {@code bin/storemulti} initialized and created, driven through the launchers:
 * storectl, storeadm and storeconf get {@code -c} of the instance, storemulti that of the
 * primary.
 */
public final class LaunchedInstance {

    private final InstanceSet set;
    private final String name;

    private LaunchedInstance(InstanceSet set, String name) {
        this.set = set;
        this.name = name;
    }

    /** {@code storemulti -e init}, then {@code -e create -I name}, under {@code root}. */
    public static LaunchedInstance create(Path root, String name) throws Exception {
        LaunchedInstance instance = of(InstanceSet.on(root), name);
        instance.ok("storemulti", "", "-e", "init");
        instance.ok("storemulti", "", "-e", "create", "-I", name);
        return instance;
    }

    /** The instance {@code name} of {@code set}, made by the caller. */
    public static LaunchedInstance of(InstanceSet set, String name) {
        return new LaunchedInstance(set, name);
    }

    public InstanceSet set() {
        return set;
    }

    /** {@code ROOT/relative}. */
    public Path path(String relative) {
        return set.path(relative);
    }

    /** The instance's config directory. */
    public Path configDirectory() {
        return set.path("etc/" + name);
    }

    /** {@code bin/PROGRAM -c DIR args...}: the primary's directory for storemulti, else the instance's. */
    public List<String> command(String program, String... args) {
        List<String> all = new ArrayList<>(List.of("-c",
                (program.equals("storemulti") ? set.primary() : configDirectory()).toString()));
        all.addAll(List.of(args));
        return Launchers.command(program, all.toArray(String[]::new));
    }

    /** Runs {@link #command} with {@code input} on standard input. */
    public Run run(String program, String input, String... args) throws Exception {
        return Launchers.exec(command(program, args), Map.of(), input);
    }

    /** {@link #run}, requiring exit 0. */
    public Run ok(String program, String input, String... args) throws Exception {
        Run r = run(program, input, args);
        assertEquals(0, r.exit(), program + " " + String.join(" ", args) + ": " + r);
        return r;
    }

    /** Polls {@code storeadm mailbox status ADDRESS} until it starts with {@code prefix} (30 s at most). */
    public void awaitMailbox(String address, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ok("storeadm", "", "mailbox", "status", address).out().startsWith(prefix)) {
            assertTrue(System.nanoTime() < deadline, address + ": no " + prefix + " within 30 s");
            Thread.sleep(100);
        }
    }

    /** {@code storectl abort} when the daemon runs: no JVM outlives a test. */
    public void abortIfRunning() throws Exception {
        if (run("storectl", "", "status").exit() == 0) {
            run("storectl", "", "abort");
        }
    }
}
