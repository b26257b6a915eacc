package org.storemulti.admin.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import org.storemulti.store.Store;
import org.storemulti.store.message.Flags;
import org.storemulti.store.message.MailboxHandle;

/**
 * Fills the store in DATA_DIR and a Maildir tree (one Maildir per user under MAILDIR_ROOT) with
 * the same messages, for {@code bench/sync.sh}: USERS users {@code userNNNN@example.com} of
 * MESSAGES messages each (seeded sizes of 2 to 20 KB, a third \Seen), so storeadm sync and
 * doveadm backup copy the same mail.
 *
 * <p>{@code java ... SyncBenchFill DATA_DIR MAILDIR_ROOT USERS MESSAGES}
 */
public final class SyncBenchFill {

    private SyncBenchFill() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path maildirs = Path.of(args[1]);
        int users = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        Random random = new Random(14);
        try (Store store = Store.open(data)) {
            store.domains().add("example.com");
            for (int u = 0; u < users; u++) {
                String user = users == 1 ? "joe" : String.format("user%04d", u);
                store.mailboxes().addUser("example.com", user);
                MailboxHandle inbox = store.messages().mailbox("example.com", "user/" + user + "/INBOX");
                Path maildir = maildirs.resolve(user);
                for (String sub : new String[] {"cur", "new", "tmp"}) {
                    Files.createDirectories(maildir.resolve(sub));
                }
                for (int m = 0; m < messages; m++) {
                    byte[] body = message(user, m, 2_000 + random.nextInt(18_000));
                    boolean seen = m % 3 == 0;
                    Instant date = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(m * 60L);
                    inbox.append(new ByteArrayInputStream(body), seen ? Flags.of("\\Seen") : Flags.of(), date);
                    Path file = maildir.resolve("cur").resolve(date.getEpochSecond() + ".M" + m + "P1.bench:2," + (seen ? "S" : ""));
                    Files.write(file, body);
                    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(date));
                }
            }
        }
    }

    private static byte[] message(String user, int n, int size) {
        StringBuilder text = new StringBuilder("From: ann@example.com\r\nTo: " + user + "@example.com\r\nSubject: bench "
                + n + "\r\nMessage-ID: <" + user + "." + n + "@bench>\r\n\r\n");
        while (text.length() < size) {
            text.append("line ").append(text.length()).append(" of message ").append(n).append(" for ").append(user)
                    .append("\r\n");
        }
        return text.toString().getBytes(UTF_8);
    }
}
