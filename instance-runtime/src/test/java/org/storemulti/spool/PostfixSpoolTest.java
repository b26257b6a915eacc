package org.storemulti.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MailboxLock;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxReader;

/**
 * spool save and mbox reads while Debian's Postfix local(8) keeps delivering into the same
 * mailboxes: nothing seen half, nothing lost, no delivery held up past Postfix's patience, and
 * Postfix waits for our locks as we wait for its own. Skipped without root and Postfix.
 */
class PostfixSpoolTest {

    @TempDir
    static Path root;

    private static PrivatePostfix postfix;
    private static final Pattern END = Pattern.compile("(?m)^end of message ([0-9]+)$");

    @BeforeAll
    static void startPostfix() throws Exception {
        assumeTrue(PrivatePostfix.available(), "needs root and Debian's postfix package (.ci/run installs it)");
        postfix = PrivatePostfix.start(Files.createDirectory(root.resolve("postfix")), 5);
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (postfix != null) {
            postfix.close();
        }
    }

    /** Message {@code n}: a body of random length with lines Postfix must quote, and a last line saying which. */
    private static String message(int n, Random random) {
        StringBuilder body = new StringBuilder("Subject: load " + n + "\nMessage-ID: <load." + n + "@example.org>\n\n");
        int lines = random.nextInt(400);
        for (int i = 0; i < lines; i++) {
            body.append(i % 37 == 0 ? "From line " + i + " of " + n : "line " + i + " of message " + n).append('\n');
        }
        return body.append("end of message ").append(n).append('\n').toString();
    }

