package org.storemulti.queue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.storemulti.lmtp.Envelope;

/**
 * The message bytes as the store expects them from any path: CRLF line ends, and the
 * trace headers the LMTP service adds ({@code Return-Path:} always, {@code Delivered-To:}
 * for a single recipient), so queued mail is stored exactly like mail received over LMTP.
 */
final class MessageText {

    private MessageText() {
    }

    /** {@code text} with every bare LF turned into CRLF (CRLF stays as it is). */
    static byte[] crlf(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 40 + 2);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(text[i]);
        }
        return out.toByteArray();
    }

    /** {@code body} with the trace headers for a delivery to {@code envelope}. */
    static byte[] withTraceHeaders(Envelope envelope, byte[] body) {
        StringBuilder headers = new StringBuilder("Return-Path: <").append(envelope.sender()).append(">\r\n");
        if (envelope.recipients().size() == 1) {
            headers.append("Delivered-To: ").append(envelope.recipients().get(0)).append("\r\n");
        }
        byte[] head = headers.toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }
}
