package org.storemulti.lmtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the client said about one message: the reverse path ({@code ""} for the null
 * sender {@code <>}) and the accepted recipients, in RCPT order; and, for the delivery log,
 * where the message comes from and the ID its lines carry (the LMTP session's, or the
 * queue ID).
 */
public record Envelope(String id, Source source, String sender, List<String> recipients) {

    /**
     * Who hands the message to the {@link MailDrop}, which decides what a permanent refusal
     * is called in the delivery log: LMTP tells its client (refused); the queue keeps the
     * message in {@code hold/} (held).
     */
    public enum Source { LMTP, QUEUE }

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    /** A message of LMTP session {@code sessionId}. */
    public static Envelope lmtp(String sessionId, String sender, List<String> recipients) {
        return new Envelope(sessionId, Source.LMTP, sender, recipients);
    }

    /** The queued message {@code queueId}. */
    public static Envelope queued(String queueId, String sender, List<String> recipients) {
        return new Envelope(queueId, Source.QUEUE, sender, recipients);
    }

    /**
     * {@code body} with the trace headers a store adds on delivery: Return-Path always;
     * Delivered-To only for a single recipient, as Dovecot's LMTP does, so one message to
     * many recipients can be stored once. LMTP and the queue manager both use this.
     */
    public byte[] withTraceHeaders(byte[] body) {
        byte[] head = traceHeaders();
        byte[] message = new byte[head.length + body.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    /** The trace header lines alone, CRLF-terminated (see {@link #withTraceHeaders}). */
    public byte[] traceHeaders() {
        StringBuilder headers = new StringBuilder("Return-Path: <").append(sender).append(">\r\n");
        if (recipients.size() == 1) {
            headers.append("Delivered-To: ").append(recipients.get(0)).append("\r\n");
        }
        return headers.toString().getBytes(StandardCharsets.UTF_8);
    }
}