    /**
     * Each message in {@code mbox} whole: its own end line last, numbers never twice. Returns the
     * numbers found, in order.
     */
    private static List<Integer> wholeMessages(Path mbox) throws IOException {
        List<Integer> found = new ArrayList<>();
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.mboxo())) {
            while (reader.next()) {
                String text;
                try (InputStream content = reader.content()) {
                    text = new String(content.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                Matcher subject = Pattern.compile("(?m)^Subject: load ([0-9]+)$").matcher(text);
                assertTrue(subject.find(), mbox + ": a message without its subject: " + text);
                int n = Integer.parseInt(subject.group(1));
                assertTrue(text.endsWith("\nend of message " + n + "\n"), mbox + ": message " + n + " is cut: ...."
                        + text.substring(Math.max(0, text.length() - 80)));
                Matcher end = END.matcher(text);
                assertTrue(end.find() && !end.find(), mbox + ": message " + n + " holds another's end");
                assertTrue(!found.contains(n), mbox + ": message " + n + " twice");
                found.add(n);
            }
        }
        return found;
    }

    @Test
    void savesAndReadsWhilePostfixDeliversSeeOnlyWholeMessagesAndHoldNoDeliveryUp() throws Exception {
        int total = 200;
        Path archives = root.resolve("archives");
        List<String> users = postfix.users().subList(0, 2);
        long before = postfix.delivered();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Map<String, List<Integer>> sentTo = new HashMap<>();
        users.forEach(u -> sentTo.put(u, new ArrayList<>()));
        Random random = new Random(15);
        for (int n = 0; n < total; n++) {
            sentTo.get(users.get(n % users.size())).add(n);
        }
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sending = sender.submit(() -> {
            Random bodies = new Random(16);
            for (int n = 0; n < total; n++) {
                postfix.send(users.get(n % users.size()), message(n, bodies));
            }
            return null;
        });
        int saves = 0;
        int reads = 0;
        LockPolicy locks = LockPolicy.defaults().withNotices(n -> failures.add(new AssertionError("notice: " + n)));
        while (!sending.isDone() || postfix.delivered() < before + total && saves < 10_000) {
            SpoolSave.Report report = SpoolSave.save(postfix.spool, archives, new SpoolSave.Options(List.of(), locks,
                    java.time.Clock.systemUTC()));
            assertEquals(List.of(), report.problems());
            for (String user : users) {
                if (Files.exists(report.archive().resolve(user))) {
                    wholeMessages(report.archive().resolve(user));
                }
                if (Files.exists(postfix.mailbox(user))) {
                    try (MboxReader snapshot = MboxReader.snapshot(postfix.mailbox(user), root, locks, MboxFormat.mboxo())) {
                        wholeMessages(snapshot.file());
                        reads++;
                    }
                }
            }
            saves++;
        }
        sending.get(60, TimeUnit.SECONDS);
        sender.shutdown();
        postfix.awaitDelivered(before + total, Duration.ofSeconds(120));
        SpoolSave.Report last = SpoolSave.save(postfix.spool, archives, new SpoolSave.Options(List.of(), locks,
                java.time.Clock.systemUTC()));
        for (String user : users) {
            List<Integer> saved = new ArrayList<>(wholeMessages(last.archive().resolve(user)));
            saved.sort(null); // local(8) delivers to a user two at a time: arrival order varies
            assertEquals(sentTo.get(user), saved, user + ": every message once");
        }
        assertEquals(List.of(), postfix.notSent(), "no delivery deferred or bounced");
        assertEquals("Mail queue is empty", postfix.queue());
        assertEquals(List.of(), failures);
        assertTrue(saves >= 3 && reads >= 3, "the loop ran: " + saves + " saves, " + reads + " reads");
        List<Double> times = postfix.deliveryTimes(before);
        double longest = times.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        assertTrue(longest < 10, "a delivery waited " + longest + " s (Postfix gives up after 20)");
        System.out.printf("PostfixSpoolTest: %d deliveries, %d saves and %d snapshot reads alongside; %d deliveries"
                + " waited a second or more for a lock, the longest %.2f s%n", total, saves, reads,
                times.stream().filter(t -> t >= 1).count(), longest);
    }

    @Test
    void postfixWaitsForOurLocksAndDeliversOnceTheyAreGone() throws Exception {
        String user = postfix.users().get(2);
        Path mailbox = postfix.mailbox(user);
        long before = postfix.delivered();
        postfix.send(user, "Subject: first\nMessage-ID: <first@example.org>\n\nmakes the mailbox\n");
        postfix.awaitDelivered(before + 1, Duration.ofSeconds(60));
        before++;
        long size;
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, LockPolicy.defaults())) {
            assertEquals(mailbox, lock.mailbox());
            postfix.send(user, "Subject: while locked\nMessage-ID: <locked@example.org>\n\nwaited\n");
            size = Files.size(mailbox);
            java.time.Instant until = java.time.Instant.now().plusSeconds(3);
            while (java.time.Instant.now().isBefore(until)) {
                assertEquals(size, Files.size(mailbox), "Postfix wrote while we held the locks");
                Thread.sleep(100); // watching for a write that must not come, for three seconds
            }
        }
        postfix.awaitDelivered(before + 1, Duration.ofSeconds(60));
        assertTrue(Files.readString(mailbox, StandardCharsets.ISO_8859_1).contains("\nwaited\n"));
        String line = postfix.deliveries().get(postfix.deliveries().size() - 1);
        assertTrue(line.contains("status=sent"), line);
    }

    @Test
    void aStaleLockOfAKilledSaveIsBrokenAtOnceByTheNextAndPostfixThenDelivers() throws Exception {
        String user = postfix.users().get(3);
        Path mailbox = postfix.mailbox(user);
        long before = postfix.delivered();
        postfix.send(user, "Subject: first\nMessage-ID: <first.3@example.org>\n\nmakes the mailbox\n");
        postfix.awaitDelivered(before + 1, Duration.ofSeconds(60));
        before++;
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(mailbox.resolveSibling(user + ".lock"), gone.pid() + "\n");
        postfix.send(user, "Subject: behind a stale lock\nMessage-ID: <stale@example.org>\n\nlate\n");
        List<String> notices = new CopyOnWriteArrayList<>();
        SpoolSave.save(postfix.spool, root.resolve("stale-archives"), new SpoolSave.Options(List.of(),
                LockPolicy.defaults().withNotices(notices::add), java.time.Clock.systemUTC()));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).endsWith(": its process is gone"), notices.get(0));
        postfix.awaitDelivered(before + 1, Duration.ofSeconds(60));
        assertTrue(Files.readString(mailbox, StandardCharsets.ISO_8859_1).contains("\nlate\n"));
    }

    @Test
    void afterASaveTheNewMailTestAnswersAsBeforeForAMailboxPostfixWrote() throws Exception {
        String user = postfix.users().get(4);
        Path mailbox = postfix.mailbox(user);
        long before = postfix.delivered();
        postfix.send(user, "Subject: new\nMessage-ID: <new@example.org>\n\nunread\n");
        postfix.awaitDelivered(before + 1, Duration.ofSeconds(60));
        BasicFileAttributes was = Files.readAttributes(mailbox, BasicFileAttributes.class);
        int newMail = PrivatePostfix.newMailTest(mailbox);
        SpoolSave.save(postfix.spool, root.resolve("n-archives"), new SpoolSave.Options(List.of(), LockPolicy.defaults(),
                java.time.Clock.systemUTC()));
        BasicFileAttributes is = Files.readAttributes(mailbox, BasicFileAttributes.class);
        assertEquals(was.lastModifiedTime(), is.lastModifiedTime());
        assertEquals(was.lastAccessTime(), is.lastAccessTime());
        assertEquals(newMail, PrivatePostfix.newMailTest(mailbox));
        assertEquals(0, newMail, "Postfix just delivered: bash says new mail");
    }
}
