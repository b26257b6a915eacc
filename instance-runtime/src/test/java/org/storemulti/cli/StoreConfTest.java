package org.storemulti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storemulti.config.TestFixtures;

import picocli.CommandLine;

/** storeconf in-process: golden output, exit codes, one-line errors. */
class StoreConfTest {

    record Result(int status, String out, String err) {
    }

    static Result storeconf(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CommandRunner.commandLine("storeconf", new StoreConf());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private static final Path ODD = TestFixtures.config("odd-valid");

    /**
     * Golden files: {@code postconf-agrees} holds output recorded from the real postconf
     * 3.7.11 on the same main.cf; {@code odd-valid} adds storemulti's own parameters.
     */
    @ParameterizedTest(name = "storeconf {1} on {0}")
    @CsvSource({"postconf-agrees, -n", "postconf-agrees, -xn", "odd-valid, -n", "odd-valid, -xn"})
    void explicitParametersPrintSortedLikePostconf(String fixture, String flags) throws IOException {
        Path dir = TestFixtures.config(fixture);
        Result r = storeconf("-c", dir.toString(), flags);
        assertEquals(new Result(0, golden(dir, "expected" + flags + ".txt"), ""), r);
    }

    private static String golden(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file)).replace("@CONFIG_DIRECTORY@", dir.toAbsolutePath().normalize().toString());
    }

    @Test
    void dashHPrintsRawValuesAndDashXhExpandedOnes() {
        assertEquals("$queue_directory/custom\n", storeconf("-c", ODD.toString(), "-h", "custom_parameter").out());
        assertEquals("/srv/spool/odd/custom\n", storeconf("-c", ODD.toString(), "-xh", "custom_parameter").out());
    }

    @Test
    void namedParametersComeFromMainCfElseTheirDefault() {
        Result r = storeconf("-c", ODD.toString(), "queue_directory", "imap_listen", "message_size_limit");
        assertEquals("queue_directory = /srv/spool/odd\nimap_listen =\nmessage_size_limit = 10240000\n", r.out());
    }

    @Test
    void dashDPrintsDefaultsWithoutReadingMainCf(@TempDir Path empty) {
        Result r = storeconf("-c", empty.toString(), "-d", "lmtp_listen", "queue_directory");
        assertEquals(new Result(0, "lmtp_listen = unix:$queue_directory/private/lmtp\nqueue_directory = /var/spool/store\n", ""), r);
    }

    @Test
    void allParametersIncludeConfigDirectoryAsGiven() {
        Result r = storeconf("-c", ODD.toString());
        assertTrue(r.out().contains("config_directory = " + ODD.toAbsolutePath().normalize() + "\n"), r.out());
        assertTrue(r.out().contains("custom_parameter = $queue_directory/custom\n"), r.out());
    }

    @Test
    void unknownNamesGetAWarningAndDoNotFail() {
        Result r = storeconf("-c", ODD.toString(), "no_such_thing", "default_domain");
        assertEquals(new Result(0, "default_domain = last.example\n", "storeconf: warning: no_such_thing: unknown parameter\n"), r);
    }

    @Test
    void editAndRemoveChangeTheFileInPlace(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.cf"), "# mine\nqueue_directory = /q\nold = 1\n");
        assertEquals(0, storeconf("-c", dir.toString(), "-e", "queue_directory = /new", "custom=x").status());
        assertEquals(0, storeconf("-c", dir.toString(), "-X", "old").status());
        assertEquals("# mine\nqueue_directory = /new\ncustom = x\n", Files.readString(dir.resolve("main.cf")));
    }

    @Test
    void aBrokenMainCfFailsWithOneLineNamingFileAndLine() {
        Result r = storeconf("-c", TestFixtures.config("broken-no-equals").toString(), "-n");
        assertEquals(1, r.status());
        assertTrue(r.err().matches("storeconf: fatal: .*broken-no-equals/main.cf:3: missing '=' after parameter name: .*\n"), r.err());
    }

    @Test
    void conflictingModesAreAUsageError() {
        Result r = storeconf("-c", ODD.toString(), "-n", "-e", "a=b");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(2, storeconf("-Z").status());
        assertEquals(2, storeconf("-e").status());
    }

    @Test
    void malformedSettingIsAFailureNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.cf"), "");
        Result r = storeconf("-c", dir.toString(), "-e", "nonsense");
        assertEquals(new Result(1, "", "storeconf: fatal: malformed parameter setting 'nonsense': expected name=value\n"), r);
    }
}
