package org.storemulti.imap.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.FetchItem;
import org.storemulti.imap.command.Flag;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.command.SearchKey;
import org.storemulti.imap.command.Section;
import org.storemulti.imap.command.SequenceSet;

/** Commands from the RFCs' examples, parsed; and what a malformed command is told. */
class CommandParserTest {

    private static Command parse(String text) throws ParseException {
        return Framing.parse(text).command();
    }

    private static ParseException refused(String text) {
        return assertThrows(ParseException.class, () -> parse(text));
    }

    private static MailboxName box(String name) {
        return new MailboxName(name);
    }

    private static SequenceSet set(long first, long last) {
        return SequenceSet.of(List.of(new SequenceSet.Range(first, last)));
    }

    @Test
    void commandsWithoutArgumentsTakeNone() throws ParseException {
        assertEquals(new ParsedCommand("a001", "CAPABILITY", new Command.Capability()), Framing.parse("a001 capability"));
        assertEquals(new Command.Noop(), parse("a002 NOOP"));
        assertEquals(new Command.Logout(), parse("A023 LOGOUT"));
        assertEquals(new Command.StartTls(), parse("a001 STARTTLS"));
        assertEquals(new Command.Check(), parse("FXXZ CHECK"));
        assertEquals(new Command.Close(), parse("A341 CLOSE"));
        assertEquals(new Command.Expunge(Optional.empty()), parse("A202 EXPUNGE"));
        assertEquals(new Command.Idle(), parse("A002 IDLE"));
        assertEquals("expected the end of the command at position 9, found a space", refused("a002 NOOP now").getMessage());
    }

    @Test
    void loginTakesAtomsQuotedStringsAndLiterals() throws ParseException {
        assertEquals(new Command.Login("SMITH", "SESAME"), parse("a001 LOGIN SMITH SESAME"));
        assertEquals(new Command.Login("fred", "se cr\"et\\"), parse("a LOGIN \"fred\" \"se cr\\\"et\\\\\""));
        assertEquals(new Command.Login("fred", "p\u00e4ss"), parse("a LOGIN {4}\r\nfred {5+}\r\np\u00e4ss"));
    }

    @Test
    void authenticateTakesAnInitialResponse() throws ParseException {
        assertEquals(new Command.Authenticate("GSSAPI", Optional.empty()), parse("A001 AUTHENTICATE GSSAPI"));
        assertEquals(new Command.Authenticate("PLAIN", Optional.of("dGVzdAB0ZXN0AHRlc3Q=")),
                parse("a01 AUTHENTICATE plain dGVzdAB0ZXN0AHRlc3Q="));
        assertEquals(new Command.Authenticate("PLAIN", Optional.of("=")), parse("a01 AUTHENTICATE PLAIN ="));
    }

    @Test
    void selectAndExamineTakeCondstoreAndQresync() throws ParseException {
        assertEquals(new Command.Select(MailboxName.INBOX, false, false, Optional.empty()), parse("A142 SELECT inbox"));
        assertEquals(new Command.Select(box("blurdybloop"), true, false, Optional.empty()), parse("A932 EXAMINE blurdybloop"));
        assertEquals(new Command.Select(MailboxName.INBOX, false, true, Optional.empty()), parse("a SELECT INBOX (CONDSTORE)"));
        Command.Select q = (Command.Select) parse("A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))");
        assertEquals(67890007, q.qresync().orElseThrow().uidValidity());
        assertEquals(20050715194045000L, q.qresync().orElseThrow().modseq());
        assertEquals("41,43:211,214:541", q.qresync().orElseThrow().knownUids().orElseThrow().toString());
        Command.Select b = (Command.Select) parse("B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 "
                + "(5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))");
        assertEquals("5000,7500,9000,9990:9999", b.qresync().orElseThrow().knownSequenceNumbers().orElseThrow().toString());
        assertEquals("unknown select parameter ANNOTATE", refused("a SELECT INBOX (ANNOTATE)").getMessage());
    }

