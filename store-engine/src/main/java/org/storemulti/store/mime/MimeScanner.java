package org.storemulti.store.mime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the MIME entities of a message from its lines, in one pass with bounded memory:
 * each line is handed in with its offset, its first bytes and its full length. Boundary
 * delimiters close every entity opened inside their multipart, so a missing or mistyped
 * boundary, a truncated message or a header without its empty line still yields a complete
 * tree; each such repair is recorded as a problem.
 */
final class MimeScanner {

    static final int MAX_DEPTH = 32;
    static final int MAX_PARTS = 5_000;
    static final int MAX_HEADER = 256 * 1024;

    private final Deque<Entity> stack = new ArrayDeque<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final Entity root = new Entity(0, false);
    private int parts;
    private long sequence = -1;
    private int previousEol;

    MimeScanner() {
        stack.addLast(root);
    }

    /**
     * One line at {@code offset}: {@code captured} holds its first {@code capturedLength}
     * bytes (all of them unless {@code contentLength} is larger), then {@code eol} line-end
     * bytes (0 at the end of the message, 1 for LF, 2 for CRLF).
     */
    void line(long offset, byte[] captured, int capturedLength, long contentLength, int eol) {
        sequence++;
        if (!delimiter(offset, captured, capturedLength, contentLength, eol)) {
            content(offset, captured, capturedLength, contentLength, eol);
        }
        previousEol = eol;
    }

    private void content(long offset, byte[] captured, int capturedLength, long contentLength, int eol) {
        Entity top = stack.peekLast();
        if (!top.inHeader()) {
            countBody(contentLength, eol, false);
            return;
        }
        if (contentLength == 0 && eol > 0) {
            countBody(contentLength, eol, true);
            endHeader(top, offset + eol);
            return;
        }
        boolean continuation = captured[0] == ' ' || captured[0] == '\t';
        if ((continuation && top.headerSize() > 0) || HeaderBlock.isFieldStart(captured, capturedLength)) {
            countBody(contentLength, eol, true);
            if (contentLength > capturedLength) {
                top.headerCut = true;
            } else {
                top.captureHeader(captured, capturedLength, eol, MAX_HEADER);
            }
            return;
        }
        problems.add("header not ended by an empty line");
        endHeader(top, offset);
        content(offset, captured, capturedLength, contentLength, eol);
    }

    /** Counts a line into the body of every open entity (but the innermost one while its header is read). */
    private void countBody(long contentLength, int eol, boolean skipTop) {
        Iterator<Entity> entities = stack.iterator();
        while (entities.hasNext()) {
            Entity entity = entities.next();
            if (skipTop && !entities.hasNext()) {
                break;
            }
            entity.countBodyLine(sequence, contentLength, eol);
        }
    }

    private void endHeader(Entity entity, long bodyOffset) {
        entity.bodyOffset = bodyOffset;
        entity.facts = PartHeader.of(entity.block(), entity.inDigest);
        if (entity.headerCut) {
            problems.add("header too long, cut to " + MAX_HEADER + " bytes");
        }
        if (entity.facts.invalidType()) {
            problems.add("invalid Content-Type, read as text/plain");
        }
        if (stack.size() >= MAX_DEPTH) {
            if (entity.facts.type().equals("multipart") || entity.facts.encapsulates()) {
                problems.add("nested deeper than " + MAX_DEPTH + " levels, the rest read as one part");
            }
            return;
        }
        if (entity.facts.type().equals("multipart")) {
            entity.boundary = entity.facts.boundary();
            if (entity.boundary == null) {
                problems.add("multipart without a boundary parameter, read as text/plain");
                entity.facts = entity.facts.asText();
                return;
            }
            entity.kind = Entity.Kind.MULTIPART;
        } else if (entity.facts.encapsulates()) {
            entity.kind = Entity.Kind.MESSAGE;
            entity.message = new Entity(bodyOffset, false);
            stack.addLast(entity.message);
        }
    }

