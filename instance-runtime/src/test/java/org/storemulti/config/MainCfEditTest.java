package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainCfEditTest {

    private static final String TEXT = "# head\n\na = 1\nb = x,\n  # inside\n  y\nc = 3\n# tail\n";

    @Test
    void changingAValueRewritesOnlyItsLinesAndKeepsCommentsInside() {
        MainCf edited = MainCf.parse("t", TEXT).edit(Map.of("b", "new"), List.of());
        assertEquals("# head\n\na = 1\nb = new\n  # inside\nc = 3\n# tail\n", edited.text());
    }

    @Test
    void newParametersAreAppendedAtTheEndInOrder() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("z", "26");
        set.put("a", "one");
        set.put("m", "");
        MainCf edited = MainCf.parse("t", "a = 1\nb = 2").edit(set, List.of());
        assertEquals("a = one\nb = 2\nz = 26\nm =\n", edited.text());
    }

    @Test
    void appendingToAnEmptyFileGivesOneLine() {
        assertEquals("a = 1\n", MainCf.empty("t").edit(Map.of("a", "1"), List.of()).text());
    }

    @Test
    void removingDeletesEveryDefinitionOfTheName() {
        MainCf edited = MainCf.parse("t", "b = 0\n" + TEXT).edit(Map.of(), List.of("b", "unknown"));
        assertEquals("# head\n\na = 1\n  # inside\nc = 3\n# tail\n", edited.text());
    }

    @Test
    void everyDuplicateDefinitionGetsTheNewValueSoTheLastStillWins() {
        MainCf edited = MainCf.parse("t", "a = 1\nb = 2\na = 3\n").edit(Map.of("a", "9"), List.of());
        assertEquals("a = 9\nb = 2\na = 9\n", edited.text());
    }

    @Test
    void multiLineValuesAndBadNamesAreRefused() {
        MainCf cf = MainCf.parse("t", TEXT);
        assertThrows(ConfigException.class, () -> cf.edit(Map.of("a", "1\nb = 2"), List.of()));
        assertThrows(ConfigException.class, () -> cf.edit(Map.of("bad name", "1"), List.of()));
    }

    /**
     * Property: parse, edit, write, parse again. Untouched definitions keep their values,
     * every line outside the touched definitions is byte-identical and in order, touched
     * names have their new value, removed names are gone.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987})
    void editsLeaveEverythingElseByteIdentical(long seed) {
        Random random = new Random(seed);
        MainCf before = MainCf.parse("t", randomMainCf(random));
        List<String> names = new ArrayList<>(new TreeSet<>(before.values().keySet()));
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new TreeSet<>();
        for (String name : names) {
            int dice = random.nextInt(5);
            if (dice == 0) {
                set.put(name, "v" + random.nextInt(1000));
            } else if (dice == 1) {
                remove.add(name);
            }
        }
        set.put("appended_" + seed, "new");

        MainCf after = MainCf.parse("t", before.edit(set, remove).text());

        for (String name : names) {
            if (set.containsKey(name)) {
                assertEquals(set.get(name), after.value(name).orElseThrow());
            } else if (remove.contains(name)) {
                assertEquals(false, after.value(name).isPresent(), name);
            } else {
                assertEquals(before.value(name), after.value(name), name);
            }
        }
        assertEquals("new", after.value("appended_" + seed).orElseThrow());
        assertEquals(untouchedLines(before, set.keySet(), remove), untouchedLines(after, set.keySet(), remove));
    }

    private static List<String> untouchedLines(MainCf cf, Set<String> set, Set<String> removed) {
        List<String> lines = new ArrayList<>(List.of(cf.text().split("\n", -1)));
        for (Definition d : cf.definitions()) {
            if (set.contains(d.name()) || removed.contains(d.name())) {
                for (int i = d.firstLine() - 1; i < d.lastLine(); i++) {
                    String line = lines.get(i);
                    if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                        lines.set(i, null);
                    }
                }
            }
        }
        lines.removeIf(l -> l == null);
        return lines;
    }

    private static String randomMainCf(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 5 + random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append("# comment ").append(random.nextInt(100)).append('\n');
                case 1 -> text.append(random.nextBoolean() ? "\n" : "   \n");
                case 2 -> {
                    if (text.indexOf("=") >= 0) {
                        text.append(random.nextBoolean() ? "\t" : "    ").append("cont").append(i).append('\n');
                    }
                }
                default -> text.append("p").append(random.nextInt(8))
                        .append(random.nextBoolean() ? " = " : "=").append("value").append(i)
                        .append(random.nextBoolean() ? "  " : "").append('\n');
            }
        }
        return text.toString();
    }
}
