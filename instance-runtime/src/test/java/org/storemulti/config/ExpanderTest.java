package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpanderTest {

    private static final Map<String, String> VALUES = Map.of(
            "name", "store-a",
            "empty", "",
            "queue", "/var/spool/$name",
            "deep", "${queue}/private/$(name)",
            "price", "5$$");

    private static Expander expander(Map<String, String> values) {
        return new Expander(n -> Optional.ofNullable(values.get(n)));
    }

    @ParameterizedTest(name = "\"{0}\" expands to \"{1}\"")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "$name                    | store-a",
        "${name}                  | store-a",
        "$(name)                  | store-a",
        "x$name.y                 | xstore-a.y",
        "$queue                   | /var/spool/store-a",
        "$deep                    | /var/spool/store-a/private/store-a",
        "$undefined               | ''",
        "$$name                   | $name",
        "$price                   | 5$",
        "${name?set}              | set",
        "${empty?set}             | ''",
        "${undefined?set}         | ''",
        "${name:fallback}         | ''",
        "${empty:fallback}        | fallback",
        "${undefined:$name}       | store-a",
        "${name?{yes}:{no}}       | yes",
        "${empty?{yes}:{no}}      | no",
        "${empty?{yes}}           | ''",
        "${name?{$queue}:{none}}  | /var/spool/store-a",
        "${name?a:b}              | a:b",
    })
    void referencesExpandLikePostfix(String text, String expected) {
        assertEquals(expected, expander(VALUES).expand(text));
    }

    @Test
    void aReferenceLoopIsAnErrorNamingTheChain() {
        Expander e = expander(Map.of("a", "$b", "b", "${c}", "c", "$(a)"));
        ConfigException error = assertThrows(ConfigException.class, () -> e.value("a"));
        assertEquals("parameter loop: a -> b -> c -> a", error.getMessage());
    }

    @Test
    void aParameterReferringToItselfIsALoop() {
        ConfigException error = assertThrows(ConfigException.class, () -> expander(Map.of("a", "x$a")).value("a"));
        assertTrue(error.getMessage().contains("a -> a"), error.getMessage());
    }

    @Test
    void aDollarThatStartsNoReferenceIsAnErrorAsInPostconf() {
        for (String text : new String[] {"a $ b", "end$", "$-x"}) {
            ConfigException error = assertThrows(ConfigException.class, () -> expander(VALUES).expand(text));
            assertTrue(error.getMessage().startsWith("empty parameter name after '$'"), error.getMessage());
        }
    }

    @Test
    void unbalancedBracesAreAnError() {
        ConfigException error = assertThrows(ConfigException.class, () -> expander(VALUES).expand("${name"));
        assertTrue(error.getMessage().startsWith("unbalanced '{'"), error.getMessage());
    }

    @Test
    void theSameNameExpandsTwiceWithoutBeingTakenForALoop() {
        assertEquals("store-a store-a", expander(VALUES).expand("$name ${name}"));
    }
}
