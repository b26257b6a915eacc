package org.storemulti.sync.mbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random messages full of what makes mbox hard: {@code From } and {@code >From } lines
 * in headers and bodies, CRLF and LF, empty bodies and headers only, lines longer than any
 * buffer, 8-bit bytes, flags and keywords.
 */
final class RandomMessages {

    /** A generated message: what the mbox must keep, and its bytes. */
    record Sample(MboxMessage message, byte[] content) {
    }

    private static final String[] LINES = {"From here on", ">From the start", ">>From x", ">>>>From y Tue Jan  2 03:04:05 2024",
        "From joe Tue Jan  2 03:04:05 2024", "", "From", "From:", " From folded", ">", "plain text", "Status: RO",
        "\u00e9t\u00e9 8-bit", "From  Mon Dec  7 16:43:37 2026", "X-UID: 77", "-- ", "From  "};
    private static final String[] KEYWORDS = {"$Junk", "NonJunk", "work", "$Label1", "todo"};
    private static final String[] SYSTEM = {StatusHeaders.SEEN, StatusHeaders.ANSWERED, StatusHeaders.FLAGGED,
        StatusHeaders.DELETED, StatusHeaders.DRAFT};

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    List<Sample> messages(int count, long firstUid) {
        List<Sample> samples = new ArrayList<>();
        long uid = firstUid;
        for (int i = 0; i < count; i++) {
            uid += 1 + random.nextInt(3);
            samples.add(new Sample(new MboxMessage(sender(), date(), flags(), firstUid > 0 ? uid : 0), content()));
        }
        return samples;
    }

    private String sender() {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "MAILER-DAEMON";
            default -> "user" + random.nextInt(100) + "@example.org";
        };
    }

    private Instant date() {
        return Instant.ofEpochSecond(946_684_800L + random.nextInt(1_000_000_000));
    }

    private Set<String> flags() {
        Set<String> flags = new LinkedHashSet<>();
        for (String flag : SYSTEM) {
            if (random.nextBoolean()) {
                flags.add(flag);
            }
        }
        for (String keyword : KEYWORDS) {
            if (random.nextInt(4) == 0) {
                flags.add(keyword);
            }
        }
        return flags;
    }

    /** A message ending with a line end (an mbox cannot tell a missing last line end). */
    byte[] content() {
        String eol = random.nextInt(3) == 0 ? "\r\n" : "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int shape = random.nextInt(10);
        if (shape == 0) {
            return new byte[0];
        }
        if (shape != 1) { // shape 1: no header at all, the message starts with its empty line
            write(out, "From: someone <a@example.org>" + eol + "Subject: test " + random.nextInt() + eol);
            if (random.nextInt(4) == 0) {
                write(out, "X-Folded: first" + eol + "\tsecond" + eol);
            }
            if (random.nextInt(5) == 0) {
                write(out, ">From header-ish line" + eol);
            }
        }
        if (shape == 2) {
            return out.toByteArray(); // header only
        }
        write(out, eol);
        int lines = random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(40) == 0) {
                write(out, "x".repeat(70_000 + random.nextInt(70_000)) + eol); // longer than any buffer
            } else {
                write(out, LINES[random.nextInt(LINES.length)] + eol);
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
