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
 * alone: the internal date and every recipient mailbox the file was first delivered to,
 * with the GUID the message got there and the mailbox's GUID (which survives renames).
 *
 * <p>Written as the file's first line, itself a valid RFC 5322 header field:
 * <pre>X-Store-Envelope: v=2; date=1700000000000; rcpt=example.com:user%2Fjoe%2FINBOX:MAILBOXGUID:GUID,...\r\n</pre>
 * {@code date} is milliseconds since the epoch; each recipient is
 * {@code domain:mailbox:mailbox-guid:message-guid} with the mailbox URL-encoded (either GUID
 * may be empty). Version 1 files, written before GUIDs, have {@code domain:mailbox} only and
 * are still read. The message bytes follow unchanged.
 */
public record MessageEnvelope(Instant internalDate, List<Recipient> recipients) {

    static final String FIELD = "X-Store-Envelope: ";

    public MessageEnvelope {
        recipients = List.copyOf(recipients);
    }

    /**
     * One mailbox a message file was delivered to; {@code mailboxGuid} and {@code guid} (the
     * message's GUID in that mailbox) are {@code null} in version 1 files.
     */
    public record Recipient(String domain, String mailbox, String mailboxGuid, String guid) {

        public Recipient(String domain, String mailbox) {
            this(domain, mailbox, null, null);
        }
    }

    /** The header line, CRLF included: version 2 when a recipient has a GUID, else version 1. */
    byte[] toLine() {
        boolean guids = recipients.stream().anyMatch(r -> r.guid() != null || r.mailboxGuid() != null);
        String rcpt = recipients.stream()
                .map(r -> r.domain() + ":" + URLEncoder.encode(r.mailbox(), StandardCharsets.UTF_8)
                        + (guids ? ":" + orEmpty(r.mailboxGuid()) + ":" + orEmpty(r.guid()) : ""))
                .collect(Collectors.joining(","));
        return (FIELD + "v=" + (guids ? 2 : 1) + "; date=" + internalDate.toEpochMilli() + "; rcpt=" + rcpt + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Parses a header line without its line end; {@code null} if it is not an envelope. */
    static MessageEnvelope parse(String line) {
        boolean v2 = line.startsWith(FIELD + "v=2; date=");
        if (!v2 && !line.startsWith(FIELD + "v=1; date=")) {
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
                String[] fields = each.split(":", -1);
                if (fields.length != (v2 ? 4 : 2)) {
                    return null;
                }
                String mailbox = URLDecoder.decode(fields[1], StandardCharsets.UTF_8);
                recipients.add(v2 ? new Recipient(fields[0], mailbox, emptyToNull(fields[2]), emptyToNull(fields[3]))
                        : new Recipient(fields[0], mailbox));
            }
            return new MessageEnvelope(date, recipients);
        } catch (IllegalArgumentException e) {
            return null; // a date that is not a number, or a bad %-escape: not our envelope line
        }
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
