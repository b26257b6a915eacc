package org.storemulti.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Expands Postfix-style parameter references, recursively: {@code $name},
 * {@code ${name}}, {@code $(name)}, {@code $$} (a literal dollar), and the conditional
 * forms {@code ${name?value}} (value when name is non-empty), {@code ${name:value}}
 * (value when name is unset or empty) and Postfix 3's {@code ${name?{a}:{b}}}.
 * An undefined name expands to nothing; a reference loop, or a {@code $} that starts no
 * reference, is an error that names it.
 */
final class Expander {

    private final Function<String, Optional<String>> rawValue;
    private final Map<String, String> done = new HashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();

    /** @param rawValue the unexpanded value of a name, empty when the name is undefined */
    public Expander(Function<String, Optional<String>> rawValue) {
        this.rawValue = rawValue;
    }

    /** The fully expanded value of parameter {@code name}; empty when undefined. */
    public String value(String name) {
        String cached = done.get(name);
        if (cached != null) {
            return cached;
        }
        if (inProgress.contains(name)) {
            StringBuilder chain = new StringBuilder();
            inProgress.descendingIterator().forEachRemaining(n -> chain.append(n).append(" -> "));
            throw new ConfigException("parameter loop: " + chain + name);
        }
        Optional<String> raw = rawValue.apply(name);
        if (raw.isEmpty()) {
            return "";
        }
        inProgress.push(name);
        try {
            String expanded = expand(raw.get());
            done.put(name, expanded);
            return expanded;
        } finally {
            inProgress.pop();
        }
    }

    /** Expands every reference in {@code text}. */
    public String expand(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{' || next == '(') {
                int close = matching(text, i + 1);
                out.append(reference(text.substring(i + 2, close)));
                i = close + 1;
            } else if (isNameChar(next)) {
                int end = i + 1;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                out.append(value(text.substring(i + 1, end)));
                i = end;
            } else {
                // as postconf: a '$' must start a reference; write $$ for a literal dollar
                throw new ConfigException("empty parameter name after '$' in \"" + text + "\" (write $$ for a dollar sign)");
            }
        }
        return out.toString();
    }

    private String reference(String inner) {
        int end = 0;
        while (end < inner.length() && isNameChar(inner.charAt(end))) {
            end++;
        }
        String name = inner.substring(0, end);
        if (name.isEmpty()) {
            throw new ConfigException("bad parameter reference \"$" + "{" + inner + "}\": missing name");
        }
        if (end == inner.length()) {
            return value(name);
        }
        char op = inner.charAt(end);
        String rest = inner.substring(end + 1);
        boolean set = !value(name).isEmpty();
        if (op == '?' && rest.startsWith("{")) {
            return braced(name, rest, set);
        }
        if (op == ':' && rest.startsWith("{") && rest.endsWith("}")) {
            return set ? "" : expand(rest.substring(1, rest.length() - 1));
        }
        if (op == '?') {
            return set ? expand(rest) : "";
        }
        if (op == ':') {
            return set ? "" : expand(rest);
        }
        throw new ConfigException("bad parameter reference \"$" + "{" + inner + "}\": unexpected '" + op + "'");
    }

    /** {@code ${name?{when set}}} or {@code ${name?{when set}:{otherwise}}}. */
    private String braced(String name, String rest, boolean set) {
        int close = matching(rest, 0);
        String whenSet = rest.substring(1, close);
        String tail = rest.substring(close + 1).strip();
        String otherwise = "";
        if (!tail.isEmpty()) {
            if (!tail.startsWith(":") || !tail.substring(1).strip().startsWith("{") || !tail.endsWith("}")) {
                throw new ConfigException("bad parameter reference for " + name + ": expected ${" + name + "?{a}:{b}}");
            }
            String b = tail.substring(1).strip();
            otherwise = b.substring(1, b.length() - 1);
        }
        return expand(set ? whenSet : otherwise);
    }

    /** Index of the bracket closing the one at {@code open}, counting nesting of the same kind. */
    private static int matching(String text, int open) {
        char o = text.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        throw new ConfigException("unbalanced '" + o + "' in \"" + text + "\"");
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }
}
