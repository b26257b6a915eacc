package org.storemulti.queue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.storemulti.store.Store;

import picocli.CommandLine;

/**
 * The queue command run through picocli in this JVM, as storeadm runs it: exit status and
 * both outputs; and the instances it runs on.
 */
record QueueCli(int status, String out, String err) {

    /**
     * An instance under {@code dir/name}: {@code etc/main.cf} with its queue in {@code spool}
     * and its store in {@code data}, whose domain example.com has {@code users}. Returns the
     * configuration directory.
     */
    static Path instance(Path dir, String name, String... users) throws IOException {
        Path config = Files.createDirectories(dir.resolve(name).resolve("etc"));
        Files.writeString(config.resolve("main.cf"), "queue_directory = " + dir.resolve(name).resolve("spool") + "\n"
                + "data_directory = " + dir.resolve(name).resolve("data") + "\n");
        try (Store store = Store.open(dir.resolve(name).resolve("data"))) {
            store.domains().add("example.com");
            for (String user : users) {
                store.mailboxes().addUser("example.com", user);
            }
        }
        return config;
    }

    /** {@code queue ARGS} with {@code stdin} as standard input and {@code clock} as the time. */
    static QueueCli run(Clock clock, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QueueCommand.commandLine(new QueueCommand(clock,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new QueueCli(status, out.toString(), err.toString());
    }
}