    @Test
    void mailboxCommandsDecodeModifiedUtf7() throws ParseException {
        assertEquals(new Command.Create(box("owatagusiam/"), List.of()), parse("A003 CREATE owatagusiam/"));
        assertEquals(new Command.Create(box("Everything"), List.of(new Flag("\\All"))),
                parse("t1 CREATE \"Everything\" (USE (\\All))"));
        assertEquals(new Command.Delete(box("blurdybloop")), parse("A683 DELETE blurdybloop"));
        assertEquals(new Command.Rename(box("blurdybloop"), box("sarasoop")), parse("A683 RENAME blurdybloop sarasoop"));
        assertEquals(new Command.Subscribe(box("#news.comp.mail.mime")), parse("A002 SUBSCRIBE #news.comp.mail.mime"));
        assertEquals(new Command.Unsubscribe(box("\u53f0\u5317")), parse("A002 UNSUBSCRIBE &U,BTFw-"));
        ParseException e = refused("a1 SELECT &AGE-");
        assertEquals(ParseException.Status.NO, e.status());
        assertEquals("invalid mailbox name \"&AGE-\": printable ASCII 'a' encoded (it must stand for itself) at octet 3",
                e.getMessage());
        assertEquals(ParseException.Status.NO, refused("a1 DELETE \"caf\u00e9\"").status());
    }

    @Test
    void listTakesPatternsAndTheExtendedOptions() throws ParseException {
        assertEquals(new Command.ListMailboxes(Set.of(), "", List.of(""), Set.of(), Set.of()), parse("A101 LIST \"\" \"\""));
        assertEquals(new Command.ListMailboxes(Set.of(), "~/Mail/", List.of("%"), Set.of(), Set.of()),
                parse("A202 LIST ~/Mail/ %"));
        assertEquals(new Command.ListMailboxes(Set.of(Command.ListSelect.SUBSCRIBED, Command.ListSelect.RECURSIVEMATCH),
                "", List.of("%"), Set.of(), Set.of()), parse("A01 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"));
        assertEquals(new Command.ListMailboxes(Set.of(Command.ListSelect.REMOTE), "", List.of("*"),
                Set.of(Command.ListReturn.CHILDREN), Set.of()), parse("A03 LIST (REMOTE) \"\" \"*\" RETURN (CHILDREN)"));
        assertEquals(new Command.ListMailboxes(Set.of(), "", List.of("INBOX", "Drafts", "Sent/%"), Set.of(), Set.of()),
                parse("C02 LIST () \"\" (\"INBOX\" \"Drafts\" \"Sent/%\")"));
        assertEquals(new Command.ListMailboxes(Set.of(), "", List.of("%"), Set.of(Command.ListReturn.STATUS),
                Set.of(Command.StatusItem.MESSAGES, Command.StatusItem.UNSEEN)),
                parse("A02 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))"));
        assertEquals(new Command.Lsub("#news.", "comp.mail.*"), parse("A002 LSUB \"#news.\" \"comp.mail.*\""));
        assertEquals("RECURSIVEMATCH needs another selection option such as SUBSCRIBED (RFC 5258)",
                refused("a LIST (RECURSIVEMATCH) \"\" %").getMessage());
    }

    @Test
    void statusTakesItsItems() throws ParseException {
        assertEquals(new Command.Status(box("blurdybloop"), Set.of(Command.StatusItem.UIDNEXT, Command.StatusItem.MESSAGES)),
                parse("A042 STATUS blurdybloop (UIDNEXT MESSAGES)"));
        assertTrue(refused("A042 STATUS blurdybloop (UIDNEXT FOO)").getMessage().startsWith("unknown status item FOO"));
        assertEquals("expected at least one element in the status items at position 26, found the end of the line",
                refused("A042 STATUS blurdybloop ()").getMessage());
    }

