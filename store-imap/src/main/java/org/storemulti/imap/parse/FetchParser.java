package org.storemulti.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.FetchItem;
import org.storemulti.imap.command.Section;
import org.storemulti.imap.command.SequenceSet;

/**
 * FETCH's arguments (RFC 3501 {@code fetch}, RFC 3516 BINARY, RFC 7162 MODSEQ,
 * CHANGEDSINCE and VANISHED): the sequence set, a macro or attribute list, the modifiers.
 */
final class FetchParser {

    private FetchParser() {
    }

    static Command.Fetch fetch(Cursor in, boolean uid) throws ParseException {
        in.sp();
        SequenceSet set = in.sequenceSet();
        in.sp();
        List<FetchItem> items;
        if (in.at('(')) {
            items = in.list("the FETCH attribute list", () -> item(in), false);
        } else {
            items = macroOrItem(in);
        }
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        if (in.trySp()) {
            in.expect('(', "'(' starting the FETCH modifiers");
            do {
                String name = in.keyword("a FETCH modifier (CHANGEDSINCE or VANISHED)");
                if (name.equals("VANISHED")) {
                    vanished = true;
                } else if (name.equals("CHANGEDSINCE")) {
                    in.sp();
                    changedSince = OptionalLong.of(in.number64("a mod-sequence value"));
                } else {
                    throw new ParseException("unknown FETCH modifier " + name);
                }
            } while (in.trySp());
            in.expect(')', "')' closing the FETCH modifiers");
            if (vanished && (!uid || changedSince.isEmpty())) {
                throw new ParseException("VANISHED needs UID FETCH and CHANGEDSINCE (RFC 7162 3.2.6)");
            }
        }
        in.end();
        return new Command.Fetch(uid, set, items, changedSince, vanished);
    }

    private static List<FetchItem> macroOrItem(Cursor in) throws ParseException {
        if (in.tryWord("ALL")) {
            return FetchItem.ALL;
        }
        if (in.tryWord("FAST")) {
            return FetchItem.FAST;
        }
        if (in.tryWord("FULL")) {
            return FetchItem.FULL;
        }
        return List.of(item(in));
    }

    static FetchItem item(Cursor in) throws ParseException {
        String name = in.name("a FETCH attribute");
        switch (name) {
            case "BODY", "BODY.PEEK" -> {
                if (!in.at('[')) {
                    if (name.equals("BODY")) {
                        return FetchItem.Simple.BODY;
                    }
                    throw in.error("'[' after BODY.PEEK");
                }
                Section section = section(in);
                return new FetchItem.Body(section, name.equals("BODY.PEEK"), partial(in));
            }
            case "BINARY", "BINARY.PEEK" -> {
                List<Integer> part = binarySection(in);
                return new FetchItem.Binary(part, name.equals("BINARY.PEEK"), partial(in));
            }
            case "BINARY.SIZE" -> {
                return new FetchItem.BinarySize(binarySection(in));
            }
            default -> {
                for (FetchItem.Simple simple : FetchItem.Simple.values()) {
                    if (simple.wire().equals(name)) {
                        return simple;
                    }
                }
                throw new ParseException("unknown FETCH attribute " + name);
            }
        }
    }

    /** {@code section}: "[" [section-spec] "]". */
    private static Section section(Cursor in) throws ParseException {
        in.expect('[', "'[' starting the section");
        if (in.tryChar(']')) {
            return Section.WHOLE;
        }
        List<Integer> part = new ArrayList<>();
        Section.Kind kind = Section.Kind.ALL;
        List<String> fields = List.of();
        if (in.peek() >= '0' && in.peek() <= '9') {
            part.add(partNumber(in));
            while (in.tryChar('.')) {
                if (in.peek() >= '0' && in.peek() <= '9') {
                    part.add(partNumber(in));
                } else {
                    kind = sectionText(in, true);
                    break;
                }
            }
        } else {
            kind = sectionText(in, false);
        }
        if (kind == Section.Kind.HEADER_FIELDS || kind == Section.Kind.HEADER_FIELDS_NOT) {
            in.sp();
            fields = in.list("the header field list", () -> in.astring("a header field name").toUpperCase(Locale.ROOT),
                    false);
        }
        in.expect(']', "']' closing the section");
        return new Section(part, kind, fields);
    }

    private static Section.Kind sectionText(Cursor in, boolean afterPart) throws ParseException {
        String text = in.name("HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT" + (afterPart ? " or MIME" : ""));
        for (Section.Kind kind : Section.Kind.values()) {
            if (kind != Section.Kind.ALL && kind.wire().equals(text) && (afterPart || kind != Section.Kind.MIME)) {
                return kind;
            }
        }
        throw new ParseException("unknown section " + text + (afterPart ? "" : " (MIME needs a part number)"));
    }

    private static int partNumber(Cursor in) throws ParseException {
        long n = in.nzNumber("a part number");
        if (n > Integer.MAX_VALUE) {
            throw new ParseException("part number " + n + " is too large");
        }
        return (int) n;
    }

    /** {@code section-binary}: "[" [section-part] "]". */
    private static List<Integer> binarySection(Cursor in) throws ParseException {
        in.expect('[', "'[' starting the section");
        List<Integer> part = new ArrayList<>();
        if (!in.at(']')) {
            do {
                part.add(partNumber(in));
            } while (in.tryChar('.'));
        }
        in.expect(']', "']' closing the section");
        return part;
    }

    /** {@code "<" number "." nz-number ">"}, if present. */
    private static Optional<FetchItem.Partial> partial(Cursor in) throws ParseException {
        if (!in.tryChar('<')) {
            return Optional.empty();
        }
        long offset = in.number("the partial's first octet");
        in.expect('.', "'.' between the partial's offset and length");
        long length = in.nzNumber("the partial's length");
        in.expect('>', "'>' closing the partial");
        return Optional.of(new FetchItem.Partial(offset, length));
    }
}
