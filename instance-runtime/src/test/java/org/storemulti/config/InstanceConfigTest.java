package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InstanceConfigTest {

    /** The configuration that main.cf {@code text} gives an instance in /etc/store-t. */
    static InstanceConfig config(String text) {
        return InstanceConfig.of(Path.of("/etc/store-t"), MainCf.parse("/etc/store-t/main.cf", text));
    }

    @Test
    void mainCfValuesAreLayeredOverRegistryDefaults() {
        InstanceConfig c = config("queue_directory = /q\n");
        assertEquals("/q", c.get("queue_directory"));
        assertEquals("unix:/q/private/lmtp", c.get("lmtp_listen"));
        assertEquals("/var/lib/store", c.get("data_directory"));
        assertTrue(c.isSet("queue_directory"));
        assertFalse(c.isSet("data_directory"));
    }

    @Test
    void configDirectoryIsWhereMainCfWasRead() {
        assertEquals("/etc/store-t", config("config_directory = /elsewhere\n").get("config_directory"));
    }

    @Test
    void syslogNameDefaultsToTheInstanceName() {
        assertEquals("store", config("").get("syslog_name"));
        assertEquals("store-x", config("multi_instance_name = store-x\n").get("syslog_name"));
    }

    @Test
    void typedAccessAcceptsPostfixBooleansInAnyCase() {
        assertTrue(config("multi_instance_enable = YES\n").enabled());
        assertFalse(config("multi_instance_enable = no\n").enabled());
        assertFalse(config("").enabled());
        assertEquals(10240000L, config("").number("message_size_limit"));
        assertEquals(Duration.ofMinutes(5), config("").time("checkpoint_interval"));
        assertEquals(Duration.ofSeconds(42), config("lmtp_timeout = 42\n").time("lmtp_timeout"));
        assertEquals(List.of("start", "start-fg"), config("").list("storemulti_start_commands"));
    }

    @Test
    void aValueOfTheWrongTypeNamesFileLineAndExpectation() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config("\nmulti_instance_enable = maybe\n").enabled());
        assertEquals("/etc/store-t/main.cf:2: multi_instance_enable = maybe: expected yes or no", e.getMessage());
    }

    @Test
    void relativePathsAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("queue_directory = spool\n").queueDirectory());
        assertTrue(e.getMessage().contains("specify an absolute pathname"), e.getMessage());
    }

    @Test
    void problemsListsEveryBadValueWithItsLine() {
        InstanceConfig c = InstanceConfig.load(TestFixtures.config("bad-types"));
        String file = TestFixtures.config("bad-types").toAbsolutePath().normalize().resolve("main.cf").toString();
        assertEquals(List.of(
                file + ":1: queue_directory = relative/spool: expected an absolute path",
                file + ":2: multi_instance_enable = maybe: expected yes or no",
                file + ":3: lmtp_listen = tcp:localhost: expected unix:/path or inet:host:port entries",
                file + ":4: message_size_limit = 10M: expected a whole number"), c.problems());
    }

    @Test
    void aLoopShowsUpAsAProblemOfTheParameterUsingIt() {
        List<String> problems = InstanceConfig.load(TestFixtures.config("loop")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.matches(".*main.cf:4: parameter loop: .*")), problems.toString());
    }

    @Test
    void theDirectoryComesFromOptionThenEnvironmentThenDefault() {
        assertEquals(Path.of("/a"), InstanceConfig.chooseDirectory(Path.of("/a"), Map.of("STORE_CONFIG", "/b")));
        assertEquals(Path.of("/b"), InstanceConfig.chooseDirectory(null, Map.of("STORE_CONFIG", "/b")));
        assertEquals(Path.of("/etc/store"), InstanceConfig.chooseDirectory(null, Map.of()));
    }

    @Test
    void typedViewDoesNotReinterpolateLiteralDollarText() {
        assertEquals("${x}", config("custom = $${x}\n").typed().getString("custom"));
    }
}
