package org.storemulti.imap.parse;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.Flag;
import org.storemulti.imap.command.SearchKey;

/**
 * SEARCH's arguments: RFC 4731 RETURN options, RFC 3501 CHARSET and search keys (with
 * RFC 7162 MODSEQ and RFC 5032 YOUNGER/OLDER), nested NOT/OR/parentheses up to
 * {@link #MAX_DEPTH} deep. Strings are decoded with the CHARSET (US-ASCII by default,
 * read as UTF-8, its superset); an unknown charset is {@code NO [BADCHARSET ...]}.
 */
final class SearchParser {

    /** Deepest nesting of NOT, OR and parentheses accepted; deeper is BAD, not a stack overflow. */
    static final int MAX_DEPTH = 64;

    /** The charsets the BADCHARSET response names (any charset the JDK knows is accepted). */
    static final String ADVERTISED_CHARSETS = "(UTF-8 US-ASCII)";

    private final Cursor in;
    private Charset charset = StandardCharsets.UTF_8;

    private SearchParser(Cursor in) {
        this.in = in;
    }

    static Command.Search search(Cursor in, boolean uid) throws ParseException {
        return new SearchParser(in).search(uid);
    }

    private Command.Search search(boolean uid) throws ParseException {
        in.sp();
        Optional<Set<Command.SearchReturn>> returns = Optional.empty();
        if (in.tryWord("RETURN")) {
            in.sp();
            List<Command.SearchReturn> options = in.list("the RETURN options", this::returnOption, true);
            returns = Optional.of(options.isEmpty() ? EnumSet.of(Command.SearchReturn.ALL) : EnumSet.copyOf(options));
            in.sp();
        }
        Optional<String> charsetName = Optional.empty();
        if (in.tryWord("CHARSET")) {
            in.sp();
            String name = new String(in.astringBytes("a charset name"), StandardCharsets.US_ASCII);
            charset = charset(name);
            charsetName = Optional.of(name);
            in.sp();
        }
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(key(0));
        } while (in.trySp());
        in.end();
        SearchKey key = keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        return new Command.Search(uid, returns.map(Set::copyOf), charsetName, key);
    }

    private Command.SearchReturn returnOption() throws ParseException {
        String name = in.keyword("a RETURN option (MIN, MAX, ALL, COUNT or SAVE)");
        try {
            return Command.SearchReturn.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ParseException("unknown SEARCH RETURN option " + name);
        }
    }

    private static Charset charset(String name) throws ParseException {
        try {
            return name.equalsIgnoreCase("US-ASCII") ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ParseException(ParseException.Status.NO, "BADCHARSET " + ADVERTISED_CHARSETS,
                    "unknown charset " + name);
        }
    }

    private SearchKey key(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw new ParseException("search criteria nested more than " + MAX_DEPTH + " deep");
        }
        if (in.at('(')) {
            List<SearchKey> keys = in.list("the parenthesised search keys", () -> key(depth + 1), false);
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (in.atSequenceSet()) {
            return new SearchKey.Sequence(in.sequenceSet());
        }
        String name = in.keyword("a search key");
        SearchKey flag = flagKey(name);
        if (flag != null) {
            return flag;
        }
        return switch (name) {
            case "ALL" -> new SearchKey.All();
            case "RECENT" -> new SearchKey.Recent();
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.HasFlag(Flag.SEEN, false)));
            case "OLD" -> new SearchKey.Not(new SearchKey.Recent());
            case "BCC", "CC", "FROM", "TO", "SUBJECT" -> new SearchKey.Header(name, text());
            case "BODY" -> new SearchKey.Body(text());
            case "TEXT" -> new SearchKey.Text(text());
            case "HEADER" -> header();
            case "KEYWORD", "UNKEYWORD" -> {
                in.sp();
                yield new SearchKey.HasFlag(Flag.of(in.atom("a keyword")), name.equals("KEYWORD"));
            }
            case "BEFORE", "ON", "SINCE" -> date(SearchKey.DateField.INTERNAL, name);
            case "SENTBEFORE", "SENTON", "SENTSINCE" -> date(SearchKey.DateField.SENT, name.substring(4));
            case "LARGER", "SMALLER" -> {
                in.sp();
                yield new SearchKey.Size(name.equals("LARGER"), in.number64("a size in octets"));
            }
            case "YOUNGER", "OLDER" -> {
                in.sp();
                yield new SearchKey.Age(name.equals("YOUNGER"), in.nzNumber("an age in seconds"));
            }
            case "UID" -> {
                in.sp();
                yield new SearchKey.Uid(in.sequenceSet());
            }
            case "NOT" -> {
                in.sp();
                yield new SearchKey.Not(key(depth + 1));
            }
            case "OR" -> {
                in.sp();
                SearchKey left = key(depth + 1);
                in.sp();
                yield new SearchKey.Or(left, key(depth + 1));
            }
            case "MODSEQ" -> modseq();
            default -> throw new ParseException("unknown search key " + name);
        };
    }

    /** The flag keys: ANSWERED ... UNSEEN; null for any other name. */
    private static SearchKey flagKey(String name) {
        boolean set = !name.startsWith("UN");
        String bare = set ? name : name.substring(2);
        for (Flag f : Flag.SYSTEM) {
            if (f.name().substring(1).toUpperCase(Locale.ROOT).equals(bare)) {
                return new SearchKey.HasFlag(f, set);
            }
        }
        return null;
    }

    private String text() throws ParseException {
        in.sp();
        return new String(in.astringBytes("a search string"), charset);
    }

    private SearchKey header() throws ParseException {
        in.sp();
        String field = new String(in.astringBytes("a header field name"), StandardCharsets.US_ASCII);
        return new SearchKey.Header(field.toUpperCase(Locale.ROOT), text());
    }

    private SearchKey date(SearchKey.DateField field, String relation) throws ParseException {
        in.sp();
        return new SearchKey.Date(field, SearchKey.DateRelation.valueOf(relation), Dates.date(in));
    }

    /** MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer. */
    private SearchKey modseq() throws ParseException {
        in.sp();
        Optional<String> entry = Optional.empty();
        Optional<String> type = Optional.empty();
        if (in.at('"')) {
            entry = Optional.of(new String(in.string("an entry name such as \"/flags/\\\\Seen\""),
                    StandardCharsets.US_ASCII));
            in.sp();
            String t = in.keyword("an entry type (priv, shared or all)").toLowerCase(Locale.ROOT);
            if (!Set.of("priv", "shared", "all").contains(t)) {
                throw new ParseException("unknown MODSEQ entry type " + t + ": expected priv, shared or all");
            }
            type = Optional.of(t);
            in.sp();
        }
        return new SearchKey.ModSeq(in.number64("a mod-sequence value"), entry, type);
    }
}
