package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A maildir folder's {@code dovecot-keywords}: which keyword each of the letters {@code a} to
 * {@code z} in a file name's info stands for, one {@code INDEX NAME} line each (index 0 is
 * {@code a}). Dovecot only ever adds to it, so a letter once given keeps its keyword; at most
 * 26 keywords fit, a message's other keywords cannot be kept in its file name.
 */
final class KeywordFile {

    static final String NAME = "dovecot-keywords";
    static final int MAX = 26;

    private final String[] names;

    private KeywordFile(String[] names) {
        this.names = names;
    }

    static KeywordFile empty() {
        return new KeywordFile(new String[MAX]);
    }

    /** The folder's table; empty if it has none. Lines Dovecot would not read are skipped. */
    static KeywordFile read(Path folder) throws IOException {
        String text;
        try {
            text = Files.readString(folder.resolve(NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        }
        String[] names = new String[MAX];
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space < 1 || space > 2 || !line.substring(0, space).chars().allMatch(Character::isDigit)) {
                continue;
            }
            int index = Integer.parseInt(line.substring(0, space));
            String name = line.substring(space + 1);
            if (index < MAX && !name.isEmpty() && indexIn(names, name) < 0) {
                names[index] = name;
            }
        }
        return new KeywordFile(names);
    }

    /** The keyword letter {@code letter} stands for, or null. */
    String keyword(char letter) {
        int index = letter - 'a';
        return index >= 0 && index < MAX ? names[index] : null;
    }

    /** The letter of {@code keyword}, or 0 if it has none. */
    char letter(String keyword) {
        int index = indexIn(names, keyword);
        return index < 0 ? 0 : (char) ('a' + index);
    }

    /**
     * This table with a letter for each of {@code keywords} that has none, as far as free
     * letters last; the same table if nothing was missing.
     */
    KeywordFile with(Collection<String> keywords) {
        String[] grown = null;
        for (String keyword : keywords) {
            if (indexIn(grown == null ? names : grown, keyword) >= 0) {
                continue;
            }
            if (grown == null) {
                grown = Arrays.copyOf(names, MAX);
            }
            int free = indexIn(grown, null);
            if (free >= 0) {
                grown[free] = keyword;
            }
        }
        return grown == null ? this : new KeywordFile(grown);
    }

    /** True if every keyword of this table has the same letter in {@code other}. */
    boolean isPartOf(KeywordFile other) {
        for (int i = 0; i < MAX; i++) {
            if (names[i] != null && !names[i].equals(other.names[i])) {
                return false;
            }
        }
        return true;
    }

    /** The keywords, in letter order. */
    List<String> keywords() {
        List<String> all = new ArrayList<>();
        for (String name : names) {
            if (name != null) {
                all.add(name);
            }
        }
        return all;
    }

    /** The file's bytes, as Dovecot writes them. */
    byte[] format() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < MAX; i++) {
            if (names[i] != null) {
                text.append(i).append(' ').append(names[i]).append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int indexIn(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (name == null ? names[i] == null : name.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }
}