    @Test
    void appendTakesFlagsADateAndSeveralMessages() throws ParseException, IOException {
        Command.Append one = (Command.Append) parse("A003 APPEND saved-messages (\\Seen) {7}\r\nDate: x");
        assertEquals(box("saved-messages"), one.mailbox());
        assertEquals(List.of(Flag.SEEN), one.messages().get(0).flags());
        assertArrayEquals("Date: x".getBytes(StandardCharsets.US_ASCII), read(one.messages().get(0)));
        Command.Append two = (Command.Append) parse("A003 APPEND saved-messages {3}\r\nabc (\\Seen $Junk)"
                + " \" 1-Jul-2002 22:35:42 -0700\" {3+}\r\n\0\r\n");
        assertEquals(2, two.messages().size());
        assertEquals(List.of(Flag.SEEN, new Flag("$Junk")), two.messages().get(1).flags());
        assertEquals(OffsetDateTime.of(2002, 7, 1, 22, 35, 42, 0, ZoneOffset.ofHours(-7)),
                two.messages().get(1).internalDate().orElseThrow());
        assertArrayEquals(new byte[] {0, '\r', '\n'}, read(two.messages().get(1)));
        assertEquals("\\Recent is set by the server and cannot be stored or appended",
                refused("a APPEND x (\\Recent) {1}\r\nx").getMessage());
        assertTrue(refused("a APPEND x \"31-Feb-2002 22:35:42 -0700\" {1}\r\nx").getMessage().startsWith("invalid date"));
    }

