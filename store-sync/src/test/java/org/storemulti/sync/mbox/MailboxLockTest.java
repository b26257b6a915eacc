package org.storemulti.sync.mbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mail locks against the programs Debian's mail system is made of: Python's fcntl and
 * mailbox locks, liblockfile's dotlockfile, flock(1), bash's new-mail test.
 */
class MailboxLockTest {

    @TempDir
    static Path realTemp;

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    static Stream<Arguments> fileSystems() throws IOException {
        return FileSystems.both(realTemp);
    }

    private LockPolicy policy(Duration wait) {
        return LockPolicy.defaults().withMaxWait(wait).withNotices(notices::add);
    }

    private Path mailbox(Path in) throws IOException {
        Path mailbox = in.resolve("joe");
        Files.writeString(mailbox, "From a Thu Jan  4 08:00:00 2024\nSubject: one\n\nbody\n\n");
        return mailbox;
    }

    @Test
    void javasFileLockIsAnFcntlLockThatPythonsLockfSeesAndFlockDoesNot() throws Exception {
        assumeTrue(Processes.onPath("python3") && Processes.onPath("flock"), "python3 and flock(1) needed");
        Path mailbox = mailbox(dir);
        String tryLockf = "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n fcntl.lockf(f, fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
                + " print('got it')\nexcept OSError:\n print('busy')";
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofSeconds(5)))) {
            assertEquals("busy\n", Processes.output("python3", "-c", tryLockf, mailbox.toString()));
            assertEquals(0, Processes.run("flock", "-n", "-x", mailbox.toString(), "true"),
                    "flock(2) locks are separate from fcntl ones on Linux: Postfix on Debian uses fcntl");
        }
        assertEquals("got it\n", Processes.output("python3", "-c", tryLockf, mailbox.toString()));
    }

    @Test
    void closingAnyOtherDescriptorOfTheFileDropsTheFcntlLockSoWeNeverOpenOne() throws Exception {
        assumeTrue(Processes.onPath("python3"), "python3 needed");
        Path mailbox = mailbox(dir);
        String tryLockf = "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n fcntl.lockf(f, fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
                + " print('got it')\nexcept OSError:\n print('busy')";
        try (FileChannel locked = FileChannel.open(mailbox, StandardOpenOption.READ)) {
            locked.lock(0, Long.MAX_VALUE, true);
            assertEquals("busy\n", Processes.output("python3", "-c", tryLockf, mailbox.toString()));
            FileTime now = FileTime.from(Instant.now());
            Files.getFileAttributeView(mailbox, BasicFileAttributeView.class).setTimes(now, now, null);
            assertEquals("got it\n", Processes.output("python3", "-c", tryLockf, mailbox.toString()),
                    "setTimes opened and closed a descriptor: the JVM's POSIX lock is gone");
        }
    }

    @Test
    void anFcntlLockHeldElsewhereIsWaitedForThenReportedWithoutLeavingOurDotlock() throws Exception {
        assumeTrue(Processes.onPath("python3"), "python3 needed");
        Path mailbox = mailbox(dir);
        try (Processes.Holder python = Processes.Holder.pythonLockf(mailbox)) {
            assertEquals("locked", python.awaitLine());
            MailboxLockedException e = assertThrows(MailboxLockedException.class,
                    () -> MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofMillis(300))));
            assertEquals(mailbox + ": locked by another process (an fcntl lock on the file); gave up after 0 s: try"
                    + " again later (a lock file whose process is gone is removed at once, any other after its age"
                    + " limit)", e.getMessage());
            assertFalse(Files.exists(DotLock.lockFileOf(mailbox)), "the dotlock is let go between attempts");
            python.finish();
        }
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.WRITE, policy(Duration.ofSeconds(5)))) {
            assertTrue(Files.exists(DotLock.lockFileOf(mailbox)));
        }
        assertFalse(Files.exists(DotLock.lockFileOf(mailbox)));
    }

    @Test
    void ourDotlockHoldsOffDotlockfileAndCarriesOurPid() throws Exception {
        assumeTrue(Processes.onPath("dotlockfile"), "liblockfile-bin needed");
        Path mailbox = mailbox(dir);
        Path lockFile = DotLock.lockFileOf(mailbox);
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofSeconds(5)))) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(lockFile));
            assertNotEquals(0, Processes.run("dotlockfile", "-p", "-r", "0", lockFile.toString()),
                    "liblockfile sees a live lock");
        }
        assertEquals(0, Processes.run("dotlockfile", "-p", "-r", "0", lockFile.toString()));
        assertEquals(0, Processes.run("dotlockfile", "-u", lockFile.toString()));
    }

    @Test
    void aLiveDotlockIsWaitedForAndReportedWithItsPid() throws Exception {
        assumeTrue(Processes.onPath("dotlockfile"), "liblockfile-bin needed");
        Path mailbox = mailbox(dir);
        try (Processes.Holder holder = Processes.Holder.dotlockfile(DotLock.lockFileOf(mailbox))) {
            assertEquals("locked", holder.awaitLine());
            MailboxLockedException e = assertThrows(MailboxLockedException.class,
                    () -> MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofMillis(500))));
            assertTrue(e.getMessage().startsWith(mailbox + ": locked by " + DotLock.lockFileOf(mailbox) + " (pid "
                    + holder.process.pid() + ", "), e.getMessage());
            assertEquals(List.of(), notices, "a live lock is not broken");
            CountingClock clock = new CountingClock(2);
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> acquired = waiter.submit(() -> {
                    try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ,
                            new LockPolicy(Duration.ofSeconds(20), Duration.ofMillis(20), Duration.ofMinutes(5),
                                    Duration.ofSeconds(10), clock, notices::add))) {
                        return true;
                    }
                });
                assertTrue(clock.calls.await(20, TimeUnit.SECONDS), "the waiter has tried once");
                holder.finish();
                assertTrue(acquired.get(20, TimeUnit.SECONDS));
            } finally {
                waiter.shutdownNow();
            }
        }
    }

    @Test
    void theDotlockOfAKilledWriterIsBrokenAtOnceBecauseItsPidIsGone() throws Exception {
        assumeTrue(Processes.onPath("dotlockfile"), "liblockfile-bin needed");
        Path mailbox = mailbox(dir);
        Path lockFile = DotLock.lockFileOf(mailbox);
        try (Processes.Holder holder = Processes.Holder.dotlockfile(lockFile)) {
            assertEquals("locked", holder.awaitLine());
            holder.kill();
        }
        assertTrue(Files.exists(lockFile), "kill -9 left the lock behind");
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofSeconds(5)))) {
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.get(0).startsWith("removed stale lock " + lockFile + " (pid "), notices.get(0));
            assertTrue(notices.get(0).endsWith(": its process is gone"), notices.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void anEmptyLockAsPostfixWritesItIsLiveUntilItsAgeLimitThenBroken(String fs, Path in) throws Exception {
        Path mailbox = mailbox(in);
        Path lockFile = Files.createFile(DotLock.lockFileOf(mailbox));
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Files.setLastModifiedTime(lockFile, FileTime.from(now.minusSeconds(299)));
        LockPolicy young = policy(Duration.ofMillis(200)).withStaleAfter(Duration.ofMinutes(5));
        LockPolicy at = new LockPolicy(young.maxWait(), young.firstRetry(), young.staleAfter(), young.maxHold(),
                Clock.fixed(now, ZoneOffset.UTC), notices::add);
        assertThrows(MailboxLockedException.class, () -> MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, at));
        Files.setLastModifiedTime(lockFile, FileTime.from(now.minusSeconds(301)));
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, at)) {
            assertEquals(List.of("removed stale lock " + lockFile + " (301 s old): older than PT5M"), notices);
        }
        assertFalse(Files.exists(lockFile));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aLockBrokenUnderUsIsLeftToItsNewOwnerAndSaid(String fs, Path in) throws Exception {
        Path mailbox = mailbox(in);
        Path lockFile = DotLock.lockFileOf(mailbox);
        MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofSeconds(1)));
        Files.delete(lockFile);
        Files.writeString(lockFile, "4242\n");
        lock.close();
        assertEquals("4242\n", Files.readString(lockFile));
        assertEquals(List.of(lockFile + " was no longer ours when we let go of " + mailbox + " (someone judged it stale)"),
                notices);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void twoThreadsOfOneProcessTakeTurns(String fs, Path in) throws Exception {
        Path mailbox = mailbox(in);
        try (MailboxLock lock = MailboxLock.acquire(mailbox, MailboxLock.Mode.WRITE, policy(Duration.ofSeconds(1)))) {
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<?> attempt = other.submit(() -> MailboxLock.acquire(mailbox, MailboxLock.Mode.READ,
                        policy(Duration.ofMillis(100))));
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> attempt.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof MailboxLockedException, e.getCause().toString());
                assertTrue(e.getCause().getMessage().contains("another thread of this process"));
            } finally {
                other.shutdownNow();
            }
            assertThrows(IllegalStateException.class,
                    () -> MailboxLock.acquire(mailbox, MailboxLock.Mode.READ, policy(Duration.ofMillis(100))));
        }
    }

    @Test
    void aSnapshotWaitsForAWriterHoldingBothLocksAndSeesItsMessageWhole() throws Exception {
        assumeTrue(Processes.onPath("python3"), "python3 needed");
        Path mailbox = mailbox(dir);
        // Python's mailbox module locks fcntl first, then the dotlock (the other order from Postfix)
        String writer = "import mailbox,sys\nbox=mailbox.mbox(sys.argv[1], create=False)\nbox.lock()\n"
                + "f=open(sys.argv[1],'a')\nf.write('From b Thu Jan  4 08:01:00 2024\\nSubject: two\\n\\nfirst half\\n')\n"
                + "f.flush()\nprint('half', flush=True)\nsys.stdin.readline()\n"
                + "f.write('second half\\n\\n')\nf.close()\nbox.unlock()\nprint('done', flush=True)\nsys.stdin.read()";
        try (Processes.Holder python = new Processes.Holder(List.of("python3", "-c", writer, mailbox.toString()))) {
            assertEquals("half", python.awaitLine());
            CountingClock clock = new CountingClock(2);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<List<MboxRoundTripTest.Read>> snapshot = reader.submit(() -> {
                    LockPolicy policy = new LockPolicy(Duration.ofSeconds(20), Duration.ofMillis(20),
                            Duration.ofMinutes(5), Duration.ofSeconds(10), clock, notices::add);
                    try (MboxReader read = MboxReader.snapshot(mailbox, dir, policy,
                            MboxFormat.defaults().withZone(ZoneOffset.UTC))) {
                        return MboxRoundTripTest.readAll(read.file(), MboxFormat.defaults().withZone(ZoneOffset.UTC));
                    }
                });
                assertTrue(clock.calls.await(20, TimeUnit.SECONDS), "the snapshot has tried once");
                python.say("go");
                assertEquals("done", python.awaitLine());
                List<MboxRoundTripTest.Read> messages = snapshot.get(20, TimeUnit.SECONDS);
                assertEquals(2, messages.size());
                assertEquals("Subject: two\n\nfirst half\nsecond half\n",
                        new String(messages.get(1).content(), StandardCharsets.US_ASCII));
            } finally {
                reader.shutdownNow();
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no snapshot copy or lock file left behind");
        }
    }

    @Test
    void afterASnapshotTheNewMailTestAnswersAsBeforeAndTheTimesAreTheOldOnesToTheNanosecond() throws Exception {
        assumeTrue(Processes.onPath("bash"), "bash needed");
        Path mailbox = mailbox(dir);
        BasicFileAttributeView view = Files.getFileAttributeView(mailbox, BasicFileAttributeView.class);
        FileTime modified = FileTime.from(Instant.parse("2026-12-07T10:00:00.123456789Z"));
        FileTime accessed = FileTime.from(Instant.parse("2026-12-07T09:00:00.987654321Z"));
        for (boolean newMail : List.of(true, false)) {
            view.setTimes(modified, newMail ? accessed : FileTime.from(modified.toInstant().plusSeconds(60)), null);
            BasicFileAttributes before = view.readAttributes();
            int testBefore = Processes.run("bash", "-c", "[ -N \"$0\" ]", mailbox.toString());
            assertEquals(newMail ? 0 : 1, testBefore);
            try (MboxReader reader = MboxReader.snapshot(mailbox, dir, policy(Duration.ofSeconds(5)),
                    MboxFormat.defaults())) {
                assertTrue(reader.next());
            }
            BasicFileAttributes after = view.readAttributes();
            assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
            assertEquals(before.lastAccessTime(), after.lastAccessTime());
            assertEquals(testBefore, Processes.run("bash", "-c", "[ -N \"$0\" ]", mailbox.toString()));
        }
        view.setTimes(modified, accessed, null);
        Files.readAllBytes(mailbox);
        assertEquals(1, Processes.run("bash", "-c", "[ -N \"$0\" ]", mailbox.toString()),
                "control: a plain read does flip it (relatime)");
    }

    /** A system clock that counts down a latch on each reading: "the lock loop has been round". */
    static final class CountingClock extends Clock {

        final CountDownLatch calls;

        CountingClock(int count) {
            this.calls = new CountDownLatch(count);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            calls.countDown();
            return Instant.now();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileSystems")
    void aTemporaryNameLeftByALockerThatDiedIsRemovedAndNoOtherIs(String fs, Path in) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = in.resolve(".lk" + gone.pid() + ".1f2e");
        Path live = in.resolve(".lk" + ProcessHandle.current().pid() + ".3c4d");
        Path liblockfiles = in.resolve(".lk12345" + "a" + "host");
        for (Path temp : List.of(orphan, live, liblockfiles)) {
            Files.writeString(temp, "1\n");
        }
        assertEquals(1, MailboxLock.removeOrphanedTemporaryFiles(in, policy(Duration.ofSeconds(1))));
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(live), "a live locker's name stays");
        assertTrue(Files.exists(liblockfiles), "liblockfile's names are not ours");
        assertEquals(List.of("removed " + orphan + ": left by lock process " + gone.pid() + ", which is gone"), notices);
    }
}
