package org.storemulti.spool.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.storemulti.spool.SpoolSave;
import org.storemulti.sync.Locations;
import org.storemulti.sync.Sync;
import org.storemulti.sync.SyncOptions;
import org.storemulti.sync.UserReport;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MboxFormat;
import org.storemulti.sync.mbox.MboxMessage;
import org.storemulti.sync.mbox.MboxReader;
import org.storemulti.sync.mbox.MboxWriteOptions;
import org.storemulti.sync.mbox.MboxWriter;
import org.storemulti.sync.store.StoreLocation;

/**
 * The parts of {@code bench/mbox.sh} that run in one JVM:
 *
 * <pre>
 * MboxBenchmark spool SCRATCH MAILBOXES   makes SCRATCH/spool and saves it once into SCRATCH/archives;
 *                                         then times in-JVM saves of the unchanged spool
 * MboxBenchmark mbox SCRATCH MESSAGES MB  writes SCRATCH/big.mbox (MESSAGES messages, about MB
 *                                         megabytes) and times writing, reading, a locked snapshot
 *                                         and an append
 * MboxBenchmark sync SCRATCH MBOX         imports MBOX (a copy) into a new store SCRATCH/store
 *                                         (backup -R from mbox:MBOX) and exports that store to a
 *                                         new tree (backup to mbox:SCRATCH/export), through the
 *                                         sync library as storeadm sync runs it
 * </pre>
 *
 * Prints one {@code name value unit} line per figure. Run it with a small heap ({@code -Xmx64m})
 * to show that nothing is loaded whole.
 */
public final class MboxBenchmark {

