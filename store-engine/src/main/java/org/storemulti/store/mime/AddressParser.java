package org.storemulti.store.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5322 address lists, leniently, keeping display names raw (encoded words stay encoded,
 * as ENVELOPE must pass them): groups, angle addresses with obsolete routes, bare addr-specs,
 * quoted strings, comments (dropped), domain literals. Whatever does not parse becomes an
 * address with MISSING_* parts rather than an error.
 */
final class AddressParser {

    static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    /** Addresses kept per field: a header with more is cut (the cache stays small). */
    static final int MAX_ADDRESSES = 2_000;

    private enum Kind { ATOM, QUOTED, SPECIAL }

    private record Token(Kind kind, String text) {
        boolean is(char special) {
            return kind == Kind.SPECIAL && text.charAt(0) == special;
        }
    }

    private final List<Token> tokens;
    private int at;

    private AddressParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The addresses of an unfolded field value; empty for null or blank. */
    static List<Address> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new AddressParser(tokenize(value)).list();
    }

    private List<Address> list() {
        List<Address> result = new ArrayList<>();
        while (at < tokens.size() && result.size() < MAX_ADDRESSES) {
            if (peekIs(',') || peekIs(';') || peekIs('>')) {
                at++;
                continue;
            }
            address(result);
        }
        return result;
    }

    private void address(List<Address> result) {
        int start = at;
        List<Token> phrase = phrase();
        if (peekIs(':')) {
            at++;
            result.add(new Address(null, null, text(phrase), null));
            while (at < tokens.size() && !peekIs(';') && result.size() < MAX_ADDRESSES) {
                if (peekIs(',')) {
                    at++;
                    continue;
                }
                mailbox(result);
            }
            at = Math.min(at + 1, tokens.size());
            result.add(new Address(null, null, null, null));
            return;
        }
        at = start;
        mailbox(result);
    }

    /** One name-addr or addr-spec; stops before ',' or ';'. */
    private void mailbox(List<Address> result) {
        int start = at;
        List<Token> phrase = phrase();
        if (peekIs('<')) {
            at++;
            result.add(angle(phrase.isEmpty() ? null : text(phrase)));
            return;
        }
        at = start;
        List<Token> spec = new ArrayList<>();
        while (at < tokens.size() && !peekIs(',') && !peekIs(';')) {
            spec.add(tokens.get(at++));
        }
        result.add(addrSpec(null, null, spec));
    }

    private Address angle(String name) {
        String route = null;
        if (peekIs('@')) {
            int start = at;
            StringBuilder r = new StringBuilder();
            while (at < tokens.size() && !peekIs(':') && !peekIs('>')) {
                r.append(tokens.get(at++).text());
            }
            if (peekIs(':')) {
                at++;
                route = r.toString();
            } else {
                at = start;
            }
        }
        List<Token> spec = new ArrayList<>();
        while (at < tokens.size() && !peekIs('>')) {
            spec.add(tokens.get(at++));
        }
        if (peekIs('>')) {
            at++;
        }
        // text between '>' and the next ',' (a trailing comment was dropped; anything else is junk)
        while (at < tokens.size() && !peekIs(',') && !peekIs(';')) {
            at++;
        }
        return addrSpec(name, route, spec);
    }

    private static Address addrSpec(String name, String route, List<Token> spec) {
        int atSign = -1;
        for (int i = spec.size() - 1; i >= 0; i--) {
            if (spec.get(i).is('@')) {
                atSign = i;
                break;
            }
        }
        String local = join(spec.subList(0, atSign < 0 ? spec.size() : atSign));
        String domain = atSign < 0 ? "" : join(spec.subList(atSign + 1, spec.size()));
        return new Address(name, route, local.isEmpty() ? MISSING_MAILBOX : local,
                domain.isEmpty() ? MISSING_DOMAIN : domain);
    }

    /** Words up to a special that ends a phrase ('<', ':', ',', ';', '@', '>'). */
    private List<Token> phrase() {
        List<Token> words = new ArrayList<>();
        while (at < tokens.size()) {
            Token token = tokens.get(at);
            if (token.kind() == Kind.SPECIAL && !token.is('.')) {
                break;
            }
            words.add(token);
            at++;
        }
        return words;
    }

    /** A phrase as a display name: words separated by one space, a dot glued to the word before it. */
    private static String text(List<Token> words) {
        StringBuilder name = new StringBuilder();
        for (Token word : words) {
            if (name.length() > 0 && !word.is('.')) {
                name.append(' ');
            }
            name.append(word.text());
        }
        return name.toString();
    }

    private static String join(List<Token> tokens) {
        StringBuilder joined = new StringBuilder();
        tokens.forEach(t -> joined.append(t.text()));
        return joined.toString();
    }

    private boolean peekIs(char special) {
        return at < tokens.size() && tokens.get(at).is(special);
    }

    private static List<Token> tokenize(String value) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < n && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    quoted.append(value.charAt(i++));
                }
                i++;
                tokens.add(new Token(Kind.QUOTED, quoted.toString()));
            } else if (c == '(') {
                i = skipComment(value, i);
            } else if (c == '[') {
                int end = value.indexOf(']', i);
                end = end < 0 ? n : end + 1;
                tokens.add(new Token(Kind.ATOM, value.substring(i, end)));
                i = end;
            } else if ("<>:;,@.".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SPECIAL, String.valueOf(c)));
                i++;
            } else {
                int start = i;
                while (i < n && " \t\r\n\"(<>:;,@.[".indexOf(value.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.ATOM, value.substring(start, i)));
            }
        }
        return tokens;
    }

    private static int skipComment(String value, int i) {
        int depth = 0;
        while (i < value.length()) {
            char c = value.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                break;
            }
        }
        return i;
    }
}
