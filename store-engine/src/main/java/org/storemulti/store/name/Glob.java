package org.storemulti.store.name;

/**
 * A list pattern: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one, everything else itself. An empty or missing pattern matches everything.
 */
public record Glob(String pattern) {

    public Glob {
        pattern = pattern == null || pattern.isEmpty() ? "*" : pattern;
    }

    /** Whether {@code text} matches the whole pattern. */
    public boolean matches(String text) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
