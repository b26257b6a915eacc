package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every numeric parameter has a range in the registry, and a value outside it is an error naming its line. */
class ParameterRangeTest {

    @Test
    void everyNumericParameterHasARangeThatHoldsItsDefault() {
        InstanceConfig defaults = InstanceConfigTest.config("");
        for (Parameter p : ParameterRegistry.all()) {
            boolean numeric = p.type() == ParameterType.INTEGER || p.type() == ParameterType.TIME;
            assertEquals(numeric, p.numericRange().isPresent(), p.name());
            if (p.type() == ParameterType.INTEGER) {
                assertTrue(p.numericRange().get().contains(defaults.number(p.name())), p.name());
            } else if (p.type() == ParameterType.TIME) {
                assertTrue(p.numericRange().get().contains(defaults.time(p.name()).toSeconds()), p.name());
            }
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "message_size_limit | 99999999999999999999 | out of range: expected from 0 to 2000000000",
        "lmtp_session_limit | 4294967296 | out of range: expected from 1 to 10000",
        "lmtp_session_limit | 0 | out of range: expected from 1 to 10000",
        "lmtp_timeout | 0 | out of range: expected from 1s to 86400s",
        "lmtp_timeout | 9999999999999999w | out of range: expected from 1s to 86400s",
        "checkpoint_interval | 2d | out of range: expected from 1s to 86400s",
        "daemon_heap_limit | 1 | out of range: expected from 16 to 1048576"})
    void aValueOutOfRangeIsAProblemAndAnErrorOnUseNamingFileAndLine(String name, String value, String expected) {
        InstanceConfig c = InstanceConfigTest.config("# first\n" + name + " = " + value + "\n");
        String line = "/etc/store-t/main.cf:2: " + name + " = " + value + ": " + expected;
        assertEquals(List.of(line), c.problems());
        assertEquals(Optional.of(line), c.problem(name));
        boolean time = ParameterRegistry.find(name).orElseThrow().type() == ParameterType.TIME;
        ConfigException e = assertThrows(ConfigException.class, () -> {
            if (time) {
                c.time(name);
            } else {
                c.number(name);
            }
        });
        assertEquals(line, e.getMessage());
    }

    @Test
    void valuesAtTheEndsOfTheRangeAreAccepted() {
        InstanceConfig c = InstanceConfigTest.config("message_size_limit = 2000000000\nlmtp_session_limit = 1\nlmtp_timeout = 1d\n");
        assertEquals(List.of(), c.problems());
        assertEquals(2_000_000_000L, c.number("message_size_limit"));
        assertEquals(1, c.intNumber("lmtp_session_limit"));
        assertEquals(Duration.ofDays(1), c.time("lmtp_timeout"));
    }

    @Test
    void theRecipientDelimiterIsCharactersOtherThanTheAtSign() {
        assertEquals(List.of(), InstanceConfigTest.config("recipient_delimiter = +-\n").problems());
        assertEquals(List.of("/etc/store-t/main.cf:1: recipient_delimiter = +@: expected characters other than @"
                + " and white space"), InstanceConfigTest.config("recipient_delimiter = +@\n").problems());
    }
}
