package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first message's {@code X-IMAPbase} field and where its ten-digit UIDNEXT lies in the
 * file, so an append can raise UIDNEXT in place (Dovecot writes it padded for this reason).
 */
record ImapBaseField(MboxFolder folder, long uidNextOffset) {

    private static final Pattern FIELD = Pattern.compile("(?i)X-IMAPbase:[ \t]*[0-9]{1,10}[ \t]+([0-9]{10})(?:[ \t].*)?");

    /** The field of the mbox read through {@code channel}, or null if it has none in the padded form. */
    static ImapBaseField find(FileChannel channel, ZoneId zone) throws IOException {
        long size = channel.size();
        LineBuffer in = new LineBuffer(new RegionInput(channel, 0, size), 1 << 14, 0);
        Line line = new Line();
        if (!line.readFrom(in) || FromLine.parse(line.text(), zone) == null) {
            return null;
        }
        while (line.readFrom(in) && !line.isBlank()) {
            String text = line.text();
            if (!text.toLowerCase(Locale.ROOT).startsWith("x-imapbase:")) {
                continue;
            }
            Matcher matcher = FIELD.matcher(text);
            MboxFolder folder = MboxFolder.parse(text.substring(text.indexOf(':') + 1));
            return matcher.matches() && folder != null ? new ImapBaseField(folder, line.start + matcher.start(1)) : null;
        }
        return null;
    }

    /** Overwrites the ten UIDNEXT digits at {@code offset}. */
    static void writeUidNext(FileChannel channel, long offset, long uidNext) throws IOException {
        ByteBuffer digits = ByteBuffer.wrap(String.format(Locale.ROOT, "%010d", uidNext).getBytes(StandardCharsets.US_ASCII));
        while (digits.hasRemaining()) {
            channel.write(digits, offset + digits.position());
        }
    }
}
