package org.storemulti.imapd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.storemulti.config.TestFixtures;
import org.storemulti.store.Store;

/**
 * Real mail clients against the real daemon: mail delivered with Python's LMTP client is
 * read with Python's imaplib over TCP and over STARTTLS (a certificate made with openssl),
 * an account with several folders is synced both ways with mbsync (Debian isync), and
 * mutt reads the INBOX in batch mode. Each test skips when its client is not installed
 * ({@code .ci/run} installs them all).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ImapRealClientsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path MBSYNC = Path.of("/usr/bin/mbsync");
    private static final Path MUTT = Path.of("/usr/bin/mutt");
    /** util-linux's script(1), the terminal mutt needs. */
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** mbsync's own user, so that its two-way sync does not meet the other tests' mail. */
    private static final String MIA = "mia@example.com";
    private static final String MIA_PASSWORD = "mias-password";

    /** hello.eml's subject. */
    private static final String SUBJECT = "hello from a real LMTP client";

    private ImapDaemon daemon;
    private Path certificate;

    @BeforeAll
    void startTheDaemonWithTls() throws Exception {
        daemon = ImapDaemon.create();
        Path[] pair = ImapServiceEndToEndTest.certificate(daemon.root());
        certificate = pair[1];
        daemon.append("imap_tls_key_file = " + pair[0], "imap_tls_cert_file = " + pair[1]);
        try (Store store = daemon.openStore()) {
            store.mailboxes().addUser("example.com", "mia");
            store.authAccounts().add(MIA, MIA_PASSWORD);
        }
        daemon.start();
    }

    @AfterAll
    void stopTheDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void pythonsImaplibReadsMailDeliveredOverLmtpOverTcpAndStarttls() throws Exception {
        assumeInstalled(PYTHON);
        assertEquals("OK joe@example.com\n", deliver("joe@example.com"));
        String plain = imaplib(ImapDaemon.USER, ImapDaemon.PASSWORD, "read");
        assertTrue(plain.startsWith("capability IDLE NAMESPACE UIDPLUS MOVE\nfolders INBOX\nINBOX " + SUBJECT + " \n"),
                plain);
        String tls = imaplib(ImapDaemon.USER, ImapDaemon.PASSWORD, "--starttls", certificate.toString(), "read");
        assertTrue(tls.startsWith("tls TLSv1.3\ncapability IDLE NAMESPACE UIDPLUS MOVE\nfolders INBOX\nINBOX " + SUBJECT),
                tls);
    }

    @Test
    void mbsyncSyncsSeveralFoldersBothWaysAndASecondRunChangesNothing() throws Exception {
        assumeInstalled(PYTHON);
        assumeInstalled(MBSYNC);
        imaplib(MIA, MIA_PASSWORD, "seed", "Work", "2");
        imaplib(MIA, MIA_PASSWORD, "seed", "Work/2024", "2");
        imaplib(MIA, MIA_PASSWORD, "seed", "Lists", "3");
        Path maildir = daemon.root().resolve("mia-mail");
        Path config = mbsyncConfig(maildir);
        mbsync(config);
        assertEquals(2, files(maildir.resolve("Work")).size());
        assertEquals(2, files(maildir.resolve("Work/2024")).size());
        assertEquals(3, files(maildir.resolve("Lists")).size());
        assertEquals(1, files(maildir.resolve("Lists")).stream().filter(f -> f.toString().endsWith(",S")).count(),
                "the one \\Seen message is marked S");

        // both sides change: a flag and a new message here, a flag there
        Path work0 = only(files(maildir.resolve("Work")), "<Work.0@example.org>");
        Files.move(work0, work0.resolveSibling(work0.getFileName().toString().replace(":2,S", ":2,FS")));
        Files.writeString(maildir.resolve("Lists/new/1700000000.local.host"), "From: mia@example.com\r\n"
                + "Subject: written here\r\nMessage-ID: <local.1@example.com>\r\n\r\nfrom the Maildir\r\n");
        Path notes = Files.createDirectories(maildir.resolve("Notes/new"));
        Files.createDirectories(maildir.resolve("Notes/cur"));
        Files.createDirectories(maildir.resolve("Notes/tmp"));
        Files.writeString(notes.resolve("1700000001.local.host"), "Subject: a note\r\nMessage-ID: <note.1@example.com>"
                + "\r\n\r\na folder made here\r\n");
        imaplib(MIA, MIA_PASSWORD, "flag", "Lists", "<Lists.2@example.org>", "\\Answered");
        mbsync(config);
        String server = imaplib(MIA, MIA_PASSWORD, "state");
        assertTrue(server.contains("Work <Work.0@example.org> \\Flagged \\Seen\n"), server);
        assertTrue(server.contains("Lists <local.1@example.com> \n"), server);
        assertTrue(server.contains("Notes <note.1@example.com> \n"), server);
        assertTrue(only(files(maildir.resolve("Lists")), "<Lists.2@example.org>").toString().endsWith(":2,R"));

        List<String> here = localState(maildir);
        mbsync(config);
        assertEquals(server, imaplib(MIA, MIA_PASSWORD, "state"), "the second run changes nothing on the server");
        assertEquals(here, localState(maildir), "the second run changes nothing in the Maildir");
        assertEquals(String.join("\n", "Lists", "Notes", "Work", "Work/2024"),
                String.join("\n", server.lines().map(l -> l.substring(0, l.indexOf(' '))).distinct().toList()),
                server);
    }

    @Test
    void muttReadsTheInboxInBatchMode() throws Exception {
        assumeInstalled(PYTHON);
        assumeInstalled(MUTT);
        assumeInstalled(SCRIPT);
        deliver("joe@example.com");
        Path out = daemon.root().resolve("mutt-saw.txt");
        Path muttrc = daemon.root().resolve("muttrc");
        String server = "imap://127.0.0.1:" + daemon.port() + "/";
        Files.writeString(muttrc, String.join("\n",
                "set folder = \"" + server + "\"", "set spoolfile = \"+INBOX\"", // else mutt asks to make ~/Mail
                "set imap_user = \"" + ImapDaemon.USER + "\"",
                "set imap_pass = \"" + ImapDaemon.PASSWORD + "\"",
                "set ssl_starttls = no", "set ssl_force_tls = no", "set mail_check = 0", "set pipe_decode = yes",
                "set wait_key = no", "set header_cache = \"\"", "set message_cachedir = \"\"") + "\n");
        // mutt needs a terminal: script gives it one; the keys come from push, run once INBOX is open
        ProcessBuilder mutt = new ProcessBuilder(SCRIPT.toString(), "-qec", String.join(" ", MUTT.toString(), "-n", "-F",
                muttrc.toString(), "-f", server + "INBOX", "-e",
                "'push \"<pipe-message>cat > " + out + "<enter><quit>\"'"), "/dev/null")
                .redirectErrorStream(true);
        mutt.environment().clear();
        mutt.environment().put("PATH", "/usr/bin:/bin");
        mutt.environment().put("TERM", "xterm");
        mutt.environment().put("HOME", daemon.root().toString());
        Process p = mutt.start();
        // script's input stays open until mutt is done: at its end script would pass an EOF to mutt as a key
        byte[] screen = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mutt did not finish");
        p.getOutputStream().close();
        assertTrue(Files.exists(out), "mutt piped no message; its screen:\n" + new String(screen, StandardCharsets.UTF_8));
        String message = Files.readString(out);
        assertTrue(message.contains("Subject: " + SUBJECT), message);
    }

    private static void assumeInstalled(Path tool) {
        Assumptions.assumeTrue(Files.isExecutable(tool), tool + " is not installed (.ci/run installs it)");
    }

    /** Delivers hello.eml to {@code recipient} with Python's LMTP client over the daemon's UNIX socket. */
    private String deliver(String recipient) throws Exception {
        return run(List.of(PYTHON.toString(), TestFixtures.root().resolve("lmtp/lmtp_client.py").toString(),
                daemon.root().resolve("q/private/lmtp").toString(), "alice@example.org", recipient),
                TestFixtures.root().resolve("lmtp/hello.eml"));
    }

    /** imap_mail_client.py as {@code user} with {@code args}; what it printed. */
    private String imaplib(String user, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(),
                TestFixtures.root().resolve("imap/imap_mail_client.py").toString(), "127.0.0.1",
                Integer.toString(daemon.port()), user, password));
        command.addAll(List.of(args));
        return run(command, null);
    }

    private Path mbsyncConfig(Path maildir) throws IOException {
        Files.createDirectories(maildir);
        Path config = daemon.root().resolve("mbsyncrc");
        Files.writeString(config, String.join("\n",
                "IMAPAccount mia", "Host 127.0.0.1", "Port " + daemon.port(), "User " + MIA, "Pass " + MIA_PASSWORD,
                "SSLType None", "AuthMechs LOGIN", "Timeout 30", "",
                "IMAPStore far", "Account mia", "",
                "MaildirStore near", "Path " + maildir + "/", "Inbox " + maildir.resolve("INBOX"), "SubFolders Verbatim",
                "",
                "Channel mia", "Far :far:", "Near :near:", "Patterns *", "Create Both", "Expunge Both", "Sync All",
                "SyncState *", "") + "\n");
        return config;
    }

    private void mbsync(Path config) throws Exception {
        run(List.of(MBSYNC.toString(), "-c", config.toString(), "-a"), null);
    }

    /** Runs {@code command} (stdin from {@code input}, if any), which must exit 0 within a minute; its output. */
    private String run(List<String> command, Path input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", daemon.root().toString());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process p = builder.start();
        if (input == null) {
            p.getOutputStream().close();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish: " + out);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out + "\ndaemon log:\n" + daemon.log());
        return out;
    }

    /** The message files of a Maildir folder (cur and new). */
    private static List<Path> files(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            try (Stream<Path> files = Files.list(folder.resolve(sub))) {
                files.forEach(found::add);
            }
        }
        return found;
    }

    /** The one file of {@code files} with this Message-ID. */
    private static Path only(List<Path> files, String messageId) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path file : files) {
            if (Files.readString(file, StandardCharsets.ISO_8859_1).contains("Message-ID: " + messageId)) {
                found.add(file);
            }
        }
        assertEquals(1, found.size(), messageId + " in " + files);
        return found.get(0);
    }

    /** Every file under the Maildir with its flags (mbsync's state files included), sorted. */
    private static List<String> localState(Path maildir) throws IOException {
        try (Stream<Path> files = Files.walk(maildir)) {
            return files.filter(Files::isRegularFile).map(f -> maildir.relativize(f).toString()).sorted().toList();
        }
    }
}
