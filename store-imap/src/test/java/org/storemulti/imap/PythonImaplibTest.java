package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.testing.TestCertificate;
import org.storemulti.imap.testing.TestServer;

/** Python's imaplib, a real client, against the real server: CAPABILITY, ID, NOOP, STARTTLS, LOGIN, LOGOUT. */
@Timeout(60)
class PythonImaplibTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CLIENT = Path.of(System.getProperty("storemulti.checkout", "..")).resolve(
            "test-fixtures/imap/imap_client.py");

    @TempDir
    Path directory;

    @BeforeEach
    void requirePython() {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "python3 is installed by .ci/run");
    }

    @Test
    void imaplibLogsInAndOutOverPlainTcp() throws Exception {
        try (TestServer server = TestServer.start(directory)) {
            assertEquals(List.of(
                    "greeting * OK [CAPABILITY IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + " AUTH=PLAIN AUTH=LOGIN] "
                            + "storemulti IMAP ready",
                    "capabilities IMAP4REV1 LITERAL+ " + TestServer.EXTENSIONS + " AUTH=PLAIN AUTH=LOGIN",
                    "id OK (\"name\" \"storemulti\" \"version\" \"0.1-test\")",
                    "noop OK",
                    "login OK [CAPABILITY IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + "] Logged in",
                    "select OK 0",
                    "logout BYE storemulti IMAP logging out"), python(server, List.of()));
        }
    }

    @Test
    void imaplibStartsTlsThenLogsIn() throws Exception {
        TestCertificate certificate = TestCertificate.make(Files.createDirectories(directory.resolve("tls")));
        try (TestServer server = TestServer.start(directory,
                s -> s.withTls(load(certificate)))) {
            List<String> lines = python(server, List.of(certificate.certificate().toString()));
            assertEquals("capabilities IMAP4REV1 LITERAL+ " + TestServer.EXTENSIONS + " STARTTLS AUTH=PLAIN AUTH=LOGIN",
                    lines.get(1));
            assertEquals("starttls OK", lines.get(4));
            assertEquals("capabilities IMAP4REV1 LITERAL+ " + TestServer.EXTENSIONS + " AUTH=PLAIN AUTH=LOGIN", lines.get(5));
            assertEquals("login OK [CAPABILITY IMAP4rev1 LITERAL+ " + TestServer.EXTENSIONS + "] Logged in", lines.get(6));
            assertEquals("logout BYE storemulti IMAP logging out", lines.get(8));
        }
    }

    private static javax.net.ssl.SSLContext load(TestCertificate certificate) {
        try {
            return TlsFiles.load(certificate.key(), certificate.certificate());
        } catch (TlsFiles.InvalidException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> python(TestServer server, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), CLIENT.toString(), "127.0.0.1",
                Integer.toString(server.address().getPort()), TestServer.USER, TestServer.PASSWORD));
        command.addAll(extra);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), output);
        return output.lines().toList();
    }
}
