package org.storemulti.store.message;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a message file says about itself so that the index can be rebuilt from the files
 * alone: the internal date and every recipient mailbox the file was first delivered to.
 *
 * <p>Written as the file's first line, itself a valid RFC 5322 header field:
 * <pre>X-Store-Envelope: v=1; date=1700000000000; rcpt=example.com:user%2Fjoe%2FINBOX,...\r\n</pre>
 * {@code date} is milliseconds since the epoch; each recipient is
 * {@code domain:mailbox} with the mailbox URL-encoded. The message bytes follow unchanged.
 */
public record MessageEnvelope(Instant internalDate, List<Recipient> recipients) {

    static final String FIELD = "X-Store-Envelope: ";

    public MessageEnvelope {
        recipients = List.copyOf(recipients);
    }

    /** One mailbox a message file was delivered to. */
    public record Recipient(String domain, String mailbox) {
    }

    /** The header line, CRLF included. */
    byte[] toLine() {
        String rcpt = recipients.stream()
                .map(r -> r.domain() + ":" + URLEncoder.encode(r.mailbox(), StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
        return (FIELD + "v=1; date=" + internalDate.toEpochMilli() + "; rcpt=" + rcpt + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a header line without its line end; {@code null} if it is not an envelope. */
    static MessageEnvelope parse(String line) {
        if (!line.startsWith(FIELD + "v=1; date=")) {
            return null;
        }
        String[] parts = line.substring(FIELD.length()).split("; ");
        if (parts.length != 3 || !parts[2].startsWith("rcpt=")) {
            return null;
        }
        try {
            Instant date = Instant.ofEpochMilli(Long.parseLong(parts[1].substring("date=".length())));
            List<Recipient> recipients = new ArrayList<>();
            String rcpt = parts[2].substring("rcpt=".length());
            for (String each : rcpt.isEmpty() ? new String[0] : rcpt.split(",")) {
                int colon = each.indexOf(':');
                if (colon < 0) {
                    return null;
                }
                recipients.add(new Recipient(each.substring(0, colon),
                        URLDecoder.decode(each.substring(colon + 1), StandardCharsets.UTF_8)));
            }
            return new MessageEnvelope(date, recipients);
        } catch (IllegalArgumentException e) {
            return null; // a date that is not a number, or a bad %-escape: not our envelope line
        }
    }
}