    private static byte[] read(Command.AppendMessage message) throws IOException {
        try (InputStream in = message.message().open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void searchTakesEveryKeyNestedAndTheReturnOptions() throws ParseException {
        Command.Search s = (Command.Search) parse("A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"");
        assertEquals(new SearchKey.And(List.of(new SearchKey.HasFlag(Flag.FLAGGED, true),
                new SearchKey.Date(SearchKey.DateField.INTERNAL, SearchKey.DateRelation.SINCE, LocalDate.of(1994, 2, 1)),
                new SearchKey.Not(new SearchKey.Header("FROM", "Smith")))), s.key());
        assertEquals(Optional.empty(), s.returns());
        Command.Search e = (Command.Search) parse("A282 SEARCH RETURN (MIN COUNT) FLAGGED");
        assertEquals(Set.of(Command.SearchReturn.MIN, Command.SearchReturn.COUNT), e.returns().orElseThrow());
        assertEquals(Set.of(Command.SearchReturn.ALL), ((Command.Search) parse("A283 SEARCH RETURN () FLAGGED"))
                .returns().orElseThrow());
        Command.Search u = (Command.Search) parse("A284 UID SEARCH CHARSET UTF-8 TEXT {5}\r\n\u00e9t\u00e9");
        assertTrue(u.uid());
        assertEquals(new SearchKey.Text("\u00e9t\u00e9"), u.key());
        Command.Search all = (Command.Search) parse("a SEARCH OR (UNSEEN LARGER 100) NOT 1:5,* UID 3 $ KEYWORD $Junk "
                + "HEADER X-Spam \"yes\" SENTON \"3-Mar-2020\" MODSEQ \"/flags/\\\\draft\" all 620162338 YOUNGER 60 NEW OLD");
        assertEquals(new SearchKey.And(List.of(
                new SearchKey.Or(new SearchKey.And(List.of(new SearchKey.HasFlag(Flag.SEEN, false),
                        new SearchKey.Size(true, 100))), new SearchKey.Not(new SearchKey.Sequence(
                                SequenceSet.of(List.of(new SequenceSet.Range(1, 5),
                                        new SequenceSet.Range(SequenceSet.LAST, SequenceSet.LAST)))))),
                new SearchKey.Uid(set(3, 3)),
                new SearchKey.Sequence(SequenceSet.savedResult()),
                new SearchKey.HasFlag(new Flag("$Junk"), true),
                new SearchKey.Header("X-SPAM", "yes"),
                new SearchKey.Date(SearchKey.DateField.SENT, SearchKey.DateRelation.ON, LocalDate.of(2020, 3, 3)),
                new SearchKey.ModSeq(620162338, Optional.of("/flags/\\draft"), Optional.of("all")),
                new SearchKey.Age(true, 60),
                new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.HasFlag(Flag.SEEN, false))),
                new SearchKey.Not(new SearchKey.Recent()))).toString(), all.key().toString());
    }

    @Test
    void searchRefusesUnknownCharsetsWithNoAndTooDeepNestingWithBad() {
        ParseException charset = refused("a SEARCH CHARSET X-UNKNOWN-1 ALL");
        assertEquals(ParseException.Status.NO, charset.status());
        assertEquals(Optional.of("BADCHARSET (UTF-8 US-ASCII)"), charset.code());
        ParseException deep = refused("a SEARCH " + "NOT ".repeat(100) + "ALL");
        assertEquals("search criteria nested more than 64 deep", deep.getMessage());
        assertEquals(ParseException.Status.BAD, refused("a SEARCH " + "(".repeat(100) + "ALL" + ")".repeat(100)).status());
        assertEquals("unknown search key FOO", refused("a SEARCH FOO").getMessage());
    }

    @Test
    void fetchTakesMacrosSectionsPartialsAndModifiers() throws ParseException {
        assertEquals(new Command.Fetch(false, set(2, 4), List.of(FetchItem.Simple.FLAGS,
                new FetchItem.Body(new Section(List.of(), Section.Kind.HEADER_FIELDS, List.of("DATE", "FROM")), false,
                        Optional.empty())), OptionalLong.empty(), false),
                parse("A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])"));
        assertEquals(FetchItem.ALL, ((Command.Fetch) parse("a FETCH 1:* ALL")).items());
        assertEquals(FetchItem.FULL, ((Command.Fetch) parse("a FETCH 1 full")).items());
        Command.Fetch peek = (Command.Fetch) parse("a FETCH 1 (BODY.PEEK[1.2.HEADER.FIELDS.NOT (Received)]<0.2048> "
                + "BODY[1.MIME] BODY[] BODY[TEXT]<10.5> RFC822.SIZE BODYSTRUCTURE BINARY.PEEK[1]<0.10> BINARY.SIZE[1] "
                + "UID MODSEQ RFC822.HEADER)");
        assertEquals("1.2.HEADER.FIELDS.NOT (RECEIVED)", ((FetchItem.Body) peek.items().get(0)).section().toString());
        assertEquals(Optional.of(new FetchItem.Partial(0, 2048)), ((FetchItem.Body) peek.items().get(0)).partial());
        assertEquals("1.MIME", ((FetchItem.Body) peek.items().get(1)).section().toString());
        assertEquals(Section.WHOLE, ((FetchItem.Body) peek.items().get(2)).section());
        assertEquals(new FetchItem.Binary(List.of(1), true, Optional.of(new FetchItem.Partial(0, 10))), peek.items().get(6));
        assertEquals(FetchItem.Simple.RFC822_HEADER, peek.items().get(10));
        Command.Fetch changed = (Command.Fetch) parse("t UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)");
        assertEquals(OptionalLong.of(12345), changed.changedSince());
        assertTrue(changed.vanished());
        assertEquals(set(4827313, 4828442), ((Command.Fetch) parse("A999 UID FETCH 4827313:4828442 FLAGS")).set());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a FETCH 1 (BODY[MIME])|unknown section MIME (MIME needs a part number)",
        "a FETCH 0 FLAGS|expected a sequence number, a UID or '*' (not zero) at position 8, found '0'",
        "a FETCH 4294967296 FLAGS|expected a sequence number, a UID or '*' no larger than 4294967295 at position 8, found '4'",
        "a FETCH 1 (FLAGS) (VANISHED)|VANISHED needs UID FETCH and CHANGEDSINCE (RFC 7162 3.2.6)",
        "a FETCH 1 (FLAGS FOO)|unknown FETCH attribute FOO",
        "a FETCH 1 (ALL)|unknown FETCH attribute ALL",
        "a FETCH 1 BODY[1.2.3|expected ']' closing the section at position 20, found the end of the line",
        "a FETCH 1 BODY[]<5.0>|expected the partial's length (not zero) at position 19, found '0'",
        "a FROB|unknown command FROB",
        "a UID FROB 1|unknown command UID FROB",
        "a SELECT|expected a space at position 8, found the end of the line",
    })
    void malformedCommandsAreToldWhatWasExpectedWhere(String command, String message) {
        ParseException e = refused(command);
        assertEquals(message, e.getMessage());
        assertEquals(ParseException.Status.BAD, e.status());
        assertEquals(Optional.of("a"), e.tag());
    }

