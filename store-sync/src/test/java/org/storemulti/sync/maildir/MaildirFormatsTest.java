package org.storemulti.sync.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small formats of a Dovecot maildir: file names, info letters, uidlist, keywords, names, line ends. */
class MaildirFormatsTest {

    @Test
    void aFileNameSplitsIntoItsBaseAndItsFlagLetters() {
        FileName name = FileName.parse("1796671070.M968662P29990.vm,S=38,W=43:2,FSabc");
        assertEquals("1796671070.M968662P29990.vm,S=38,W=43", name.base());
        assertEquals("FSabc", name.letters());
        assertEquals(38, name.field('S'));
        assertEquals(43, name.field('W'));
        assertEquals(-1, name.field('X'));
        assertEquals("1796671070.M968662P29990.vm,S=38,W=43:2,", name.withLetters("").name());
        assertNull(FileName.parse("1234.5678.host").letters());
        assertNull(FileName.parse("1234.5678.host:1,experimental").letters());
        assertEquals("1234.5678.host", FileName.baseOf("1234.5678.host:1,experimental"));
        assertFalse(FileName.isMessageName(".nfs0001"));
        assertFalse(FileName.isMessageName("bad\nname"));
    }

    @Test
    void infoLettersMapToFlagsAndKeywordsAndBackInAsciiOrder() {
        KeywordFile keywords = KeywordFile.empty().with(List.of("$Forwarded", "Junk", "foo"));
        assertEquals(Set.of("\\Flagged", "\\Seen", "$Forwarded", "Junk", "foo"), InfoFlags.flags("FSabc", keywords));
        assertEquals(Set.of("\\Answered", "\\Deleted", "\\Draft"), InfoFlags.flags("DRTz", keywords));
        assertEquals("DFRSTabc", InfoFlags.letters(Set.of("\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft",
                "foo", "Junk", "$Forwarded"), keywords, null));
        assertEquals(Set.of("$Forwarded", "\\Seen"), InfoFlags.flags("PS", keywords), "P (passed) is $Forwarded");
        assertEquals("S", InfoFlags.letters(Set.of("\\Seen"), keywords, "PS"), "P goes with $Forwarded");
        assertEquals("PSa", InfoFlags.letters(Set.of("\\Seen", "$Forwarded"), keywords, "PS"));
        assertEquals("KS", InfoFlags.letters(Set.of("\\Seen"), keywords, "KS"), "another program's letter stays");
        assertEquals("", InfoFlags.letters(Set.of("unknown"), keywords, null), "a keyword without a letter is left out");
    }

