package org.storemulti.imap.command;

import java.util.List;
import java.util.Optional;

/**
 * One thing FETCH asks for. The macros ALL, FAST and FULL are expanded by the parser, so
 * a handler sees only these.
 */
public sealed interface FetchItem {

    /** The attributes that take no argument. */
    enum Simple implements FetchItem {
        FLAGS("FLAGS"), INTERNALDATE("INTERNALDATE"), RFC822_SIZE("RFC822.SIZE"), ENVELOPE("ENVELOPE"),
        BODY("BODY"), BODYSTRUCTURE("BODYSTRUCTURE"), UID("UID"), MODSEQ("MODSEQ"),
        /** {@code BODY[]} under its old name; sets \Seen. */
        RFC822("RFC822"),
        /** {@code BODY.PEEK[HEADER]} under its old name. */
        RFC822_HEADER("RFC822.HEADER"),
        /** {@code BODY[TEXT]} under its old name; sets \Seen. */
        RFC822_TEXT("RFC822.TEXT");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** {@code <offset.length>}: a byte range of a section. */
    record Partial(long offset, long length) {
        public Partial {
            if (offset < 0 || length < 1) {
                throw new IllegalArgumentException("partial range <" + offset + "." + length + ">");
            }
        }
    }

    /** {@code BODY[section]<partial>} or {@code BODY.PEEK[...]} (peek leaves \Seen alone). */
    record Body(Section section, boolean peek, Optional<Partial> partial) implements FetchItem {
    }

    /** RFC 3516 {@code BINARY[part]<partial>} / {@code BINARY.PEEK}: the part with its transfer encoding undone. */
    record Binary(List<Integer> part, boolean peek, Optional<Partial> partial) implements FetchItem {
        public Binary {
            part = List.copyOf(part);
        }
    }

    /** RFC 3516 {@code BINARY.SIZE[part]}. */
    record BinarySize(List<Integer> part) implements FetchItem {
        public BinarySize {
            part = List.copyOf(part);
        }
    }

    /** FETCH ALL: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE. */
    List<FetchItem> ALL = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE);
    /** FETCH FAST: FLAGS INTERNALDATE RFC822.SIZE. */
    List<FetchItem> FAST = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);
    /** FETCH FULL: ALL and BODY. */
    List<FetchItem> FULL = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY);
}
