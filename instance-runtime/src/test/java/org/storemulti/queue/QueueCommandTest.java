package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The queue command driven through picocli, as storeadm will run it. */
class QueueCommandTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));


    /** An instance whose store has user ann@example.com, the recipient the tests deliver to. */
    private Path instance(String name) throws IOException {
        return QueueCli.instance(dir, name, "ann");
    }

    private QueueCli run(String stdin, String... args) {
        return QueueCli.run(clock, stdin, args);
    }

    @Test
    void deliverQueuesIntoMaildropAndStatCountsItAsNotYetPreprocessed() throws IOException {
        String a = instance("a").toString();
        QueueCli delivered = run("Subject: hi\n\nhello\n", "-c", a, "deliver", "-f", "joe@example.com", "ann@example.com");
        assertEquals(0, delivered.status(), delivered.err());
        QueueId id = new QueueId(delivered.out().strip());

        QueueCli stat = run("", "-c", a, "stat");
        assertEquals("messages in queue: 1\nmessages in queue but not yet preprocessed: 1\n", stat.out());

        QueueCli list = run("", "-c", a, "list");
        assertTrue(list.out().contains(id + "       ") && list.out().contains("2026-11-23T10:00:00Z maildrop"
                + "  <joe@example.com> -> ann@example.com"), list.out());
    }

    @Test
    void holdReleaseAndDeleteActOnIdsAndReportUnknownOnesOnOneLine() throws IOException {
        String a = instance("a").toString();
        QueueId id = new QueueId(run("x\n", "-c", a, "deliver", "-f", "", "ann@example.com").out().strip());

        assertEquals(0, run("", "-c", a, "hold", id.value()).status());
        assertTrue(run("", "-c", a, "list").out().contains(" hold "));
        assertEquals(0, run("", "-c", a, "release", id.value()).status());
        assertEquals(0, run("", "-c", a, "delete", id.value()).status());
        QueueCli again = run("", "-c", a, "delete", id.value());
        assertEquals(1, again.status());
        assertTrue(again.err().matches("queue: queue .*/spool: " + id + ": no such message\\R"), again.err());
        QueueCli bad = run("", "-c", a, "hold", "nonsense");
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("queue: usage: "), bad.err());
    }

    @Test
    void verifyExitsZeroOnACleanQueueAndOneWhileAProblemRemains() throws IOException {
        Path a = instance("a");
        run("x\n", "-c", a.toString(), "deliver", "ann@example.com");
        assertEquals(0, run("", "-c", a.toString(), "verify").status());
        Path stray = dir.resolve("a/spool/incoming/3/junk");
        Files.writeString(stray, "junk");
        QueueCli found = run("", "-c", a.toString(), "verify");
        assertEquals(1, found.status());
        assertTrue(found.out().contains("junk: not named after a queue ID"), found.out());
        QueueCli repaired = run("", "-c", a.toString(), "verify", "--repair");
        assertEquals(0, repaired.status(), repaired.out());
        assertTrue(repaired.out().endsWith("1 problems, 1 repaired\n"), repaired.out());
    }

    @Test
    void moveSendsMailToTheOtherInstancesIncoming() throws IOException {
        String a = instance("a").toString();
        String b = instance("b").toString();
        QueueId one = new QueueId(run("1\n", "-c", a, "deliver", "ann@example.com").out().strip());
        QueueId two = new QueueId(run("2\n", "-c", a, "deliver", "ann@example.com").out().strip());

        QueueCli moved = run("", "-c", a, "move", "--to", b, "--copy", one.value());
        assertEquals(0, moved.status(), moved.err());
        assertEquals(0, run("", "-c", a, "move", "--to", b, "--all").status());
        QueueDirectories qb = QueueDirectories.of(dir.resolve("b/spool"));
        assertEquals(List.of(one, two).stream().sorted().toList(),
                qb.list(QueueState.INCOMING).stream().map(QueueLocation::id).toList());
        assertEquals(0, QueueDirectories.messageCount(dir.resolve("a/spool")));
        assertEquals(2, run("", "-c", a, "move", "--to", b).status(), "neither --all nor IDs");
    }

    /** A stand-in for storeadm, which mounts deliver as its own subcommand. */
    @picocli.CommandLine.Command(name = "storeadm")
    static final class Host implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void deliverCanBeMountedOnItsOwnUnderAnotherCommand() throws IOException {
        Path a = instance("a");
        QueueCommand context = new QueueCommand(clock, new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8)))
                .configDirectory(a);
        CommandLine host = new CommandLine(new Host()).addSubcommand("deliver", new QueueCommand.DeliverCommand(context));
        StringWriter out = new StringWriter();
        host.setOut(new PrintWriter(out, true));
        assertEquals(0, host.execute("deliver", "-f", "joe@x", "ann@example.com"));
        QueueId id = new QueueId(out.toString().strip());
        assertEquals(QueueState.MAILDROP, QueueDirectories.of(dir.resolve("a/spool")).locate(id).orElseThrow().state());
    }

    @Test
    void withoutASubcommandItIsAUsageError() {
        QueueCli none = run("");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("missing subcommand"), none.err());
    }
}
