package org.storemulti.lmtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the client said about one message: the reverse path ({@code ""} for the null
 * sender {@code <>}) and the accepted recipients, in RCPT order.
 */
public record Envelope(String sender, List<String> recipients) {

    public Envelope {
        recipients = List.copyOf(recipients);
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
