package org.storemulti.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.Store;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.UidSet;
import org.storemulti.sync.location.Folder;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.store.StoreLocation;

/** {@code storeadm sync} / {@code dsync} / {@code sync-server} end to end on two instances. */
class SyncCommandsTest {

    static final String JOE = "joe@example.com";

    @TempDir
    Path root;
    Instance a;
    Instance b;

    @BeforeEach
    void instances() {
        a = new Instance(root.resolve("a"));
        b = new Instance(root.resolve("b"));
        for (Instance each : List.of(a, b)) {
            each.ok("domain_add", "example.com");
        }
        a.ok("-d", "example.com", "mbox_user_add", "joe");
    }

    /** Appends {@code count} distinct messages to {@code user}'s INBOX in {@code instance}. */
    static void fill(Instance instance, String user, int count, String tag) throws IOException {
        try (Store store = instance.open()) {
            var inbox = store.messages().mailbox("example.com", "user/" + user.substring(0, user.indexOf('@')) + "/INBOX");
            for (int i = 0; i < count; i++) {
                String text = "From: ann@example.com\r\nSubject: " + tag + " " + i + "\r\n\r\n" + ("body " + tag + " " + i
                        + "\r\n").repeat(50);
                inbox.append(new ByteArrayInputStream(text.getBytes(UTF_8)), i % 3 == 0 ? Flags.of("\\Seen") : Flags.of(),
                        Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i));
            }
        }
    }

    /** Every mailbox of {@code user}: name → UID, GUID and flags of each message (what both sides must agree on). */
    static Map<String, List<String>> view(Instance instance, String user) throws IOException {
        Map<String, List<String>> view = new TreeMap<>();
        try (StoreLocation location = StoreLocation.open(instance.dataDirectory, "store:view");
                UserMail mail = location.open(user, false)) {
            for (FolderInfo info : mail.folders()) {
                Folder folder = mail.folder(info.guid());
                List<String> messages = new ArrayList<>();
                for (MessageMeta m : folder.messages(UidSet.ALL)) {
                    messages.add(m.uid() + " " + m.guid() + " " + m.flags().column());
                }
                view.put(info.name() + " uidvalidity " + info.uidValidity(), messages);
            }
        }
        return view;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The words of a command that runs storeadm's sync-server for {@code instance} in a fresh JVM. */
    static List<String> syncServer(Instance instance, String user) {
        return List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                StoreAdm.class.getName(), "-c", instance.configDirectory.toString(), "sync-server", "-u", user);
    }

    @Test
    void aMirrorToAnotherInstanceCopiesEverythingAndASecondRunTransfersNothing() throws IOException {
        fill(a, JOE, 20, "a");
        Instance.Result first = a.run("sync", "-u", JOE, "mirror", "store:" + b.configDirectory);
        assertEquals(0, first.status(), first.toString());
        assertEquals("", first.err());
        assertEquals(view(a, JOE), view(b, JOE));
        Instance.Result second = a.run("sync", "-v", "-u", JOE, "mirror", b.configDirectory.toString());
        assertEquals(0, second.status(), second.toString());
        assertTrue(second.out().contains("0 messages copied (0 bytes)"), second.out());
        // the first run gave the new INBOX its peer's identity: the second looks at it again (nothing to move),
        // from then on an unchanged mailbox is skipped
        Instance.Result third = a.run("sync", "-v", "-u", JOE, "mirror", b.configDirectory.toString());
        assertTrue(third.out().contains("0 mailboxes synced, 1 unchanged, 0 messages copied (0 bytes)"), third.out());
        assertEquals("", b.ok("db", "verify"));
    }

    @Test
    void dsyncIsTheSameCommandAndBackupNeverChangesTheSource() throws IOException {
        fill(a, JOE, 5, "a");
        assertEquals(0, a.run("dsync", "-u", JOE, "backup", b.configDirectory.toString()).status());
        fill(b, JOE, 3, "b");
        Map<String, List<String>> source = view(a, JOE);
        Instance.Result again = a.run("dsync", "-f", "-u", JOE, "backup", b.configDirectory.toString());
        assertEquals(0, again.status(), again.toString());
        assertEquals(source, view(a, JOE), "the source is never changed");
        assertEquals(source, view(b, JOE), "the destination's own messages are discarded");
        fill(b, JOE, 2, "b2");
        assertEquals(0, a.run("sync", "-R", "-u", JOE, "backup", b.configDirectory.toString()).status());
        assertEquals(view(b, JOE), view(a, JOE));
    }

    @Test
    void aPeerThatIsACommandRunningSyncServerIsSyncedThroughTheProtocol() throws IOException {
        fill(a, JOE, 10, "a");
        List<String> args = new ArrayList<>(List.of("sync", "-u", JOE, "mirror"));
        args.addAll(syncServer(b, JOE));
        Instance.Result result = a.run(args.toArray(String[]::new));
        assertEquals(0, result.status(), result.toString());
        assertEquals(view(a, JOE), view(b, JOE));
        Instance.Result again = a.run(args.toArray(String[]::new));
        assertEquals(0, again.status(), again.toString());
        assertEquals(view(a, JOE), view(b, JOE));
    }

    /**
     * The seed's remote form, {@code ssh HOST storeadm sync-server}, over a real sshd on loopback
     * (a throwaway one: its own host key, port and authorized key). Skipped without Debian's
     * openssh-server or when not root (sshd's privilege separation needs root).
     */
    @Test
    void aPeerReachedOverSshLocalhostIsSyncedThroughTheProtocol() throws Exception {
        Path sshd = Path.of("/usr/sbin/sshd");
        assumeTrue(Files.isExecutable(sshd) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
                "openssh-server is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "sshd needs root");
        fill(a, JOE, 10, "a");
        Path dir = root.resolve("ssh");
        Files.createDirectories(dir);
        for (String key : List.of("host_key", "client_key")) {
            Process keygen = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    dir.resolve(key).toString()).redirectErrorStream(true).start();
            assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes(), UTF_8));
        }
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.write(dir.resolve("sshd_config"), List.of("Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"), "PermitRootLogin prohibit-password", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no"));
        Files.createDirectories(Path.of("/run/sshd")); // its privilege separation directory, as Debian's unit makes it
        Process server = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        try {
            awaitListening(port, server, dir.resolve("sshd.log"));
            List<String> args = new ArrayList<>(List.of("sync", "-u", JOE, "mirror", "ssh", "-i",
                    dir.resolve("client_key").toString(), "-p", String.valueOf(port), "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                    "root@127.0.0.1"));
            args.addAll(syncServer(b, JOE));
            Instance.Result result = a.run(args.toArray(String[]::new));
            assertEquals(0, result.status(), result + "; sshd: " + Files.readString(dir.resolve("sshd.log")));
            assertEquals(view(a, JOE), view(b, JOE));
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(int port, Process server, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("sshd did not listen on " + port + ": " + Files.readString(log), e);
                }
                server.waitFor(50, TimeUnit.MILLISECONDS); // polls the port; returns early if sshd died
            }
        }
    }

    @Test
    void everyUserWithMinusAIsSyncedInOneRun() throws IOException {
        for (String name : List.of("ann", "bob", "cid")) {
            a.ok("-d", "example.com", "mbox_user_add", name);
            fill(a, name + "@example.com", 3, name);
        }
        Instance.Result result = a.run("sync", "-A", "backup", b.configDirectory.toString());
        assertEquals(0, result.status(), result.toString());
        for (String name : List.of("ann", "bob", "cid", "joe")) {
            assertEquals(view(a, name + "@example.com"), view(b, name + "@example.com"), name);
        }
        assertEquals(0, a.run("sync", "-A", "mirror", b.configDirectory.toString()).status());
    }

    @Test
    void minusAToAnInstanceWithoutTheDomainMakesItOnceWhileTheWorkersRaceForIt() throws IOException {
        for (int i = 0; i < 8; i++) {
            a.ok("-d", "example.com", "mbox_user_add", "user" + i);
        }
        Instance c = new Instance(root.resolve("c"));
        Instance.Result result = a.run("sync", "-A", "backup", c.configDirectory.toString());
        assertEquals(0, result.status(), result.toString());
        assertEquals(view(a, "user7@example.com"), view(c, "user7@example.com"));
    }

    @Test
    void aCommandLineSyncCannotUseExitsOneWithOneLineNeverTwo() {
        for (List<String> args : List.of(List.of("sync", "mirror"), List.of("sync", "-u", JOE, "-A", "mirror", "x"),
                List.of("sync", "-u", JOE, "-R", "mirror", b.configDirectory.toString()),
                List.of("sync", "-u", JOE, "copy", b.configDirectory.toString()),
                List.of("sync", "-u", JOE, "-C", "ab", "mirror", b.configDirectory.toString()),
                List.of("sync", "-u", JOE, "-o", "no_such_parameter=1", "mirror", b.configDirectory.toString()),
                List.of("sync", "--no-such-option", "mirror", "x"),
                List.of("sync", "-u", JOE, "mirror", "store:" + root.resolve("nowhere")))) {
            Instance.Result result = a.run(args.toArray(String[]::new));
            assertEquals(1, result.status(), args + ": " + result);
            assertEquals(1, result.err().lines().count(), args + ": " + result.err());
        }
    }

    @Test
    void aPeerCommandThatFailsIsExitOneAndChangesNothing() throws IOException {
        fill(a, JOE, 3, "a");
        Map<String, List<String>> before = view(a, JOE);
        Instance.Result result = a.run("sync", "-u", JOE, "mirror", "false");
        assertEquals(1, result.status(), result.toString());
        assertNotEquals("", result.err());
        assertEquals(before, view(a, JOE));
    }
}
