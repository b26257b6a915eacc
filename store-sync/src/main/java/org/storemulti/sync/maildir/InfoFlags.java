package org.storemulti.sync.maildir;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * IMAP flags as a maildir file name's info letters: {@code D} \Draft, {@code F} \Flagged,
 * {@code R} \Answered, {@code S} \Seen, {@code T} \Deleted (the Maildir spec's, as Dovecot maps
 * them), {@code P} ("passed") read as {@code $Forwarded}, and {@code a}-{@code z} keywords
 * through {@link KeywordFile}. Dovecot writes {@code $Forwarded} as a keyword letter, never
 * {@code P}, and so do we; other upper-case letters (other programs' flags) are kept as found.
 */
final class InfoFlags {

    static final String FORWARDED = "$Forwarded";
    private static final String LETTERS = "DFRST";
    private static final String[] FLAGS = {"\\Draft", "\\Flagged", "\\Answered", "\\Seen", "\\Deleted"};

    private InfoFlags() {
    }

    /** The flags and keywords of {@code letters} (null: none); letters the table lacks are skipped. */
    static Set<String> flags(String letters, KeywordFile keywords) {
        Set<String> flags = new LinkedHashSet<>();
        if (letters == null) {
            return flags;
        }
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            int system = LETTERS.indexOf(c);
            if (system >= 0) {
                flags.add(FLAGS[system]);
            } else if (c == 'P') {
                flags.add(FORWARDED);
            } else if (c >= 'a' && c <= 'z') {
                String keyword = keywords.keyword(c);
                if (keyword != null) {
                    flags.add(keyword);
                }
            }
        }
        return flags;
    }

    /**
     * The letters for {@code flags}, sorted as the Maildir spec asks (ASCII order). Keywords
     * need a letter in {@code keywords} first ({@link KeywordFile#with}); those without one are
     * left out (the caller reports them). Foreign upper-case letters of {@code oldLetters} stay;
     * {@code P} stays only while {@code $Forwarded} is set.
     */
    static String letters(Set<String> flags, KeywordFile keywords, String oldLetters) {
        TreeSet<Character> letters = new TreeSet<>();
        for (int i = 0; i < FLAGS.length; i++) {
            if (flags.contains(FLAGS[i])) {
                letters.add(LETTERS.charAt(i));
            }
        }
        for (String flag : flags) {
            if (!flag.startsWith("\\")) {
                char letter = keywords.letter(flag);
                if (letter != 0) {
                    letters.add(letter);
                }
            }
        }
        if (oldLetters != null) {
            for (int i = 0; i < oldLetters.length(); i++) {
                char c = oldLetters.charAt(i);
                if (c >= 'A' && c <= 'Z' && LETTERS.indexOf(c) < 0 && (c != 'P' || flags.contains(FORWARDED))) {
                    letters.add(c);
                }
            }
        }
        StringBuilder out = new StringBuilder(letters.size());
        letters.forEach(out::append);
        return out.toString();
    }

    /** The keywords of {@code flags} (everything that is not a system flag). */
    static Set<String> keywords(Set<String> flags) {
        Set<String> keywords = new LinkedHashSet<>();
        for (String flag : flags) {
            if (!flag.startsWith("\\")) {
                keywords.add(flag);
            }
        }
        return keywords;
    }
}
