package org.storemulti.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.admin.StoreAdm;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MboxFormat;

/**
 * kill -9 of {@code storeadm spool save} and {@code spool recover} at random moments: the
 * spool's mailboxes are never damaged (each is as it was, or as recovered, whole), and running
 * again completes, removing the killed run's stale lock and temporary files.
 */
class SpoolKillTest {

    private static final int MAILBOXES = 6;
    private static final int ROUNDS = 6;
    private static final int MESSAGES = 250;

    @TempDir
    Path dir;

    /** A spool of a few mailboxes, each some megabytes of messages. */
    private static Path bigSpool(Path dir) throws IOException {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Random random = new Random(99);
        for (int m = 0; m < MAILBOXES; m++) {
            try (OutputStream out = Files.newOutputStream(spool.resolve("user" + m))) {
                for (int n = 0; n < MESSAGES; n++) {
                    out.write(SpoolFixtures.message("m" + m + " n" + n, "<" + m + "." + n + "@example.org>")
                            .replace("\n\n>From", "\n\n" + "x".repeat(4000 + random.nextInt(12000)) + "\n>From")
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            Files.getFileAttributeView(spool.resolve("user" + m), BasicFileAttributeView.class)
                    .setTimes(SpoolFixtures.MODIFIED, SpoolFixtures.ACCESSED, null);
        }
        return spool;
    }

    /** Each mailbox's SHA-256, read without leaving a trace in its times (the save's own check looks at them). */
    private static Map<String, String> digests(Path spool) throws IOException {
        Map<String, String> digests = new HashMap<>();
        for (int m = 0; m < MAILBOXES; m++) {
            Path mailbox = spool.resolve("user" + m);
            BasicFileAttributes times = Files.readAttributes(mailbox, BasicFileAttributes.class);
            byte[] content = Files.readAllBytes(mailbox);
            Files.getFileAttributeView(mailbox, BasicFileAttributeView.class)
                    .setTimes(times.lastModifiedTime(), times.lastAccessTime(), null);
            digests.put("user" + m, HexFormat.of().formatHex(SpoolSave.sha256().digest(content)));
        }
        return digests;
    }

    /**
     * storeadm in a JVM of its own, killed with SIGKILL {@code extraMillis} after it is seen
     * at work ({@code working} holds), so the kill lands in the middle of what it does.
     */
    private static void runAndKill(java.util.concurrent.Callable<Boolean> working, long extraMillis, String... args)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), StoreAdm.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (child.isAlive() && !working.call() && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(1); // polling for the first sign of work, against a deadline
        }
        if (!child.waitFor(extraMillis, TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }

    private static List<Path> hidden(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")
                    || p.getFileName().toString().endsWith(".lock")).toList();
        }
    }

    private static SpoolSave.Options saveOptions() {
        return new SpoolSave.Options(List.of(), LockPolicy.defaults().withMaxWait(Duration.ofSeconds(5)),
                java.time.Clock.systemUTC());
    }

    @Test
    void aSaveKilledAnywhereLeavesTheSpoolAsItWasAndTheNextSaveCompletesWithTheTimesBack() throws Exception {
        Path spool = bigSpool(dir);
        Path archives = dir.resolve("archives");
        Map<String, String> original = digests(spool);
        Random random = new Random(7);
        int midway = 0;
        for (int round = 0; round < ROUNDS; round++) {
            runAndKill(() -> !new ArchiveDirectory(archives).leftovers().isEmpty(), random.nextInt(80),
                    "spool", "save", spool.toString(), "--to", archives.toString());
            midway += new ArchiveDirectory(archives).leftovers().isEmpty() ? 0 : 1;
            assertEquals(original, digests(spool), "round " + round + ": the spool is never changed");
            SpoolSave.Report again = SpoolSave.save(spool, archives, saveOptions());
            assertEquals(List.of(), again.problems(), "round " + round);
            assertEquals(List.of(), hidden(spool), "round " + round + ": no lock or temporary file left");
            for (int m = 0; m < MAILBOXES; m++) {
                BasicFileAttributes times = Files.readAttributes(spool.resolve("user" + m), BasicFileAttributes.class);
                assertEquals(SpoolFixtures.MODIFIED, times.lastModifiedTime(), "round " + round + " user" + m);
                assertEquals(SpoolFixtures.ACCESSED, times.lastAccessTime(), "round " + round + " user" + m);
            }
            assertEquals(original.get("user0"), Manifest.readFrom(again.archive()).byName().get("user0").sha256());
        }
        System.out.println("SpoolKillTest: " + midway + " of " + ROUNDS + " saves killed with an archive half made");
    }

    @Test
    void aRecoverKilledAnywhereLeavesEachMailboxAsItWasOrAsRecoveredAndRunningAgainCompletes() throws Exception {
        Path spool = bigSpool(dir);
        Path archives = dir.resolve("archives");
        SpoolSave.save(spool, archives, saveOptions());
        Map<String, String> archived = digests(spool);
        Random random = new Random(8);
        int midway = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String mode = round % 2 == 0 ? "--force" : "--merge";
            for (int m = 0; m < MAILBOXES; m++) {
                if (mode.equals("--merge")) {
                    keepFirstHalf(spool.resolve("user" + m)); // the user deleted half of it
                }
                SpoolFixtures.deliver(spool.resolve("user" + m), "round " + round);
            }
            Map<String, String> changed = digests(spool);
            runAndKill(() -> !hidden(spool).isEmpty(), random.nextInt(80), "spool", "recover", mode,
                    archives.toString());
            midway += hidden(spool).isEmpty() ? 0 : 1;
            Map<String, String> after = digests(spool);
            for (int m = 0; m < MAILBOXES; m++) {
                String name = "user" + m;
                if (!after.get(name).equals(changed.get(name)) && mode.equals("--force")) {
                    assertEquals(archived.get(name), after.get(name), "round " + round + " " + name + ": whole");
                } else if (!after.get(name).equals(changed.get(name))) {
                    assertMergedWhole(spool.resolve(name));
                }
            }
            SpoolRecover.Options options = new SpoolRecover.Options(null, SpoolRecover.Mode.FORCE, List.of(), List.of(),
                    LockPolicy.defaults().withMaxWait(Duration.ofSeconds(5)), MboxFormat.mboxo());
            assertTrue(SpoolRecover.recover(archives, options).stream().noneMatch(SpoolRecover.Outcome::failed));
            assertEquals(archived, digests(spool), "round " + round + ": running again completes");
            assertEquals(List.of(), hidden(spool), "round " + round + ": no lock or temporary file left");
        }
        System.out.println("SpoolKillTest: " + midway + " of " + ROUNDS + " recovers killed with a lock or temporary"
                + " file left behind");
    }

    private static void keepFirstHalf(Path mailbox) throws IOException {
        String text = Files.readString(mailbox, StandardCharsets.ISO_8859_1);
        int at = 0;
        for (int n = 0; n < MESSAGES / 2; n++) {
            at = text.indexOf("\nFrom sender@example.org  ", at + 1);
        }
        Files.writeString(mailbox, text.substring(0, at + 1), StandardCharsets.ISO_8859_1);
    }

    /** A merged mailbox: the half kept, the new one, the archived ones it lacked; each once, whole. */
    private static void assertMergedWhole(Path mailbox) throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        try (var reader = org.storemulti.sync.mbox.MboxReader.open(mailbox, MboxFormat.mboxo())) {
            while (reader.next()) {
                ids.add(reader.messageId());
                try (var content = reader.content()) {
                    String text = new String(content.readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertTrue(text.endsWith("\n"), mailbox + ": " + reader.messageId() + " cut");
                }
            }
        }
        assertEquals(MESSAGES + 1, ids.size(), mailbox.toString());
        assertEquals(MESSAGES + 1, Set.copyOf(ids).size(), mailbox.toString());
    }
}
