package org.storemulti.sync.maildir;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names as Dovecot 2.3 keeps them in maildir directory names and in
 * {@code subscriptions}: IMAP's modified UTF-7 (RFC 3501 5.1.3). Printable ASCII stands for
 * itself and {@code &} is {@code &-}; anything else is UTF-16 in BASE64 with {@code ,} for
 * {@code /}, between {@code &} and {@code -}. Reading is lenient: a name that does not decode
 * is taken as it is (another program's directory), never refused.
 */
public final class ModifiedUtf7 {

    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                end++;
            }
            byte[] utf16 = name.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
            String base64 = Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',');
            out.append('&').append(base64).append('-');
            i = end;
        }
        return out.toString();
    }

    /** The name {@code encoded} stands for, or {@code encoded} itself if it is not modified UTF-7. */
    public static String decode(String encoded) {
        if (encoded.indexOf('&') < 0) {
            return encoded;
        }
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int dash = encoded.indexOf('-', i + 1);
            if (dash < 0) {
                return encoded;
            }
            if (dash == i + 1) {
                out.append('&');
            } else {
                String run = decodeRun(encoded.substring(i + 1, dash));
                if (run == null) {
                    return encoded;
                }
                out.append(run);
            }
            i = dash + 1;
        }
        return out.toString();
    }

    private static String decodeRun(String base64) {
        try {
            byte[] utf16 = Base64.getDecoder().decode(base64.replace(',', '/'));
            if (utf16.length % 2 != 0) {
                return null;
            }
            return StandardCharsets.UTF_16BE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf16)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