    private MboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[1]);
        switch (args[0]) {
            case "spool" -> spool(scratch, Integer.parseInt(args[2]));
            case "mbox" -> mbox(scratch, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "sync" -> sync(scratch, Path.of(args[2]));
            default -> throw new IllegalArgumentException("usage: MboxBenchmark spool|mbox|sync SCRATCH ...");
        }
    }

    private static void spool(Path scratch, int mailboxes) throws IOException {
        Path spool = Files.createDirectories(scratch.resolve("spool"));
        Random random = new Random(1);
        FileTime modified = FileTime.from(Instant.parse("2026-12-07T10:00:00.123456789Z"));
        FileTime accessed = FileTime.from(Instant.parse("2026-12-07T09:00:00.987654321Z"));
        for (int m = 0; m < mailboxes; m++) {
            Path mailbox = spool.resolve(String.format("user%04d", m));
            try (OutputStream out = Files.newOutputStream(mailbox)) {
                for (int n = 0; n < 10; n++) {
                    out.write(("From sender@example.org  Mon Dec  7 09:00:00 2026\nSubject: " + n + "\n\n"
                            + "x".repeat(500 + random.nextInt(3000)) + "\n\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            Files.getFileAttributeView(mailbox, BasicFileAttributeView.class).setTimes(modified, accessed, null);
        }
        Path archives = scratch.resolve("archives");
        SpoolSave.Options options = new SpoolSave.Options(List.of(), LockPolicy.defaults(), Clock.systemUTC());
        long start = System.nanoTime();
        SpoolSave.Report first = SpoolSave.save(spool, archives, options);
        report("spool_first_save_ms", (System.nanoTime() - start) / 1e6, "ms (" + first.copied() + " copied)");
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            start = System.nanoTime();
            SpoolSave.Report again = SpoolSave.save(spool, archives, options);
            times[i] = System.nanoTime() - start;
            if (again.linked() != mailboxes || again.copied() != 0) {
                throw new IllegalStateException("unchanged spool copied " + again.copied());
            }
        }
        Arrays.sort(times);
        report("spool_unchanged_save_in_jvm_ms", times[times.length / 2] / 1e6, "ms (median of 5, " + mailboxes
                + " linked)");
    }

    private static void mbox(Path scratch, int messages, int megabytes) throws IOException {
        Files.createDirectories(scratch);
        Path mbox = scratch.resolve("big.mbox");
        Files.deleteIfExists(mbox);
        int average = megabytes * 1_000_000 / messages;
        Random random = new Random(2);
        MboxWriteOptions options = MboxWriteOptions.defaults().withZone(ZoneOffset.UTC);
        long start = System.nanoTime();
        try (MboxWriter writer = MboxWriter.replace(mbox, options, null)) {
            for (int n = 0; n < messages; n++) {
                writer.add(new MboxMessage("sender@example.org", Instant.ofEpochSecond(1_700_000_000L + n),
                        n % 3 == 0 ? Set.of("\\Seen") : Set.of(), 0), new ByteArrayInputStream(message(n, average, random)));
            }
            writer.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mb = Files.size(mbox) / 1e6;
        report("mbox_size_mb", mb, "MB, " + messages + " messages");
        report("mbox_write_mb_per_s", mb / seconds, "MB/s (" + Math.round(messages / seconds) + " msgs/s, fsync once)");
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            start = System.nanoTime();
            int read = readAll(mbox);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            if (read != messages) {
                throw new IllegalStateException("read " + read + " of " + messages);
            }
        }
        report("mbox_read_mb_per_s", mb / best, "MB/s (" + Math.round(messages / best) + " msgs/s, best of 3)");
        start = System.nanoTime();
        try (MboxReader snapshot = MboxReader.snapshot(mbox, scratch, LockPolicy.defaults(),
                MboxFormat.defaults().withZone(ZoneOffset.UTC))) {
            report("mbox_locked_snapshot_ms", (System.nanoTime() - start) / 1e6, "ms (locks held while copying "
                    + Math.round(mb) + " MB)");
        }
        start = System.nanoTime();
        try (MboxWriter writer = MboxWriter.append(mbox, options)) {
            for (int n = 0; n < 1000; n++) {
                writer.add(new MboxMessage("late@example.org", Instant.now(), Set.of(), 0),
                        new ByteArrayInputStream(message(messages + n, average, random)));
            }
            writer.commit();
        }
        report("mbox_append_1000_ms", (System.nanoTime() - start) / 1e6, "ms (staged, then copied under the locks)");
    }

    private static int readAll(Path mbox) throws IOException {
        int count = 0;
        byte[] sink = new byte[1 << 16];
        try (MboxReader reader = MboxReader.open(mbox, MboxFormat.defaults().withZone(ZoneOffset.UTC))) {
            while (reader.next()) {
                reader.message();
                try (InputStream content = reader.content()) {
                    while (content.read(sink) >= 0) {
                        // streamed through, as an import would
                    }
                }
                count++;
            }
        }
        return count;
    }

    private static byte[] message(int n, int average, Random random) {
        StringBuilder text = new StringBuilder("Subject: message " + n + "\r\nMessage-ID: <" + n
                + "@example.org>\r\nFrom: a@example.org\r\n\r\n");
        int target = average / 2 + random.nextInt(average);
        List<String> lines = new ArrayList<>(List.of("From the start of a line", ">From quoted", "plain text here",
                "a somewhat longer line of text that looks like a message body would look", ""));
        while (text.length() < target) {
            text.append(lines.get(random.nextInt(lines.size()))).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void sync(Path scratch, Path mbox) throws IOException {
        Files.createDirectories(scratch);
        Path source = scratch.resolve("import.mbox");
        Files.copy(mbox, source, StandardCopyOption.REPLACE_EXISTING);
        double mb = Files.size(source) / 1e6;
        String user = "bench@example.com";
        try (Location store = StoreLocation.open(
                scratch.resolve("store"), "store:bench")) {
            long start = System.nanoTime();
            UserReport in = syncOne(store, "mbox:" + source,
                    SyncOptions.Mode.BACKUP_REVERSE, user);
            double importSeconds = (System.nanoTime() - start) / 1e9;
            report("mbox_import_s", importSeconds, "s (" + in.messagesCopied() + " messages, "
                    + String.format("%.1f MB/s, %.0f msgs/s", mb / importSeconds, in.messagesCopied() / importSeconds) + ")");
            start = System.nanoTime();
            UserReport out = syncOne(store, "mbox:" + scratch.resolve("export"),
                    SyncOptions.Mode.BACKUP, user);
            double exportSeconds = (System.nanoTime() - start) / 1e9;
            report("mbox_export_s", exportSeconds, "s (" + out.messagesCopied() + " messages, "
                    + String.format("%.1f MB/s, %.0f msgs/s", mb / exportSeconds, out.messagesCopied() / exportSeconds) + ")");
            start = System.nanoTime();
            syncOne(store, "mbox:" + scratch.resolve("export"), SyncOptions.Mode.BACKUP, user);
            report("mbox_export_again_ms", (System.nanoTime() - start) / 1e6, "ms (no changes: the file is not opened)");
        }
    }

    private static UserReport syncOne(Location store, String word,
            SyncOptions.Mode mode, String user) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Location peer = Locations.open(List.of(word),
                FileSystems.getDefault(), null)) {
            UserReport report = new Sync(store, peer,
                    SyncOptions.of(mode), (level, line) -> lines.add(level + " " + line))
                    .run(List.of(user), 1, (units, done, total) -> { }).get(0);
            if (report.status() != 0) {
                throw new IOException(word + ": sync exit " + report.status() + ": " + lines);
            }
            return report;
        }
    }

    private static void report(String name, double value, String unit) {
        System.out.printf("%s %.1f %s%n", name, value, unit);
    }
}