    private boolean delimiter(long offset, byte[] captured, int capturedLength, long contentLength, int eol) {
        if (capturedLength < 2 || captured[0] != '-' || captured[1] != '-' || contentLength > capturedLength) {
            return false;
        }
        List<Entity> open = new ArrayList<>(stack);
        for (int depth = open.size() - 1; depth >= 0; depth--) {
            Entity multipart = open.get(depth);
            if (multipart.kind != Entity.Kind.MULTIPART || multipart.closed) {
                continue;
            }
            int match = matches(captured, capturedLength, multipart.boundary);
            if (match == 0) {
                continue;
            }
            if (match == 1 && parts >= MAX_PARTS) {
                problems.add("more than " + MAX_PARTS + " parts, the rest read as part of the last");
                return false;
            }
            long end = Math.max(offset - previousEol, 0);
            while (stack.peekLast() != multipart) {
                Entity inner = stack.removeLast();
                if (inner.inHeader()) {
                    problems.add("part header not ended before a boundary");
                }
                closeNested(inner);
                inner.finish(end, true, sequence - 1);
            }
            countBody(contentLength, eol, false);
            if (match == 2) {
                multipart.closed = true;
            } else {
                Entity child = new Entity(offset + contentLength + eol, multipart.facts.subtype().equals("digest"));
                multipart.children.add(child);
                stack.addLast(child);
                parts++;
            }
            return true;
        }
        return false;
    }

    private void closeNested(Entity entity) {
        if (entity.kind == Entity.Kind.MULTIPART && !entity.closed && !entity.children.isEmpty()) {
            problems.add("multipart without its closing boundary");
        }
    }

    /** 0: not a delimiter of {@code boundary}; 1: a delimiter; 2: the close delimiter. */
    private static int matches(byte[] line, int length, String boundary) {
        byte[] b = boundary.getBytes(UTF_8);
        if (length < 2 + b.length) {
            return 0;
        }
        for (int i = 0; i < b.length; i++) {
            if (line[2 + i] != b[i]) {
                return 0;
            }
        }
        int rest = 2 + b.length;
        if (rest + 2 <= length && line[rest] == '-' && line[rest + 1] == '-') {
            return 2;
        }
        for (int i = rest; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return 0;
            }
        }
        return 1;
    }

    /** Ends the scan at {@code size} bytes and returns the structure. */
    MessageStructure finish(long size) {
        while (!stack.isEmpty()) {
            Entity entity = stack.removeLast();
            closeNested(entity);
            entity.finish(size, false, sequence);
        }
        fillMissingHeaders(root);
        MimePart body = toPart(root);
        Envelope envelope = envelope(root);
        return new MessageStructure(envelope, body, new ArrayList<>(problems));
    }

    private void fillMissingHeaders(Entity entity) {
        if (entity.facts == null) {
            entity.facts = PartHeader.of(entity.block(), entity.inDigest);
        }
        entity.children.forEach(this::fillMissingHeaders);
        if (entity.message != null) {
            fillMissingHeaders(entity.message);
        }
    }

    private MimePart toPart(Entity entity) {
        PartHeader h = entity.facts;
        List<MimePart> children = new ArrayList<>();
        if (entity.kind == Entity.Kind.MULTIPART && !entity.children.isEmpty()) {
            entity.children.forEach(child -> children.add(toPart(child)));
        } else if (h.type().equals("multipart")) {
            problems.add("multipart without parts, read as text/plain");
            h = h.asText();
        } else if (entity.message == null && h.type().equals("message") && h.subtype().equals("rfc822")) {
            problems.add("message/rfc822 that cannot be read as a message, read as application/octet-stream");
            h = h.asOctetStream();
        }
        MimePart message = entity.message == null ? null : toPart(entity.message);
        return new MimePart(h.type(), h.subtype(), h.parameters(), h.id(), h.description(), h.encoding(), h.md5(),
                h.disposition(), h.dispositionParameters(), h.languages(), h.location(), entity.headerOffset,
                entity.bodyOffset - entity.headerOffset, entity.bodyOffset, entity.end - entity.bodyOffset,
                entity.lines, children, message == null ? null : envelope(entity.message), message);
    }

    private static Envelope envelope(Entity entity) {
        HeaderBlock header = entity.block();
        return new Envelope(header.text("date"), header.text("subject"), addresses(header, "from"),
                addresses(header, "sender"), addresses(header, "reply-to"), addresses(header, "to"),
                addresses(header, "cc"), addresses(header, "bcc"), header.text("in-reply-to"),
                header.text("message-id"));
    }

    private static List<Address> addresses(HeaderBlock header, String field) {
        return AddressParser.parse(header.text(field));
    }
}
