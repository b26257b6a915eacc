package org.storemulti.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script line into words: white space separates, "double" or 'single' quotes
 * group (as the seed's {@code reconstruct -r esys.ca "user/foobar"}). As in Tcl, which
 * msadm_tclsh is, a {@code #} where the command starts makes the whole line a comment, so
 * quotes in a comment ({@code # joe's mailbox}) mean nothing; elsewhere {@code #} is text.
 */
final class ScriptLine {

    private ScriptLine() {
    }

    static List<String> words(String line) {
        if (line.strip().startsWith("#")) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new AdminException("unterminated " + quote + " quote (close it on the same line)");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
