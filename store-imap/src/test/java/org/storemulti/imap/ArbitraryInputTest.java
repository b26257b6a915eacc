package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.TestServer;

/**
 * Arbitrary octets from a client, seeded: pieces of real commands (literals of every kind,
 * AUTHENTICATE, IDLE, STARTTLS) mixed with garbage, over-long lines and huge counts, sent
 * in random pieces. Whatever comes, the server answers only with well-formed responses,
 * closes the connection when the input ends, logs no internal error and keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ArbitraryInputTest {

    private static final Pattern RESPONSE = Pattern.compile(
            "\\* (OK|NO|BAD|BYE|CAPABILITY|ID|ENABLED)( .*)?|\\+ .*|[^ *+]+ (OK|NO|BAD) .*");

    private static final String[] PIECES = {
        "a1 ", "b2 ", "* ", "+ ", "LOGIN ", "joe@example.com secret", "CAPABILITY", "NOOP", "ID NIL", "ID (\"a\" ",
        "APPEND INBOX ", "(\\Seen) ", "\"1-Jan-2020 00:00:00 +0000\" ", "{5}\r\n", "{3+}\r\n", "{0}\r\n",
        "{70000}\r\n", "{99999999999999999999}\r\n", "{200001+}\r\n", "hello", "\r\n", "\n", "\r", "(", ")", "\"", "\\",
        "\0", "AUTHENTICATE PLAIN\r\n", "AUTHENTICATE LOGIN\r\n", "AGpvZUBleGFtcGxlLmNvbQBzZWNyZXQ=\r\n", "*\r\n",
        "IDLE\r\n", "DONE\r\n", "STARTTLS\r\n", "ENABLE CONDSTORE\r\n", "SELECT &AGE-\r\n", "SEARCH NOT NOT (OR ",
        "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (A B)]<0.1>)\r\n", "UID ", "LOGOUT\r\n", "\u00e9\u00ff", "~{4}\r\n",
    };

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path directory) throws IOException {
        server = TestServer.start(directory, s -> s.withLimits(2048, 2048, 8192, 100_000)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(5)));
    }

    /** After all that, the server holds no connection, has logged no internal error and still serves. */
    @AfterAll
    void stop() throws IOException {
        try {
            assertTrue(TestServer.within(Duration.ofSeconds(10), () -> server.server().connections() == 0));
            assertEquals(List.of(), server.log().stream().filter(l -> l.contains("internal error")).toList());
            try (ImapClient c = server.connect()) {
                c.line();
                c.login();
                assertEquals("a OK NOOP completed", c.tagged("a", "NOOP"));
            }
        } finally {
            server.close();
        }
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 300).boxed();
    }

    private static byte[] input(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextBoolean()) {
            out.writeBytes("l LOGIN joe@example.com secret\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        int pieces = 1 + random.nextInt(30);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(10)) {
                case 0 -> {
                    byte[] noise = new byte[random.nextInt(64)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
                case 1 -> out.writeBytes("x".repeat(random.nextInt(6000)).getBytes(StandardCharsets.US_ASCII));
                default -> out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyInputEndsInWellFormedAnswersAndAClosedConnection(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] input = input(random);
        List<String> lines;
        try (ImapClient c = server.connect()) {
            assertTrue(c.line().startsWith("* OK "));
            int at = 0;
            while (at < input.length) {
                int n = Math.min(input.length - at, 1 + random.nextInt(512));
                try {
                    c.send(java.util.Arrays.copyOfRange(input, at, at + n));
                } catch (IOException e) {
                    break; // the server may close first (LOGOUT, a refused huge literal)
                }
                at += n;
            }
            try {
                c.shutdownOutput();
            } catch (IOException e) {
                // already closed by the server
            }
            lines = c.untilClosed();
        }
        for (String line : lines) {
            assertTrue(RESPONSE.matcher(line).matches(), "seed " + seed + ": malformed response: " + line);
        }
    }
}
