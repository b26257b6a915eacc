package org.storemulti.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue file format: a UTF-8 header of {@code key value} lines, a blank line, then
 * the message bytes unchanged.
 *
 * <pre>
 * storemulti-queue 1
 * id 019AB3C4D5E6F0123456789ABCDE
 * arrival 2026-11-23T09:43:17.123Z
 * sender joe@example.com
 * attempts 0
 * next-attempt 2026-11-23T09:43:17.123Z
 * last-error
 * recipient ann@example.com
 * size 1234
 * sha256 9f86d0...
 *
 * (message)
 * </pre>
 *
 * <p>{@code size} and {@code sha256} cover the message, so a truncated or partly copied
 * file is detected on reading, not delivered.
 */
final class QueueFile {

    static final String MAGIC = "storemulti-queue 1";
    private static final int MAX_HEADER = 1 << 20;

    private QueueFile() {
    }

    /** The bytes of a queue file holding {@code message} with {@code envelope}. */
    static byte[] encode(QueueEnvelope envelope, byte[] message) {
        StringBuilder h = new StringBuilder(256);
        h.append(MAGIC).append('\n');
        h.append("id ").append(envelope.id()).append('\n');
        h.append("arrival ").append(envelope.arrival()).append('\n');
        h.append("sender ").append(envelope.sender()).append('\n');
        h.append("attempts ").append(envelope.attempts()).append('\n');
        h.append("next-attempt ").append(envelope.nextAttempt()).append('\n');
        h.append("last-error ").append(envelope.lastError()).append('\n');
        for (String r : envelope.recipients()) {
            h.append("recipient ").append(r).append('\n');
        }
        h.append("size ").append(message.length).append('\n');
        h.append("sha256 ").append(sha256(message)).append('\n');
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + message.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(message, 0, all, header.length, message.length);
        return all;
    }

    /** Reads and checks a whole queue file, including the message's size and checksum. */
    static QueuedMessage read(Path file) throws IOException {
        return decode(file, Files.readAllBytes(file));
    }

    /** Reads only the header (cheap for large messages); the body is not checked. */
    static QueueEnvelope readEnvelope(Path file) throws IOException {
        return readHeader(file).envelope();
    }

    /** The header alone: envelope, message size and checksum as recorded; the body is not read. */
    static Header readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream header = new ByteArrayOutputStream(512);
            int previous = -1;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n' && previous == '\n') {
                    String text = header.toString(StandardCharsets.UTF_8);
                    return parseHeader(file, text.substring(0, text.length() - 1));
                }
                header.write(b);
                previous = b;
                if (header.size() > MAX_HEADER) {
                    break;
                }
            }
            throw new QueueFileException(file, "no end of header");
        }
    }

    /** Parses {@code bytes} read from {@code file} (named only in errors). */
    static QueuedMessage decode(Path file, byte[] bytes) throws QueueFileException {
        int end = headerEnd(bytes);
        if (end < 0) {
            throw new QueueFileException(file, "no end of header");
        }
        Header header = parseHeader(file, new String(bytes, 0, end, StandardCharsets.UTF_8));
        int bodyStart = end + 2;
        long actual = bytes.length - bodyStart;
        if (actual != header.size) {
            throw new QueueFileException(file, "message is " + actual + " bytes, header says " + header.size);
        }
        byte[] message = new byte[(int) actual];
        System.arraycopy(bytes, bodyStart, message, 0, message.length);
        String digest = sha256(message);
        if (!digest.equals(header.sha256)) {
            throw new QueueFileException(file, "message checksum " + digest + " does not match header " + header.sha256);
        }
        return new QueuedMessage(header.envelope, message);
    }

    /** SHA-256 of {@code bytes} in lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    private static int headerEnd(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length && i < MAX_HEADER; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** What a queue file's header says: the envelope, and the size and SHA-256 of the message after it. */
    record Header(QueueEnvelope envelope, long size, String sha256) {
    }

    private static Header parseHeader(Path file, String text) throws QueueFileException {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new QueueFileException(file, "not a queue file (first line is not \"" + MAGIC + "\")");
        }
        Map<String, String> single = new LinkedHashMap<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "recipient" -> recipients.add(value);
                case "id", "arrival", "sender", "attempts", "next-attempt", "last-error", "size", "sha256" -> {
                    if (single.put(key, value) != null) {
                        throw new QueueFileException(file, "header line " + (i + 1) + ": duplicate " + key);
                    }
                }
                default -> throw new QueueFileException(file, "header line " + (i + 1) + ": unknown field \"" + key + "\"");
            }
        }
        for (String required : List.of("id", "arrival", "sender", "attempts", "next-attempt", "last-error", "size", "sha256")) {
            if (!single.containsKey(required)) {
                throw new QueueFileException(file, "header has no " + required);
            }
        }
        try {
            QueueEnvelope envelope = new QueueEnvelope(new QueueId(single.get("id")), single.get("sender"),
                    recipients, Instant.parse(single.get("arrival")), Integer.parseInt(single.get("attempts")),
                    Instant.parse(single.get("next-attempt")), single.get("last-error"));
            return new Header(envelope, Long.parseLong(single.get("size")), single.get("sha256"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new QueueFileException(file, "bad header: " + e.getMessage());
        }
    }
}
