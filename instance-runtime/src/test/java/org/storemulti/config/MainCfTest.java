package org.storemulti.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainCfTest {

    @Test
    void oddButValidFileParsesLikePostconf() throws IOException {
        MainCf cf = MainCf.read(TestFixtures.config("odd-valid").resolve("main.cf"));
        StringBuilder listed = new StringBuilder();
        new TreeMap<>(cf.values()).forEach((n, v) -> listed.append(v.isEmpty() ? n + " =" : n + " = " + v).append('\n'));
        String expected = Files.readString(TestFixtures.config("odd-valid").resolve("expected-n.txt"))
                .replaceAll("config_directory = .*\n", "");
        assertEquals(expected, listed.toString());
    }

    @Test
    void lastDefinitionOfANameWins() {
        MainCf cf = MainCf.parse("t", "a = 1\nb = 2\na = 3\n");
        assertEquals("3", cf.value("a").orElseThrow());
        assertEquals(3, cf.definitions().size());
        assertEquals(3, cf.definition("a").orElseThrow().firstLine());
    }

    @Test
    void continuationLinesJoinWithOneSpaceAcrossCommentsAndBlankLines() {
        MainCf cf = MainCf.parse("t", "a = x,  \n\t y\n\n# note\n   z\nb = 1");
        assertEquals("x, y z", cf.value("a").orElseThrow());
        Definition a = cf.definition("a").orElseThrow();
        assertEquals(1, a.firstLine());
        assertEquals(5, a.lastLine());
    }

    @Test
    void whiteSpaceAroundEqualsIsOptionalAndValuesAreTrimmed() {
        MainCf cf = MainCf.parse("t", "a=1\nb   =   two words   \nc =\n");
        assertEquals(Map.of("a", "1", "b", "two words", "c", ""), cf.values());
    }

    @Test
    void textIsKeptByteForByte() {
        for (String text : new String[] {"", "\n", "a = 1", "a = 1\n", "# c\n\n  # d\na=1\n  b\n\n\n", "x = 1\r\ny = 2\r\n"}) {
            assertEquals(text, MainCf.parse("t", text).text());
        }
    }

    @Test
    void carriageReturnsAreNotPartOfValues() {
        assertEquals("2", MainCf.parse("t", "x = 1\r\ny = 2\r\n").value("y").orElseThrow());
    }

    @ParameterizedTest(name = "{0} fails with \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "broken-no-equals     | broken-no-equals/main.cf:3: missing '=' after parameter name",
        "broken-leading-space | broken-leading-space/main.cf:1: continuation line without a parameter before it",
    })
    void brokenFilesFailNamingFileAndLine(String fixture, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MainCf.read(TestFixtures.config(fixture).resolve("main.cf")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void invalidParameterNameIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> MainCf.parse("f", "ok = 1\nbad name = 2\n"));
        assertEquals("f:2: invalid parameter name \"bad name\"", e.getMessage());
        e = assertThrows(ConfigException.class, () -> MainCf.parse("f", "= 2\n"));
        assertEquals("f:1: missing parameter name before '='", e.getMessage());
    }

    @Test
    void missingFileIsOneLineNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MainCf.read(TestFixtures.root().resolve("no/such/main.cf")));
        assertTrue(e.getMessage().matches("open .*no/such/main.cf: No such file or directory"), e.getMessage());
    }

    @Test
    void commandLineSettingsSplitAtTheFirstEquals() {
        assertEquals(Map.entry("a", "b = c"), MainCf.setting(" a = b = c "));
        assertEquals(Map.entry("a", ""), MainCf.setting("a="));
        assertThrows(ConfigException.class, () -> MainCf.setting("novalue"));
        assertThrows(ConfigException.class, () -> MainCf.setting("=x"));
    }
}
