package org.storemulti.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.storemulti.config.InstanceConfig;
import org.storemulti.config.MainCf;
import org.storemulti.manager.StoreMulti;
import org.storemulti.testing.FileSystemsUnderTest;


/**
 * A primary instance laid out like the README sandbox under one root, on jimfs or on a
 * real directory: {@code ROOT/etc/store} (main.cf), {@code ROOT/var/spool/store},
 * {@code ROOT/var/lib/store}, {@code ROOT/bin} (commands), {@code ROOT/share} (main.cf.proto).
 * {@link #run} runs {@code storemulti -c ROOT/etc/store ARGS} in this JVM.
 */
public final class InstanceSet {

    /** What a run printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    private final FileSystem fileSystem;
    private final Path root;
    private Map<String, String> environment = Map.of();

    private InstanceSet(FileSystem fileSystem, Path root) {
        this.fileSystem = fileSystem;
        this.root = root;
        layOut();
    }

    /** A fresh set in a directory of its own on the in-memory Unix file system of the tests. */
    public static InstanceSet onJimfs() {
        return on(FileSystemsUnderTest.jimfs().resolve("sandbox"));
    }

    /** A fresh set under {@code directory} on the real file system. */
    public static InstanceSet on(Path directory) {
        return new InstanceSet(directory.getFileSystem(), directory.toAbsolutePath());
    }

    /** The checkout this test runs from ({@code storemulti.checkout}, else the parent of the module). */
    public static Path checkout() {
        String property = System.getProperty("storemulti.checkout");
        Path dir = property != null ? Path.of(property) : Path.of("..").toAbsolutePath().normalize();
        return dir.toAbsolutePath().normalize();
    }

    private void layOut() {
        try {
            for (String dir : List.of("etc/store", "var/spool/store", "var/lib/store", "bin", "share")) {
                Files.createDirectories(root.resolve(dir));
            }
            Path proto = checkout().resolve("templates/main.cf.proto");
            String protoText = Files.isRegularFile(proto) ? Files.readString(proto) : "# main.cf.proto\n";
            Files.writeString(root.resolve("share/main.cf.proto"), protoText);
            Files.writeString(primary().resolve("main.cf"), String.join("\n",
                    "# primary main.cf for tests",
                    "queue_directory = " + root.resolve("var/spool/store"),
                    "data_directory = " + root.resolve("var/lib/store"),
                    "command_directory = " + root.resolve("bin"),
                    "daemon_directory = " + root.resolve("bin"),
                    "meta_directory = " + root.resolve("share"),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    public Path root() {
        return root;
    }

    public Path primary() {
        return root.resolve("etc/store");
    }

    /** {@code ROOT/relative}. */
    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** The environment the next runs see (default: empty). */
    public InstanceSet environment(Map<String, String> env) {
        this.environment = env;
        return this;
    }

    /** Runs {@code storemulti -c PRIMARY args...} in this JVM. */
    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", primary().toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StoreMulti.run(new StoreMulti(environment, fileSystem), new PrintWriter(out, true),
                new PrintWriter(err, true), all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs and requires exit 0. */
    public Result ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("storemulti " + String.join(" ", args) + " exited " + r.exit() + ": " + r.err());
        }
        return r;
    }

    /** The primary's multi_instance_directories, as written. */
    public List<String> directories() {
        return InstanceConfig.words(mainCf(primary()).value("multi_instance_directories").orElse(""));
    }

    /** The main.cf in {@code configDirectory}. */
    public MainCf mainCf(Path configDirectory) {
        return MainCf.read(configDirectory.resolve("main.cf"));
    }

    /** Writes {@code text} to {@code ROOT/relative}, making parents. */
    public Path write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
