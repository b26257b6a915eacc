package org.storemulti.store.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structure the store caches, checked byte range by byte range on the fixtures in test-fixtures/mime. */
class MimeParserTest {

    static final Path FIXTURES = Path.of("..", "test-fixtures", "mime");

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    static String slice(byte[] message, long offset, long length) {
        return new String(message, (int) offset, (int) length, ISO_8859_1);
    }

    static String header(byte[] m, MimePart p) {
        return slice(m, p.headerOffset(), p.headerLength());
    }

    static String body(byte[] m, MimePart p) {
        return slice(m, p.bodyOffset(), p.bodyLength());
    }

    @Test
    void aPlainMessageHasItsEnvelopeAndOnePartWithHeaderAndBodyRanges() throws IOException {
        byte[] m = fixture("simple.eml");
        MessageStructure s = MimeParser.parse(m);
        assertTrue(s.wellFormed(), s.problems().toString());
        Envelope e = s.envelope();
        assertEquals("Hello world", e.subject().replace("\t", " ").replaceAll(" +", " "));
        assertEquals("Fri, 20 Nov 2026 08:00:00 +0000", e.date());
        assertEquals(List.of(new Address("Joe Q. Public", null, "joe", "example.com")), e.from());
        assertEquals(e.from(), e.senderOrFrom());
        assertEquals(List.of(new Address(null, null, "ann", "example.com"),
                new Address("=?utf-8?q?B=C3=B6b?=", null, "bob", "example.org")), e.to());
        assertEquals(List.of(new Address(null, null, "team", null), new Address(null, null, "carl", "example.com"),
                new Address(null, null, "dora", "example.com"), new Address(null, null, null, null),
                new Address(null, null, "eve", "example.net")), e.cc());
        assertEquals("<simple.1@example.com>", e.messageId());
        assertEquals("<parent@example.com>", e.inReplyTo());
        assertEquals(List.of(), e.bcc());
        MimePart root = s.body();
        assertEquals("text/plain", root.type() + "/" + root.subtype());
        assertEquals("us-ascii", root.parameter("charset"));
        assertEquals("7bit", root.encoding());
        assertTrue(header(m, root).startsWith("From: "));
        assertTrue(header(m, root).endsWith("In-Reply-To: <parent@example.com>\r\n\r\n"));
        assertEquals("Line one\r\nLine two\r\n", body(m, root));
        assertEquals(2, root.lines());
        assertEquals(m.length, root.bodyOffset() + root.bodyLength());
        assertEquals(root, s.part(1), "part 1 of a single-part message is the message");
        assertNull(s.part(2));
    }

