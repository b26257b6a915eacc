package org.storemulti.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code storectl status -j}: the text's facts as one JSON object, with the same exit status. */
class StatusJsonTest {

    @TempDir
    Path root;

    private TestInstance instance;

    @AfterEach
    void stopLeftovers() {
        if (instance != null) {
            instance.cleanUp();
        }
    }

    @Test
    void aStoppedInstanceIsOneObjectSayingNotRunningAndExitOne() throws Exception {
        instance = TestInstance.prepared(root);

        TestInstance.Result status = instance.storectl("status", "-j");

        assertEquals(new TestInstance.Result(1, "{\"config_directory\": \"" + instance.configDirectory()
                + "\", \"running\": false}\n", ""), status);
    }

    @Test
    void aRunningInstanceListsItsPidStateAndEveryServiceAsTheTableDoes() throws Exception {
        instance = TestInstance.prepared(root);
        assertEquals(0, instance.storectl("start").status());

        TestInstance.Result status = instance.storectl("status", "--format", "json");

        assertEquals(0, status.status(), status.toString());
        assertEquals("", status.err());
        assertEquals(1, status.out().lines().count(), status.out());
        Map<String, Object> json = new ObjectMapper().readValue(status.out(), new TypeReference<Map<String, Object>>() { });
        assertEquals(true, json.get("running"));
        assertEquals(instance.daemonPid(), ((Number) json.get("pid")).longValue());
        assertEquals("running", json.get("state"));
        assertEquals(List.of(), json.get("failing"));
        Instant.parse((String) json.get("since"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = (List<Map<String, Object>>) json.get("services");
        assertEquals(List.of("control", "lmtp", "imap", "queue", "checkpoint", "sweep"),
                services.stream().map(s -> s.get("name")).toList());
        for (Map<String, Object> service : services) {
            assertEquals(service.get("name").equals("imap") ? "off" : "running", service.get("state"), service.toString());
            assertEquals(0, service.get("restarts"));
            assertTrue(service.containsKey("last_failure") && service.get("last_failure") == null, service.toString());
            Instant.parse((String) service.get("since"));
        }
        assertEquals(0, instance.storectl("stop").status());
    }

    @Test
    void jsonOutputIsForStatusOnly() throws Exception {
        instance = TestInstance.prepared(root);
        assertEquals(new TestInstance.Result(2, "", "storectl: usage: check: -j and --format apply to status and who only"
                + " (see storectl --help)\n"), instance.storectl("check", "-j"));
    }
}
