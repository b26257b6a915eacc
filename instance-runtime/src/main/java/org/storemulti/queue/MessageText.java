package org.storemulti.queue;

import java.io.ByteArrayOutputStream;


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
}
