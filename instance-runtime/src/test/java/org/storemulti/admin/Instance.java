package org.storemulti.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.store.Store;

import picocli.CommandLine;

/** A store instance in a temporary directory, and storeadm run in-process against it. */
final class Instance {

    record Result(int status, String out, String err) {
    }

    final Path configDirectory;
    final Path dataDirectory;

    Instance(Path root, String... mainCfLines) {
        configDirectory = root.resolve("config");
        dataDirectory = root.resolve("data");
        try {
            Files.createDirectories(configDirectory);
            List<String> lines = new ArrayList<>(List.of("data_directory = " + dataDirectory,
                    "queue_directory = " + root.resolve("queue"), "default_domain = example.com"));
            lines.addAll(List.of(mainCfLines));
            Files.write(configDirectory.resolve("main.cf"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** storeadm -c CONFIG ARGS. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", configDirectory.toString()));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** storeadm ARGS, nothing added. */
    static Result raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = StoreAdm.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /** storeadm -c CONFIG ARGS with {@code input} on standard input. */
    Result withInput(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** Runs storeadm and requires success; returns its output. */
    String ok(String... args) {
        Result r = run(args);
        if (r.status() != 0 || !r.err().isEmpty()) {
            throw new AssertionError("storeadm " + String.join(" ", args) + " failed: " + r);
        }
        return r.out();
    }

    /** The store itself, for checks storeadm does not print. */
    Store open() {
        return Store.open(dataDirectory);
    }
}
