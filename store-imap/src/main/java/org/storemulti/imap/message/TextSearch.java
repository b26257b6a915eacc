package org.storemulti.imap.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.storemulti.store.message.MessageContent;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.mime.MimePart;

/**
 * One SEARCH string looked for in a message, ignoring case (RFC 3501 6.4.4: "a substring
 * ... case-insensitive"): in header fields after unfolding and decoding RFC 2047 encoded
 * words, and in the text of the body: the text/* parts (also inside encapsulated messages,
 * whose headers count as body) with their transfer encoding undone and read in their
 * charset. Bodies are streamed through a KMP matcher: memory does not grow with the
 * message.
 */
public final class TextSearch {

    private final char[] needle;
    private final int[] failure;

    public TextSearch(String text) {
        needle = fold(text).toCharArray();
        failure = new int[needle.length];
        for (int i = 1, k = 0; i < needle.length; i++) {
            while (k > 0 && needle[i] != needle[k]) {
                k = failure[k - 1];
            }
            if (needle[i] == needle[k]) {
                k++;
            }
            failure[i] = k;
        }
    }

    /** Whether {@code text} contains the string. */
    public boolean in(CharSequence text) {
        int k = 0;
        for (int i = 0; i < text.length() && k < needle.length; i++) {
            k = step(k, Character.toLowerCase(text.charAt(i)));
        }
        return k == needle.length;
    }

    /** Whether a field named {@code name} (any case) of the header block contains the string (HEADER, FROM, ...). */
    public boolean inField(byte[] header, String name) {
        for (HeaderBlock.Field field : HeaderBlock.fields(header)) {
            if (field.name().equalsIgnoreCase(name) && in(field.value())) {
                return true;
            }
        }
        return false;
    }

    /** Whether any field of the header block contains the string, in its name or value (TEXT). */
    public boolean inHeader(byte[] header) {
        for (HeaderBlock.Field field : HeaderBlock.fields(header)) {
            if (in(field.name() + ": " + field.value())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text of the message's body contains the string (BODY). */
    public boolean inBody(MessageStructure structure, MessageContent content) throws IOException {
        return inParts(structure.body(), content);
    }

    private boolean inParts(MimePart part, MessageContent content) throws IOException {
        if (part.isMultipart()) {
            for (MimePart child : part.parts()) {
                if (inParts(child, content)) {
                    return true;
                }
            }
            return false;
        }
        if (part.isMessage()) {
            return inHeader(Sections.header(part.message(), content)) || inParts(part.message(), content);
        }
        if (!part.type().equals("text")) {
            return false;
        }
        BinaryParts.Part decoded = new BinaryParts.Part(new SectionData.Range(part.bodyOffset(), part.bodyLength()),
                transferEncoding(part));
        try (InputStream in = BinaryParts.open(decoded, content);
                Reader text = new InputStreamReader(in, charset(part))) {
            return in(text);
        }
    }

    private boolean in(Reader text) throws IOException {
        if (needle.length == 0) {
            return true;
        }
        char[] buffer = new char[8192];
        int k = 0;
        for (int n; (n = text.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                k = step(k, Character.toLowerCase(buffer[i]));
                if (k == needle.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private int step(int k, char c) {
        while (k > 0 && needle[k] != c) {
            k = failure[k - 1];
        }
        return needle[k] == c ? k + 1 : k;
    }

    private static String transferEncoding(MimePart part) {
        String encoding = part.encoding().toLowerCase(Locale.ROOT);
        return encoding.equals("base64") || encoding.equals("quoted-printable") ? encoding : null;
    }

    private static Charset charset(MimePart part) {
        String name = part.parameter("charset");
        try {
            return name == null || name.equalsIgnoreCase("us-ascii") ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8; // an unknown charset: its ASCII still matches
        }
    }

    private static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.append(Character.toLowerCase(text.charAt(i)));
        }
        return out.toString();
    }
}
