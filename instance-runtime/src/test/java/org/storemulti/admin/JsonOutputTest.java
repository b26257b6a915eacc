package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.admin.Instance.Result;
import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code -j} / {@code --format json} of {@code mailbox status} and {@code db verify}: one JSON object for scripts. */
class JsonOutputTest {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    @TempDir
    Path root;
    Instance instance;

    @BeforeEach
    void createInstance() {
        instance = new Instance(root);
        instance.ok("domain", "add", "example.com");
        instance.ok("-d", "example.com", "mailbox", "user-add", "joe");
        try (Store store = instance.open()) {
            store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX", "Subject: a\r\n\r\nx\r\n".getBytes()),
                    Delivery.of("example.com", "user/joe/INBOX", "Subject: b\r\n\r\ny\r\n".getBytes())));
        }
    }

    private static Map<String, Object> parse(String line) throws Exception {
        return new ObjectMapper().readValue(line, OBJECT);
    }

    @Test
    void mailboxStatusAsJsonCarriesTheCountsTheTextShows() throws Exception {
        String text = instance.ok("mailbox", "status", "joe@example.com");
        assertEquals("messages=2 unseen=2 uidnext=3 vsize=34\n", text);

        Result json = instance.run("mailbox", "status", "-j", "joe@example.com");

        assertEquals(new Result(0, "{\"domain\": \"example.com\", \"mailbox\": \"user/joe/INBOX\", \"messages\": 2, "
                + "\"unseen\": 2, \"uidnext\": 3, \"vsize\": 34}\n", ""), json);
        assertEquals(Map.of("domain", "example.com", "mailbox", "user/joe/INBOX", "messages", 2, "unseen", 2,
                "uidnext", 3, "vsize", 34), parse(json.out()));
        assertEquals(json, instance.run("mailbox", "status", "--format", "json", "joe@example.com", "INBOX"));
    }

    @Test
    void dbVerifyAsJsonIsOneObjectEvenWhenAllIsWellAndListsEachProblem() throws Exception {
        Result clean = instance.run("db", "verify", "-j");
        assertEquals(0, clean.status(), clean.toString());
        Map<String, Object> ok = parse(clean.out());
        assertEquals(instance.dataDirectory.toString(), ok.get("data_directory"));
        assertTrue(ok.get("schema_version") instanceof Integer, ok.toString());
        assertEquals(List.of(), ok.get("problems"));

        try (var files = Files.walk(instance.dataDirectory.resolve("messages"))) {
            Files.delete(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
        Result broken = instance.run("msdb_test", "--format", "json");
        assertEquals(1, broken.status(), broken.toString());
        assertEquals(1, broken.out().lines().count(), broken.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) parse(broken.out()).get("problems");
        assertEquals(1, problems.size());
        assertEquals("missing-file", problems.get(0).get("kind"));
        assertEquals(false, problems.get(0).get("repaired"));
        assertTrue(((String) problems.get(0).get("detail")).contains("user/joe/INBOX"), problems.toString());

        Result recovered = instance.run("db", "verify", "-r", "-j");
        assertEquals(0, recovered.status(), recovered.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> repaired = (List<Map<String, Object>>) parse(recovered.out()).get("problems");
        assertEquals(List.of(true), repaired.stream().map(p -> p.get("repaired")).toList());
    }

    @Test
    void jAndFormatTogetherAreAUsageError() {
        Result both = instance.run("db", "verify", "-j", "--format", "text");
        assertEquals(new Result(2, "", "storeadm: usage: Specify at most one of '-j', '--format' (see storeadm --help)\n"),
                both);
    }
}
