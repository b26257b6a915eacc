package org.storemulti.imap.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.storemulti.store.message.MessageContent;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.mime.MimePart;

/**
 * RFC 3516 BINARY: a leaf part's body with its Content-Transfer-Encoding undone (base64 and
 * quoted-printable; 7bit, 8bit and binary are sent as they are, and so are multiparts,
 * encapsulated messages and the whole message). Decoding is streamed; the size is found by
 * decoding once without keeping anything.
 */
public final class BinaryParts {

    private BinaryParts() {
    }

    /** A part to send decoded: its body's range and its encoding ({@code null}: none to undo). */
    public record Part(SectionData data, String encoding) {

        /** Whether the part exists. */
        public boolean exists() {
            return !(data instanceof SectionData.Missing);
        }
    }

    /** Thrown for a Content-Transfer-Encoding BINARY cannot undo ({@code NO [UNKNOWN-CTE]}). */
    public static final class UnknownEncodingException extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownEncodingException(String encoding) {
            super("cannot decode the Content-Transfer-Encoding " + encoding);
        }
    }

    /** The part {@code path} names; {@link UnknownEncodingException} for an encoding not known. */
    public static Part of(List<Integer> path, MessageStructure structure, MessageContent content)
            throws UnknownEncodingException {
        if (path.isEmpty()) {
            return new Part(new SectionData.Range(0, content.size()), null);
        }
        MimePart part = structure.part(path.stream().mapToInt(Integer::intValue).toArray());
        if (part == null) {
            return new Part(new SectionData.Missing(), null);
        }
        SectionData body = new SectionData.Range(part.bodyOffset(), part.bodyLength());
        if (part.isMultipart() || part.isMessage()) {
            return new Part(body, null);
        }
        String encoding = part.encoding().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "7bit", "8bit", "binary" -> new Part(body, null);
            case "base64", "quoted-printable" -> new Part(body, encoding);
            default -> throw new UnknownEncodingException(part.encoding());
        };
    }

    /** The decoded octets of {@code part} (the caller closes the stream); empty for a missing part. */
    public static InputStream open(Part part, MessageContent content) throws IOException {
        if (!(part.data() instanceof SectionData.Range range)) {
            return InputStream.nullInputStream();
        }
        InputStream raw = content.open(range.start(), range.length());
        if (part.encoding() == null) {
            return raw;
        }
        return part.encoding().equals("base64") ? new Base64InputStream(raw, DecodeMonitor.SILENT)
                : new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
    }

    /** The decoded size of {@code part} (BINARY.SIZE). */
    public static long size(Part part, MessageContent content) throws IOException {
        if (part.encoding() == null) {
            return part.data().length();
        }
        long total = 0;
        byte[] buffer = new byte[16384];
        try (InputStream in = open(part, content)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        return total;
    }
}
