package org.storemulti.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.log.LogLines;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code queue list -j} (and {@code --format json}): one JSON object per message in the shape
 * of Postfix's {@code postqueue -j}, with the reason a deferred recipient waits, the hold
 * reason of held mail, and a problem for a file whose header cannot be read.
 */
class QueueListJsonTest {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final byte[] MESSAGE = "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void eachMessageIsOneLineOfPostqueueJsonWithOurHoldReason() throws IOException {
        Path config = QueueCli.instance(dir, "a", "ann");
        QueueDirectories queue = QueueDirectories.of(dir.resolve("a/spool"));
        QueueWriter writer = new QueueWriter(queue, clock);
        QueueId fresh = writer.inject("joe@example.com", List.of("ann@example.com"), MESSAGE);
        QueueId later = incoming(queue, writer.inject("", List.of("tmp@example.com", "b@example.com"), MESSAGE));
        QueueId held = incoming(queue, writer.inject("joe@example.com", List.of("gone@example.com"), MESSAGE));
        ScriptedMailDrop drop = new ScriptedMailDrop().script("tmp@example.com", ScriptedMailDrop.TEMP)
                .script("b@example.com", ScriptedMailDrop.TEMP).script("gone@example.com", ScriptedMailDrop.PERM);
        new QueueManager(queue, drop, new RetryPolicy(Duration.ofSeconds(300), Duration.ofSeconds(4000), Duration.ofDays(5)),
                clock, Duration.ofSeconds(1), new LogLines().log("queue")).runOnce();
        Path damaged = queue.file(QueueState.INCOMING, QueueId.tryParse(fresh.value().replace('0', '1')).orElseThrow());
        Files.createDirectories(damaged.getParent());
        Files.writeString(damaged, "not a queue file\n");

        QueueCli list = QueueCli.run(clock, "", "-c", config.toString(), "list", "-j");

        assertEquals(0, list.status(), list.err());
        assertEquals("", list.err());
        List<String> lines = list.out().lines().toList();
        assertEquals(4, lines.size(), list.out());
        assertEquals("{\"queue_name\": \"maildrop\", \"queue_id\": \"" + fresh + "\", \"arrival_time\": 1795428000, "
                + "\"message_size\": " + MESSAGE.length + ", \"sender\": \"joe@example.com\", "
                + "\"recipients\": [{\"address\": \"ann@example.com\"}], \"attempts\": 0}", lines.get(0),
                "Postfix's own spacing and member order");
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            Map<String, Object> object = json.readValue(line, OBJECT);
            byId.put((String) object.get("queue_id"), object);
        }
        String reason = "tmp@example.com: 451 4.3.0 try later; b@example.com: 451 4.3.0 try later";
        assertEquals(Map.of("queue_name", "deferred", "queue_id", later.toString(), "arrival_time", 1795428000,
                "message_size", MESSAGE.length, "sender", "", "attempts", 1,
                "recipients", List.of(Map.of("address", "tmp@example.com", "delay_reason", reason),
                        Map.of("address", "b@example.com", "delay_reason", reason))), byId.get(later.toString()));
        assertEquals(Map.of("queue_name", "hold", "queue_id", held.toString(), "arrival_time", 1795428000,
                "message_size", MESSAGE.length, "sender", "joe@example.com", "attempts", 1,
                "recipients", List.of(Map.of("address", "gone@example.com")),
                "hold_reason", "held: gone@example.com: 550 5.1.1 no such user"), byId.get(held.toString()));
        Map<String, Object> unreadable = byId.values().stream().filter(o -> o.containsKey("problem")).findFirst().orElseThrow();
        assertEquals("incoming", unreadable.get("queue_name"));
        assertEquals(List.of("message_size", "problem", "queue_id", "queue_name"),
                unreadable.keySet().stream().sorted(Comparator.naturalOrder()).toList());

        assertEquals(list.out(), QueueCli.run(clock, "", "-c", config.toString(), "list", "--format", "json").out(),
                "--format json is -j");
    }

    @Test
    void jsonAndFormatTogetherOrAnUnknownFormatIsAUsageError() throws IOException {
        Path config = QueueCli.instance(dir, "a");
        QueueCli both = QueueCli.run(clock, "", "-c", config.toString(), "list", "-j", "--format", "json");
        assertEquals(new QueueCli(2, "", "queue: usage: Specify at most one of '-j', '--format' (see queue --help)\n"), both);
        QueueCli yaml = QueueCli.run(clock, "", "-c", config.toString(), "list", "--format", "yaml");
        assertEquals(new QueueCli(2, "", "queue: usage: --format must be text or json, not 'yaml' (see queue --help)\n"), yaml);
    }

    private static QueueId incoming(QueueDirectories queue, QueueId id) throws IOException {
        queue.move(queue.locate(id).orElseThrow(), QueueState.INCOMING);
        return id;
    }
}