    @Test
    void aBadTagHasNoTagToAnswerWith() {
        ParseException e = refused("+ NOOP");
        assertEquals(Optional.empty(), e.tag());
        assertEquals("a command starts with a tag and a space: expected a tag at position 0, found '+'", e.getMessage());
    }

    @Test
    void storeTakesUnchangedSinceAndBothFlagSpellings() throws ParseException {
        assertEquals(new Command.StoreFlags(false, set(2, 4), OptionalLong.empty(), Command.StoreMode.ADD, false,
                List.of(Flag.DELETED)), parse("A003 STORE 2:4 +FLAGS (\\Deleted)"));
        assertEquals(new Command.StoreFlags(true, SequenceSet.of(List.of(new SequenceSet.Range(6, 6),
                new SequenceSet.Range(4, 4), new SequenceSet.Range(8, 8))), OptionalLong.of(12121230045L),
                Command.StoreMode.ADD, true, List.of(Flag.DELETED)),
                parse("a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)"));
        assertEquals(new Command.StoreFlags(false, set(1, 1), OptionalLong.empty(), Command.StoreMode.REMOVE, false,
                List.of(Flag.SEEN, new Flag("$Label1"))), parse("a STORE 1 -FLAGS \\seen $Label1"));
        assertEquals("\\Recent is set by the server and cannot be stored or appended",
                refused("a STORE 1 FLAGS (\\Recent)").getMessage());
    }

    @Test
    void copyMoveAndUidExpungeTakeSets() throws ParseException {
        assertEquals(new Command.Copy(false, set(2, 4), box("MEETING")), parse("A003 COPY 2:4 MEETING"));
        assertEquals(new Command.Move(true, set(42, 69), box("foo")), parse("a UID MOVE 42:69 foo"));
        assertEquals(new Command.Expunge(Optional.of(set(3000, 3002))), parse("A003 UID EXPUNGE 3000:3002"));
    }

    @Test
    void enableIdQuotaAndAclCommandsTakeTheirArguments() throws ParseException {
        assertEquals(new Command.Enable(List.of("CONDSTORE", "X-GOOD-IDEA")), parse("t2 ENABLE CONDSTORE X-GOOD-IDEA"));
        assertEquals(new Command.Id(List.of(new Command.IdField("name", Optional.of("sodr")),
                new Command.IdField("version", Optional.of("19.34")),
                new Command.IdField("vendor", Optional.empty()))),
                parse("a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" NIL)"));
        assertEquals(new Command.Id(List.of()), parse("a ID NIL"));
        assertEquals(new Command.GetQuota("!partition/sda4"), parse("G0001 GETQUOTA \"!partition/sda4\""));
        assertEquals(new Command.SetQuota("#user/alice", Map.of("STORAGE", 510L)),
                parse("S0000 SETQUOTA \"#user/alice\" (STORAGE 510)"));
        assertEquals(new Command.GetQuotaRoot(MailboxName.INBOX), parse("G0002 GETQUOTAROOT INBOX"));
        assertEquals(new Command.SetAcl(box("INBOX/Drafts"), "John", "+d"), parse("A035 SETACL INBOX/Drafts John +d"));
        assertEquals(new Command.DeleteAcl(box("INBOX/Drafts"), "Byron"), parse("A006 DELETEACL INBOX/Drafts Byron"));
        assertEquals(new Command.ListRights(box("~/Mail/saved"), "smith"), parse("a LISTRIGHTS ~/Mail/saved smith"));
        assertEquals(new Command.MyRights(MailboxName.INBOX), parse("A003 MYRIGHTS INBOX"));
        assertEquals(new Command.GetAcl(MailboxName.INBOX), parse("A002 GETACL INBOX"));
        assertInstanceOf(Command.Namespace.class, parse("A001 NAMESPACE"));
    }
}
