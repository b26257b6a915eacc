package org.storemulti.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.imap.message.BodyStructures;
import org.storemulti.imap.message.Envelopes;
import org.storemulti.imap.response.LiteralSource;
import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.imap.testing.ImapClient;
import org.storemulti.imap.testing.Mail;
import org.storemulti.imap.testing.RecordingWire;
import org.storemulti.imap.testing.TestServer;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.message.UidSet;
import org.storemulti.store.mime.HeaderFields;

/**
 * ENVELOPE, BODY, BODYSTRUCTURE and header lists answered from the server's cache of made
 * items are byte for byte what the renderer makes of the engine's MIME tree and what the
 * field selection makes of the header block, over the whole MIME corpus (the malformed
 * fixtures too): on the first FETCH (made and kept), on the next ones (copied), and when a
 * FETCH finds some items kept and others not.
 */
@Timeout(60)
class RenderedItemsTest {

    @TempDir
    Path directory;

    /** As the server names them (field names in upper case). */
    private static final String LIST = "BODY[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)]";
    private static final String NOT = "BODY[HEADER.FIELDS.NOT (SUBJECT)]";

    /** The FETCH response line of message {@code n} as the renderer writes it from the record's tree. */
    private static String fromTree(int n, MessageRecord record, List<String> items) throws IOException {
        RecordingWire wire = new RecordingWire();
        ResponseWriter w = new ResponseWriter(wire);
        w.untagged().number(n).raw(" FETCH (");
        for (int k = 0; k < items.size(); k++) {
            w.raw(k == 0 ? "" : " ").raw(items.get(k)).sp();
            switch (items.get(k)) {
                case "ENVELOPE" -> Envelopes.write(w, record.structure().envelope());
                case "BODY" -> BodyStructures.write(w, record.structure().body(), false);
                case "BODYSTRUCTURE" -> BodyStructures.write(w, record.structure().body(), true);
                case LIST -> w.literal(new LiteralSource.Bytes(HeaderFields.select(record.header(),
                        List.of("From", "To", "Subject", "Date", "Message-ID"), false)));
                case NOT -> w.literal(new LiteralSource.Bytes(HeaderFields.select(record.header(), List.of("Subject"),
                        true)));
                default -> throw new IllegalArgumentException(items.get(k));
            }
        }
        w.raw(")").end().flush();
        // the octets as the test client decodes them (UTF-8)
        return wire.all.toString(StandardCharsets.UTF_8);
    }

    /** As {@link ImapClient#response} gives lines back: split at LF, CR before it dropped, joined with CRLF. */
    private static String lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return String.join("\r\n", lines);
    }

    private static String expected(List<MessageRecord> records, List<String> items, String tag) throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            all.append(fromTree(i + 1, records.get(i), items));
        }
        return lines(all + tag + " OK FETCH completed");
    }

    @Test
    void theCachedItemsAreWhatTheRendererMakesOfTheTreeForEveryFixture() throws IOException {
        List<Path> corpus;
        try (Stream<Path> files = Stream.concat(Files.list(Mail.FIXTURES.resolve("mime")),
                Files.list(Mail.FIXTURES.resolve("imap")))) {
            corpus = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertTrue(corpus.size() >= 10, "the corpus: " + corpus);
        try (TestServer server = TestServer.start(directory)) {
            for (Path file : corpus) {
                Mail.deliver(server.store(), TestServer.USER, Files.readAllBytes(file));
            }
            List<MessageRecord> records = server.store().messages().mailbox("example.com", "user/joe/INBOX")
                    .fetch(UidSet.ALL, true, true);
            assertEquals(corpus.size(), records.size());
            List<String> all = List.of("ENVELOPE", "BODY", "BODYSTRUCTURE");
            try (ImapClient c = server.connect().greetedAndLoggedIn()) {
                assertTrue(c.tagged("s", "EXAMINE INBOX").startsWith("s OK"));
                assertEquals(expected(records, List.of("ENVELOPE"), "e"), c.response("e", "FETCH 1:* (ENVELOPE)"),
                        "only ENVELOPE rendered and kept");
                assertEquals(expected(records, all, "f1"), c.response("f1", "FETCH 1:* (ENVELOPE BODY BODYSTRUCTURE)"),
                        "ENVELOPE kept, BODY and BODYSTRUCTURE rendered");
                assertEquals(expected(records, all, "f2"), c.response("f2", "FETCH 1:* (ENVELOPE BODY BODYSTRUCTURE)"),
                        "all kept");
                List<String> headers = List.of(LIST, "ENVELOPE", NOT);
                String asked = "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (From To Subject Date Message-ID)] ENVELOPE"
                        + " BODY.PEEK[HEADER.FIELDS.NOT (Subject)])";
                assertEquals(expected(records, headers, "h1"), c.response("h1", asked), "header lists picked and kept");
                assertEquals(expected(records, headers, "h2"), c.response("h2", asked), "header lists kept");
            }
            try (ImapClient c = server.connect().greetedAndLoggedIn()) {
                assertTrue(c.tagged("s", "EXAMINE INBOX").startsWith("s OK"));
                List<String> reversed = List.of("BODYSTRUCTURE", "BODY", "ENVELOPE", LIST);
                assertEquals(expected(records, reversed, "f3"), c.response("f3",
                        "FETCH 1:* (BODYSTRUCTURE BODY ENVELOPE BODY.PEEK[HEADER.FIELDS (From To Subject Date Message-ID)])"),
                        "another session, from the cache");
            }
        }
    }
}
