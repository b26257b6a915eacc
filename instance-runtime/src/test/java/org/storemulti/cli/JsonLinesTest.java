package org.storemulti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Postfix's JSON lines: its spacing, members in order, every string escaped, and nothing a JSON parser rejects. */
class JsonLinesTest {

    @Test
    void oneObjectPerLineSpacedAsPostqueueWritesIt() throws Exception {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("queue_name", "deferred");
        object.put("arrival_time", 1528L);
        object.put("forced", false);
        object.put("none", null);
        object.put("recipients", List.of(Map.of("address", "a@example.com"), Map.of("address", "b@example.com")));
        object.put("odd", "quote \" backslash \\ tab \t newline \n é \u0001");

        String line = JsonLines.line(object);

        assertEquals("{\"queue_name\": \"deferred\", \"arrival_time\": 1528, \"forced\": false, \"none\": null, "
                + "\"recipients\": [{\"address\": \"a@example.com\"}, {\"address\": \"b@example.com\"}], "
                + "\"odd\": \"quote \\\" backslash \\\\ tab \\t newline \\n é \\u0001\"}", line);
        Map<String, Object> parsed = new ObjectMapper().readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { });
        object.put("arrival_time", 1528); // a small number comes back as an int
        assertEquals(object, parsed, "what a JSON parser reads back");
    }

    @Test
    void aValueWithoutAJsonFormIsAProgrammingError() {
        Map<String, Object> object = Map.of("when", new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonLines.line(object));
        assertEquals("no JSON form for " + int[].class.getName(), e.getMessage());
    }
}