    @Test
    void theKeywordFileGivesFreeLettersAndAtMostTwentySix() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add("kw" + i);
        }
        KeywordFile table = KeywordFile.empty().with(many);
        assertEquals('a', table.letter("kw0"));
        assertEquals('z', table.letter("kw25"));
        assertEquals(0, table.letter("kw26"));
        assertEquals("kw25", table.keyword('z'));
        assertEquals(26, table.keywords().size());
        assertTrue(table.with(List.of("kw3")) == table, "nothing new: the same table");
    }

    @Test
    void theUidlistReadsWhatDovecotWritesAndWritesItBack() {
        String dovecot = "3 V1796671072 N3 Gd91e16395e06176b2675000083ecc375\n"
                + "1 :1796671070.M968662P29990.vm,S=38,W=43\n"
                + "2 W1260 G0123456789abcdef0123456789abcdef :1796671070.M971135P29990.vm,S=38\n"
                + "3 :1796671070.M973892P29990.vm,S=38,W=43\n";
        List<String> problems = new ArrayList<>();
        Uidlist list = Uidlist.parse(dovecot, "dovecot-uidlist", problems::add);
        assertEquals(List.of(), problems);
        assertEquals(1796671072L, list.uidValidity());
        assertEquals(4, list.nextUid(), "the header's N lags: appended lines count too");
        assertEquals("d91e16395e06176b2675000083ecc375", list.guid());
        assertEquals("0123456789abcdef0123456789abcdef", list.entry("1796671070.M971135P29990.vm,S=38").field('G'));
        assertEquals(dovecot.replace("N3", "N4"), new String(list.format(), StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenUidlistLineIsSkippedAndABrokenHeaderStartsAfresh() {
        List<String> problems = new ArrayList<>();
        Uidlist list = Uidlist.parse("3 V5 N10 Gd91e16395e06176b2675000083ecc375 Xkept\n1 :a\nrubbish\n1 :again\n4 :b/c\n7 :d\n",
                "x/dovecot-uidlist", problems::add);
        assertEquals(List.of(1L, 7L), list.entries().stream().map(Uidlist.Entry::uid).toList());
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("x/dovecot-uidlist:3: not a message line"), problems.get(0));
        assertTrue(new String(list.format(), StandardCharsets.UTF_8).startsWith("3 V5 N10 Gd91e16395e06176b2675000083ecc375 Xkept\n"));
        assertNull(Uidlist.parse("9 V1 N1\n", "f", problems::add));
        assertNull(Uidlist.parse("3 N1\n", "f", problems::add));
    }

    @Test
    void aVersionOneUidlistAsCourierWritesItIsRead() {
        Uidlist list = Uidlist.parse("1 1112223334 5\n1 1000.1.host:2,S\n3 1001.2.host\n", "f", p -> { });
        assertEquals(1112223334L, list.uidValidity());
        assertEquals(5, list.nextUid());
        assertEquals(3, list.entry("1001.2.host").uid());
        assertEquals(1, list.entry("1000.1.host").uid());
        assertNull(list.guid());
    }

    @Test
    void uidsGivenBelowTheNextUidAreRefused() {
        Uidlist list = Uidlist.fresh(7, "d91e16395e06176b2675000083ecc375").plus(List.of(new Uidlist.Entry(5, "a", List.of())));
        assertEquals(6, list.nextUid());
        assertThrows(IllegalArgumentException.class, () -> list.plus(List.of(new Uidlist.Entry(5, "b", List.of()))));
    }

    @Test
    void modifiedUtf7EncodesAsDovecotNamesFoldersAndDecodesLeniently() {
        assertEquals("Entw&APw-rfe", ModifiedUtf7.encode("Entwürfe"));
        assertEquals("&-amp", ModifiedUtf7.encode("&amp"));
        assertEquals("Entwürfe", ModifiedUtf7.decode("Entw&APw-rfe"));
        assertEquals("&amp", ModifiedUtf7.decode("&-amp"));
        assertEquals("broken&run", ModifiedUtf7.decode("broken&run"), "no closing dash: taken as it is");
        assertEquals("x&A-y", ModifiedUtf7.decode("x&A-y"), "leftover bits: taken as it is");
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                name.appendCodePoint(switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x5f);
                    case 1 -> 0xa0 + random.nextInt(0x2000);
                    case 2 -> '&';
                    default -> 0x1f600 + random.nextInt(80);
                });
            }
            assertEquals(name.toString(), ModifiedUtf7.decode(ModifiedUtf7.encode(name.toString())));
        }
    }

    @Test
    void folderNamesMapTheStoreHierarchyOntoDotDirectoriesWithTheAltChar() {
        FolderNames names = new FolderNames('_');
        assertEquals("", names.directoryOf("INBOX"));
        assertEquals(".Work.Sub", names.directoryOf("Work/Sub"));
        assertEquals(".INBOX.Sub", names.directoryOf("INBOX/Sub"));
        assertEquals(".Entw&APw-rfe", names.directoryOf("Entwürfe"));
        assertEquals(".a_b.c", names.directoryOf("a.b/c"), "a dot inside a segment is not a level");
        assertEquals("._x.~y", names.directoryOf("~x/~y"), "Dovecot refuses a name that starts with ~");
        assertEquals("Work/Sub", names.nameOf(".Work.Sub"));
        assertEquals("INBOX", names.nameOf(""));
        assertEquals("Entwürfe", names.nameOf(".Entw&APw-rfe"));
        assertEquals("x_y/q_w/_", names.nameOf(".x*y.q\\w."), "what the store refuses becomes the alt char");
        assertEquals("a-b", new FolderNames('-').nameOf(".a%b"));
        assertThrows(IllegalArgumentException.class, () -> new FolderNames('.'));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void lineEndsGoToUnixOnDiskAndBackToCrlfWithDovecotsSizes(long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            ByteArrayOutputStream crlf = new ByteArrayOutputStream();
            int lines = random.nextInt(200);
            for (int j = 0; j < lines; j++) {
                byte[] line = new byte[random.nextInt(random.nextInt(10) == 0 ? 70_000 : 80)];
                for (int k = 0; k < line.length; k++) {
                    line[k] = (byte) (' ' + random.nextInt(90));
                }
                crlf.write(line);
                crlf.write(random.nextInt(20) == 0 && j == lines - 1 ? new byte[0] : "\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] original = crlf.toByteArray();
            ByteArrayOutputStream disk = new ByteArrayOutputStream();
            UnixLineEndsOutput out = new UnixLineEndsOutput(disk);
            new ByteArrayInputStream(original).transferTo(out);
            out.finish();
            byte[] onDisk = disk.toByteArray();
            assertEquals(onDisk.length, out.size());
            assertEquals(original.length, out.virtualSize(), "W= is the size IMAP shows");
            assertFalse(new String(onDisk, StandardCharsets.ISO_8859_1).contains("\r"));
            byte[] back = new CrlfInput(new ByteArrayInputStream(onDisk)).readAllBytes();
            assertTrue(java.util.Arrays.equals(original, back), "seed " + seed + " message " + i);
        }
    }

    @Test
    void aBareCrAndCrlfAlreadyInAFileSurviveReading() throws IOException {
        byte[] file = "a\rb\r\nc\nd".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a\rb\r\nc\r\nd", new String(new CrlfInput(new ByteArrayInputStream(file)).readAllBytes(),
                StandardCharsets.US_ASCII));
    }
}
