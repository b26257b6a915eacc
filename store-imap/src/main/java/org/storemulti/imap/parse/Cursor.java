package org.storemulti.imap.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;

import org.storemulti.imap.command.Literal;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.command.ModifiedUtf7;
import org.storemulti.imap.command.SequenceSet;

/**
 * Reads RFC 3501's tokens from a framed command, left to right: atoms, numbers, quoted
 * strings, literals (moving on to the text after them), astrings, sequence sets. Every
 * failure is a {@link ParseException} saying what was expected, where, and what came.
 */
final class Cursor {

    private final List<FramedCommand.Part> parts;
    private final int stringLimit;
    private int index;
    private byte[] text;
    private int pos;

    Cursor(FramedCommand command, int stringLimit) {
        this.parts = command.parts();
        this.stringLimit = stringLimit;
        this.text = command.firstLine();
    }

    // ---- position ----

    /** The next octet of the current line, or -1 at its end. */
    int peek() {
        return pos < text.length ? text[pos] & 0xff : -1;
    }

    /** Whether the whole command has been read. */
    boolean atEnd() {
        return pos == text.length && index == parts.size() - 1;
    }

    boolean at(char c) {
        return peek() == c;
    }

    boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c, String what) throws ParseException {
        if (!tryChar(c)) {
            throw error(what);
        }
    }

    /** One space between arguments. */
    void sp() throws ParseException {
        expect(' ', "a space");
    }

    boolean trySp() {
        return tryChar(' ');
    }

    /** The command must end here. */
    void end() throws ParseException {
        if (!atEnd()) {
            throw error("the end of the command");
        }
    }

    ParseException error(String expected) {
        String found;
        if (pos >= text.length) {
            found = index == parts.size() - 1 ? "the end of the line" : "a literal";
        } else {
            int b = text[pos] & 0xff;
            found = b == ' ' ? "a space" : b > 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("octet 0x%02x", b);
        }
        return new ParseException("expected " + expected + " at position " + pos + ", found " + found);
    }

    // ---- atoms and numbers ----

    /** 1*ATOM-CHAR. */
    String atom(String what) throws ParseException {
        int start = pos;
        run(Tokens::isAtomChar, what);
        return ascii(start, pos);
    }

    /** Reads one or more octets of the class {@code octets}; {@code what} names them in the error. */
    private void run(IntPredicate octets, String what) throws ParseException {
        int start = pos;
        while (pos < text.length && octets.test(text[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw error(what);
        }
    }

    /** An atom in upper case (keywords: command names, FETCH items, SEARCH keys). */
    String keyword(String what) throws ParseException {
        return atom(what).toUpperCase(Locale.ROOT);
    }

    /**
     * An item name made of letters, digits, '.' and '-' in upper case: FETCH's
     * {@code BODY.PEEK} stops before its '[', where an atom would not.
     */
    String name(String what) throws ParseException {
        int start = pos;
        run(b -> isLetter(b) || (b >= '0' && b <= '9') || b == '.' || b == '-', what);
        return ascii(start, pos).toUpperCase(Locale.ROOT);
    }

    /** 1*ALPHA, as written (a month name). */
    String letters(String what) throws ParseException {
        int start = pos;
        run(Cursor::isLetter, what);
        return ascii(start, pos);
    }

    private static boolean isLetter(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    /** {@code tag}: 1*(ASTRING-CHAR except '+'). */
    String tag() throws ParseException {
        int start = pos;
        run(Tokens::isTagChar, "a tag");
        return ascii(start, pos);
    }

    /** {@code number}: 0 .. 2^32-1. */
    long number(String what) throws ParseException {
        return digits(what, SequenceSet.MAX);
    }

    /** {@code nz-number}: 1 .. 2^32-1. */
    long nzNumber(String what) throws ParseException {
        int start = pos;
        long n = digits(what, SequenceSet.MAX);
        if (n == 0) {
            pos = start;
            throw error(what + " (not zero)");
        }
        return n;
    }

    /** RFC 7162 / 9208 {@code number64} and {@code mod-sequence-valzer}: 0 .. 2^63-1. */
    long number64(String what) throws ParseException {
        return digits(what, Long.MAX_VALUE);
    }

    private long digits(String what, long max) throws ParseException {
        int start = pos;
        long n = 0;
        while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') {
            int d = text[pos] - '0';
            if (n > (max - d) / 10) {
                pos = start;
                throw error(what + " no larger than " + max);
            }
            n = n * 10 + d;
            pos++;
        }
        if (pos == start) {
            throw error(what);
        }
        return n;
    }

    // ---- strings ----

    /** {@code string}: quoted or literal, as octets. */
    byte[] string(String what) throws ParseException {
        if (at('"')) {
            return quoted();
        }
        if (at('{')) {
            return smallLiteral(what);
        }
        throw error(what + " (a quoted string or a literal)");
    }

    /** {@code astring}: an atom (with {@code ]}) or a string, as octets. */
    byte[] astringBytes(String what) throws ParseException {
        return stringOr(Tokens::isAstringChar, what);
    }

    /** A quoted string, a literal, or else a run of the octets {@code bare} allows. */
    private byte[] stringOr(IntPredicate bare, String what) throws ParseException {
        if (at('"') || at('{')) {
            return string(what);
        }
        int start = pos;
        run(bare, what);
        return java.util.Arrays.copyOfRange(text, start, pos);
    }

    /** An astring read as UTF-8. */
    String astring(String what) throws ParseException {
        return new String(astringBytes(what), StandardCharsets.UTF_8);
    }

    /** {@code nstring}: NIL or a string. */
    Optional<byte[]> nstring(String what) throws ParseException {
        if (tryWord("NIL")) {
            return Optional.empty();
        }
        return Optional.of(string(what));
    }

    /** {@code list-mailbox}: list-chars or a string, as octets. */
    byte[] listMailbox(String what) throws ParseException {
        return stringOr(Tokens::isListChar, what);
    }

    /** A mailbox name (RFC 3501 {@code mailbox}), decoded from modified UTF-7; a bad name is NO. */
    MailboxName mailbox() throws ParseException {
        return decoded(astringBytes("a mailbox name"), MailboxName::fromWire);
    }

    /** A LIST reference or pattern, decoded from modified UTF-7 with its wildcards; a bad name is NO. */
    String pattern(String what) throws ParseException {
        return decoded(listMailbox(what), ModifiedUtf7::decode);
    }

    private static <T> T decoded(byte[] octets, java.util.function.Function<String, T> decoder) throws ParseException {
        String wire = new String(octets, StandardCharsets.ISO_8859_1);
        try {
            return decoder.apply(wire);
        } catch (ModifiedUtf7.InvalidEncodingException e) {
            throw new ParseException(ParseException.Status.NO, null,
                    "invalid mailbox name \"" + printable(wire) + "\": " + e.getMessage());
        }
    }

    private static String printable(String wire) {
        String shown = wire.length() > 100 ? wire.substring(0, 100) + "..." : wire;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private byte[] quoted() throws ParseException {
        pos++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length) {
                throw error("the closing '\"' of the quoted string");
            }
            int b = text[pos++] & 0xff;
            if (b == '"') {
                return out.toByteArray();
            }
            if (b == '\\') {
                int next = peek();
                if (next != '"' && next != '\\') {
                    throw error("'\"' or '\\' after '\\' in a quoted string");
                }
                b = next;
                pos++;
            } else if (b == 0 || b == '\r') {
                pos--;
                throw error("a character allowed in a quoted string (use a literal for this one)");
            }
            out.write(b);
        }
    }

    /** A literal's octets, held in memory; refused when larger than the string limit. */
    private byte[] smallLiteral(String what) throws ParseException {
        Literal literal = literal(what);
        if (literal.size() > stringLimit || !(literal instanceof Literal.InMemory memory)) {
            throw new ParseException("a literal of " + literal.size() + " octets is too long for " + what
                    + " (the limit is " + stringLimit + ")");
        }
        return memory.bytes();
    }

    /** A literal ({@code {n}} or {@code {n+}} and its octets), moving on to the text after it. */
    Literal literal(String what) throws ParseException {
        int start = pos;
        if (!tryChar('{')) {
            throw error(what + " (a literal)");
        }
        digits("the octet count of a literal", Long.MAX_VALUE);
        tryChar('+');
        expect('}', "'}' closing the literal's octet count");
        if (pos != text.length || index + 2 >= parts.size() || !(parts.get(index + 1) instanceof FramedCommand.Lit lit)) {
            pos = start;
            throw error("a literal's octet count at the end of the line");
        }
        index += 2;
        text = ((FramedCommand.Text) parts.get(index)).bytes();
        pos = 0;
        return lit.literal();
    }

    // ---- lists and sets ----

    /** Reads "(" item *(SP item) ")" with {@code item}; {@code allowEmpty} admits "()". */
    <T> List<T> list(String what, Item<T> item, boolean allowEmpty) throws ParseException {
        expect('(', "'(' starting " + what);
        List<T> items = new ArrayList<>();
        if (tryChar(')')) {
            if (!allowEmpty) {
                throw error("at least one element in " + what);
            }
            return items;
        }
        do {
            items.add(item.read());
        } while (trySp());
        expect(')', "')' or a space in " + what);
        return items;
    }

    /** Reads one list element. */
    interface Item<T> {
        T read() throws ParseException;
    }

    /** A sequence set: {@code $}, or ranges of nz-numbers and {@code *} separated by commas. */
    SequenceSet sequenceSet() throws ParseException {
        if (tryChar('$')) {
            return SequenceSet.savedResult();
        }
        List<SequenceSet.Range> ranges = new ArrayList<>();
        do {
            long first = seqNumber();
            long last = tryChar(':') ? seqNumber() : first;
            ranges.add(new SequenceSet.Range(first, last));
        } while (tryChar(','));
        return SequenceSet.of(ranges);
    }

    private long seqNumber() throws ParseException {
        if (tryChar('*')) {
            return SequenceSet.LAST;
        }
        return nzNumber("a sequence number, a UID or '*'");
    }

    /** Whether an atom follows that starts a sequence set (a digit, '*' or '$'). */
    boolean atSequenceSet() {
        int b = peek();
        return (b >= '0' && b <= '9') || b == '*' || b == '$';
    }

    /**
     * Reads {@code word} (case-insensitive) when it is the next token, ended by a space,
     * ')' or the end of the line; otherwise reads nothing.
     */
    boolean tryWord(String word) {
        int end = pos + word.length();
        if (end > text.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase((char) (text[pos + i] & 0xff)) != word.charAt(i)) {
                return false;
            }
        }
        if (end < text.length && text[end] != ' ' && text[end] != ')') {
            return false;
        }
        pos = end;
        return true;
    }

    private String ascii(int start, int end) {
        return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