    @Test
    void nestedMultipartsAndAnEncapsulatedMessageHaveExactRangesAndBodystructureFields() throws IOException {
        byte[] m = fixture("nested.eml");
        MessageStructure s = MimeParser.parse(m);
        assertTrue(s.wellFormed(), s.problems().toString());
        MimePart root = s.body();
        assertTrue(root.isMultipart());
        assertEquals("mixed", root.subtype());
        assertEquals(3, root.parts().size());

        MimePart text = s.part(1);
        assertEquals("plain", text.subtype());
        assertEquals(List.of(new Parameter("charset", "utf-8"), new Parameter("format", "flowed")), text.parameters());
        assertEquals("<part1@example.com>", text.id());
        assertEquals("the text", text.description());
        assertEquals("Hello Ann,\r\nsee attached.\r\n", body(m, text));
        assertEquals(2, text.lines());
        assertTrue(header(m, text).startsWith("Content-Type: text/plain;"));
        assertTrue(header(m, text).endsWith("Content-Description: the text\r\n\r\n"));

        MimePart forwarded = s.part(2);
        assertTrue(forwarded.isMessage());
        assertEquals("inline", forwarded.disposition());
        assertEquals("forwarded", forwarded.envelope().subject());
        assertEquals(List.of(new Address(null, null, "bob", "example.org")), forwarded.envelope().from());
        String encapsulated = body(m, forwarded);
        assertTrue(encapsulated.startsWith("From: bob@example.org\r\n"));
        assertTrue(encapsulated.endsWith("<p>html version</p>\r\n--inner--"), encapsulated);
        assertEquals(14, forwarded.lines());
        MimePart inner = forwarded.message();
        assertEquals(forwarded.bodyOffset(), inner.headerOffset());
        assertTrue(header(m, inner).endsWith("Content-Type: multipart/alternative; boundary=inner\r\n\r\n"));
        assertEquals("plain version", body(m, s.part(2, 1)));
        assertEquals(1, s.part(2, 1).lines());
        assertEquals("<p>html version</p>", body(m, s.part(2, 2)));
        assertEquals("us-ascii", s.part(2, 2).parameter("CHARSET"));
        assertEquals("Content-Type: text/plain\r\n\r\n", header(m, s.part(2, 1)));

        MimePart pdf = s.part(3);
        assertEquals("application/pdf", pdf.type() + "/" + pdf.subtype());
        assertEquals("base64", pdf.encoding());
        assertEquals("attachment", pdf.disposition());
        assertEquals(List.of(new Parameter("filename", "report.pdf"), new Parameter("size", "12")),
                pdf.dispositionParameters());
        assertEquals(List.of("en", "de"), pdf.languages());
        assertEquals("http://example.com/report.pdf", pdf.location());
        assertEquals("Q2hlY2sgSW50ZWdyaXR5IQ==", pdf.md5());
        assertEquals("JVBERi0xLjQK", body(m, pdf));
        assertNull(s.part(4));
        assertNull(s.part(1, 1), "a text part has no sub-parts");
    }

    @Test
    void aDigestDefaultsItsPartsToMessages() throws IOException {
        byte[] m = fixture("digest.eml");
        MessageStructure s = MimeParser.parse(m);
        assertTrue(s.wellFormed(), s.problems().toString());
        assertTrue(s.part(1).isMessage());
        assertEquals("first", s.part(1).envelope().subject());
        assertEquals("one", body(m, s.part(1).message()));
        assertEquals("text/plain", s.part(2).type() + "/" + s.part(2).subtype());
    }

    @Test
    void structureRoundTripsThroughTheCachedText() throws IOException {
        for (String name : List.of("simple.eml", "nested.eml", "digest.eml", "8bit-headers.eml", "truncated-multipart.eml")) {
            MessageStructure s = MimeParser.parse(fixture(name));
            assertEquals(s, MessageStructure.decode(s.encode()), name);
        }
    }

    @Test
    void streamingInSmallPiecesGivesTheSameStructureAsAllAtOnce() throws IOException {
        byte[] m = fixture("nested.eml");
        Random random = new Random(42);
        MimeParser parser = new MimeParser();
        for (int at = 0; at < m.length; ) {
            int n = Math.min(m.length - at, 1 + random.nextInt(7));
            parser.update(m, at, n);
            at += n;
        }
        assertEquals(MimeParser.parse(m), parser.finish());
        assertEquals(MimeParser.parse(m), MimeParser.parse(new ByteArrayInputStream(m)));
    }

    @Test
    void aTruncatedMultipartKeepsWhatArrivedAndSaysSo() throws IOException {
        byte[] m = fixture("truncated-multipart.eml");
        MessageStructure s = MimeParser.parse(m);
        assertEquals(List.of("multipart without its closing boundary"), s.problems());
        assertEquals("first part", body(m, s.part(1)));
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAA\r\nAAAAAAAA", body(m, s.part(2)));
        assertEquals(2, s.part(2).lines());
        assertEquals(m.length, s.body().bodyOffset() + s.body().bodyLength());
    }

