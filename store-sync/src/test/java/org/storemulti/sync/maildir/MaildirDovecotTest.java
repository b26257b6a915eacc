package org.storemulti.sync.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.store.name.Guid;
import org.storemulti.sync.testing.ThrowawayDovecot;

/**
 * The maildir library against Debian's Dovecot serving the same directory: what we write,
 * Dovecot shows to imaplib with the same UIDs, UIDVALIDITY, flags, keywords, dates and bytes,
 * also after we change it under a running Dovecot; what Dovecot wrote, we read the same way.
 * Skipped without root, dovecot-imapd and python3 (.ci/run installs them).
 */
class MaildirDovecotTest {

    @TempDir
    Path temp;

    private final List<String> notices = new ArrayList<>();

    @BeforeAll
    static void needsDovecot() {
        assumeTrue(ThrowawayDovecot.available(), "needs root, Debian's dovecot-imapd and python3 (.ci/run installs them)");
    }

    private Maildir maildir(Path root) {
        return Maildir.at(root, new FolderNames('_'), MaildirOptions.defaults().withNotices(notices::add));
    }

    /** What we wrote, message by message, as the dump's lines say it. */
    private final Map<String, List<String>> expected = new LinkedHashMap<>();

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(String mailbox, long uid, Set<String> flags, Instant date, byte[] crlf) {
        return "message\t" + mailbox + "\t" + uid + "\t" + String.join(" ", new TreeSet<>(flags)) + "\t"
                + date.getEpochSecond() + "\t" + crlf.length + "\t" + sha256(crlf);
    }

    /** The dump's lines for everything the library lists in {@code maildir}. */
    private static List<String> asDumped(Maildir maildir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, MaildirFolder> entry : maildir.folders().entrySet()) {
            String name = ModifiedUtf7.encode(maildir.names().imapName(entry.getKey()));
            MaildirListing listing = entry.getValue().list();
            lines.add("mailbox\t" + name + "\t" + listing.uidValidity() + "\t" + listing.nextUid() + "\t"
                    + listing.messages().size());
            for (MaildirMessage m : listing.messages()) {
                byte[] content;
                try (InputStream in = entry.getValue().open(m)) {
                    content = in.readAllBytes();
                }
                lines.add(line(name, m.uid(), m.flags(), m.internalDate(), content));
            }
        }
        for (String name : maildir.subscriptions()) {
            lines.add("subscribed\t" + ModifiedUtf7.encode(maildir.names().imapName(name)));
        }
        lines.sort(null);
        return lines;
    }

    @Test
    void whatWeWriteDovecotServesWithTheSameUidsFlagsKeywordsDatesAndBytesAlsoAfterChangesUnderIt() throws Exception {
        Path root = temp.resolve("mail");
        Maildir maildir = maildir(root);
        maildir.createRoot();
        Random random = new Random(14);
        Map<String, Long> uidValidities = Map.of("INBOX", 1_234_567L, "Work/Sub", 7L, "Entwürfe", 4_000_000_000L);
        Map<String, List<MaildirMessage>> written = new HashMap<>();
        Map<String, Long> nextUids = new HashMap<>();
        for (String name : List.of("INBOX", "Work/Sub", "Entwürfe")) {
            MaildirFolder folder = maildir.folder(name);
            folder.create(uidValidities.get(name), Guid.random());
            long uid = 0;
            try (MaildirAppend append = folder.append()) {
                for (int i = 0; i < (name.equals("INBOX") ? 30 : 5); i++) {
                    byte[] content = MaildirFolderTest.message(random, i);
                    Set<String> flags = MaildirFolderTest.flags(random);
                    Instant date = Instant.ofEpochSecond(1_500_000_000L + random.nextInt(200_000_000));
                    uid += 1 + random.nextInt(4);
                    append.add(new ByteArrayInputStream(content), flags, date, Guid.random(), uid);
                    expected.computeIfAbsent(name, n -> new ArrayList<>()).add(
                            line(ModifiedUtf7.encode(maildir.names().imapName(name)), uid, flags, date, content));
                }
                written.put(name, append.commit());
            }
            nextUids.put(name, uid + 1);
        }
        maildir.writeSubscriptions(List.of("INBOX", "Work/Sub", "Entwürfe"));
        ThrowawayDovecot.giveToMailOwner(root);
        try (ThrowawayDovecot dovecot = ThrowawayDovecot.start(temp.resolve("dovecot"), "maildir:" + root, root)) {
            List<String> want = new ArrayList<>();
            for (String name : List.of("INBOX", "Work/Sub", "Entwürfe")) {
                want.add("mailbox\t" + ModifiedUtf7.encode(maildir.names().imapName(name)) + "\t"
                        + uidValidities.get(name) + "\t" + nextUids.get(name) + "\t" + expected.get(name).size());
                want.addAll(expected.get(name));
                want.add("subscribed\t" + ModifiedUtf7.encode(maildir.names().imapName(name)));
            }
            want.sort(null);
            assertEquals(want, dovecot.dump());
            assertEquals(want, asDumped(maildir), "and we read back what we wrote");

            MaildirFolder inbox = maildir.folder("INBOX");
            List<MaildirMessage> messages = inbox.list().messages();
            inbox.setFlags(Map.of(messages.get(0), Set.of("\\Seen", "brandnew"), messages.get(1), Set.of()));
            inbox.expunge(List.of(messages.get(2)));
            try (MaildirAppend append = inbox.append()) {
                append.add(new ByteArrayInputStream("Subject: late\r\n\r\nhi\r\n".getBytes()), Set.of("\\Flagged", "late"),
                        Instant.ofEpochSecond(1_700_000_000L), Guid.random(), nextUids.get("INBOX") + 10);
                append.commit();
            }
            ThrowawayDovecot.giveToMailOwner(root);
            assertEquals(asDumped(maildir), dovecot.dump(), "Dovecot, running, sees our changes");
            assertEquals(List.of(), notices);
        }
    }

    @Test
    void whatDovecotWroteWeReadWithItsUidsFlagsKeywordsDatesAndBytes() throws Exception {
        Path root = temp.resolve("mail");
        Files.createDirectories(root);
        ThrowawayDovecot.giveToMailOwner(root);
        try (ThrowawayDovecot dovecot = ThrowawayDovecot.start(temp.resolve("dovecot"), "maildir:" + root, root)) {
            dovecot.fill(15, 45);
            List<String> truth = dovecot.dump();
            assertEquals(truth, asDumped(maildir(root)));
            assertEquals(truth, dovecot.dump(), "reading changed nothing Dovecot shows");
            assertEquals(List.of(), notices);
        }
    }
}
