package org.storemulti.imap.parse;

/**
 * RFC 3501's character classes (section 9): which octets may appear in an atom, an
 * astring, a tag, a list-mailbox, a quoted string.
 */
final class Tokens {

    private Tokens() {
    }

    /** CTL: 0x00-0x1f and DEL. */
    static boolean isCtl(int b) {
        return b < 0x20 || b == 0x7f;
    }

    /** ATOM-CHAR: any 7-bit CHAR except atom-specials {@code ( ) { SP CTL % * " \ ]}. */
    static boolean isAtomChar(int b) {
        return b > 0x20 && b < 0x7f && "(){%*\"\\]".indexOf(b) < 0;
    }

    /** ASTRING-CHAR: ATOM-CHAR or {@code ]}. */
    static boolean isAstringChar(int b) {
        return isAtomChar(b) || b == ']';
    }

    /** A tag octet: ASTRING-CHAR except {@code +}. */
    static boolean isTagChar(int b) {
        return isAstringChar(b) && b != '+';
    }

    /** list-char: ATOM-CHAR, the wildcards {@code %} and {@code *}, or {@code ]}. */
    static boolean isListChar(int b) {
        return isAstringChar(b) || b == '%' || b == '*';
    }

    /** Whether {@code text} is a valid tag. */
    static boolean isTag(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTagChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