    @Test
    void eightBitHeadersAreReadWithoutFailingAndUtf8ReadsRight() throws IOException {
        byte[] m = fixture("8bit-headers.eml");
        MessageStructure s = MimeParser.parse(m);
        assertTrue(s.wellFormed(), s.problems().toString());
        assertEquals("Grüße aus Köln", s.envelope().subject());
        assertEquals("=?iso-8859-1?q?J=F6rg?=", s.envelope().from().get(0).name());
        Address to = s.envelope().to().get(0);
        assertEquals("jm", to.mailbox());
        assertTrue(to.name().startsWith("J") && to.name().contains("\uFFFD"), "Latin-1 bytes read as U+FFFD: " + to.name());
        assertEquals("iso-8859-1", s.body().parameter("charset"));
        assertTrue(s.body().parameter("name").startsWith("r"));
        assertEquals("Body with 8-bit: caf\u00e9\r\n", body(m, s.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing-boundary.eml", "wrong-boundary.eml"})
    void aMultipartWithoutUsableBoundaryIsOneTextPart(String name) throws IOException {
        byte[] m = fixture(name);
        MessageStructure s = MimeParser.parse(m);
        assertEquals(1, s.problems().size(), s.problems().toString());
        MimePart root = s.body();
        assertEquals("text/plain", root.type() + "/" + root.subtype());
        assertTrue(body(m, root).startsWith("--"));
        assertEquals(m.length, root.bodyOffset() + root.bodyLength());
    }

    @Test
    void aHeaderWithoutItsEmptyLineEndsAtTheFirstLineThatIsNoField() throws IOException {
        byte[] m = fixture("header-without-empty-line.eml");
        MessageStructure s = MimeParser.parse(m);
        assertEquals(List.of("header not ended by an empty line"), s.problems());
        assertEquals("no empty line", s.envelope().subject());
        assertEquals("this line starts the body\r\nand so does this\r\n", body(m, s.body()));
        assertEquals(2, s.body().lines());
    }

    @Test
    void aTenMegabyteSingleLineIsCountedNotHeld() {
        byte[] head = "Subject: big\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\n".getBytes(UTF_8);
        byte[] tail = "\r\n--x--\r\n".getBytes(UTF_8);
        int lineLength = 10 * 1024 * 1024;
        byte[] m = new byte[head.length + lineLength + tail.length];
        System.arraycopy(head, 0, m, 0, head.length);
        java.util.Arrays.fill(m, head.length, head.length + lineLength, (byte) 'a');
        System.arraycopy(tail, 0, m, head.length + lineLength, tail.length);
        MessageStructure s = MimeParser.parse(m);
        assertTrue(s.wellFormed(), s.problems().toString());
        assertEquals(lineLength, s.part(1).bodyLength());
        assertEquals(1, s.part(1).lines());
        MessageStructure noNewline = MimeParser.parse(java.util.Arrays.copyOf(m, head.length + lineLength));
        assertEquals(List.of("multipart without its closing boundary"), noNewline.problems());
        assertEquals(lineLength, noNewline.part(1).bodyLength());
    }

    @Test
    void randomBytesNeverFailAndRangesStayInsideTheMessage() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            byte[] m = new byte[random.nextInt(600)];
            String alphabet = "--b\r\n:Content-Type: multipart/mixed; boundary=b message/rfc822 \r\n\r\nx\u00e9";
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            MessageStructure s = MimeParser.parse(m);
            assertInside(s.body(), m.length);
            assertEquals(s, MessageStructure.decode(s.encode()));
        }
    }

    private static void assertInside(MimePart part, long size) {
        assertTrue(part.headerOffset() >= 0 && part.bodyOffset() == part.headerOffset() + part.headerLength()
                && part.bodyLength() >= 0 && part.bodyOffset() + part.bodyLength() <= size, part.toString());
        part.parts().forEach(p -> assertInside(p, size));
        if (part.message() != null) {
            assertInside(part.message(), size);
        }
    }

    @Test
    void headerFieldsArePickedWholeWithTheirContinuationLines() {
        byte[] header = "Subject: a\r\n b\r\nFrom: x\r\nTo: y\r\n\r\n".getBytes(UTF_8);
        assertEquals("Subject: a\r\n b\r\nTo: y\r\n\r\n",
                new String(HeaderFields.select(header, List.of("subject", "TO"), false), UTF_8));
        assertEquals("From: x\r\n\r\n", new String(HeaderFields.select(header, List.of("subject", "to"), true), UTF_8));
    }
}
