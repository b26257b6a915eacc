package org.storemulti.imap.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A SEARCH criterion as a tree. The parser maps RFC 3501's keys onto these few shapes:
 * ANSWERED / UNANSWERED / KEYWORD x / UNKEYWORD x ... become {@link HasFlag}; FROM, TO,
 * CC, BCC and SUBJECT become {@link Header}; NEW is {@code And(Recent, HasFlag(\Seen, false))},
 * OLD is {@code Not(Recent)}; a list of keys is {@link And}. Strings are already decoded
 * from the command's CHARSET.
 */
public sealed interface SearchKey {

    /** ALL. */
    record All() implements SearchKey {
    }

    /** A flag set ({@code set}) or not set. */
    record HasFlag(Flag flag, boolean set) implements SearchKey {
    }

    /** RECENT: the session's \Recent messages. */
    record Recent() implements SearchKey {
    }

    /** A header field containing {@code value} (empty value: the field exists). */
    record Header(String field, String value) implements SearchKey {
    }

    /** BODY: the text of the message body contains {@code value}. */
    record Body(String value) implements SearchKey {
    }

    /** TEXT: the header or body contains {@code value}. */
    record Text(String value) implements SearchKey {
    }

    /** Which date a date key compares. */
    enum DateField { INTERNAL, SENT }

    /** How a date key compares (RFC 3501: days, disregarding time and time zone). */
    enum DateRelation { BEFORE, ON, SINCE }

    /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (Date: header). */
    record Date(DateField field, DateRelation relation, LocalDate date) implements SearchKey {
    }

    /** LARGER n ({@code larger}) or SMALLER n, in octets. */
    record Size(boolean larger, long octets) implements SearchKey {
    }

    /** A sequence set of message numbers (possibly {@code $}). */
    record Sequence(SequenceSet set) implements SearchKey {
    }

    /** UID set. */
    record Uid(SequenceSet set) implements SearchKey {
    }

    /** NOT key. */
    record Not(SearchKey key) implements SearchKey {
    }

    /** OR key1 key2. */
    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    /** All of the keys (a parenthesised list, or the top level). */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    /**
     * RFC 7162 MODSEQ: messages whose modseq is at least {@code modseq}; the optional
     * entry ({@code /flags/\Seen} and {@code priv}/{@code shared}/{@code all}) is parsed
     * and may be ignored, as the RFC allows.
     */
    record ModSeq(long modseq, Optional<String> entry, Optional<String> entryType) implements SearchKey {
    }

    /** RFC 5032 YOUNGER n ({@code younger}) / OLDER n: internal date within n seconds of now. */
    record Age(boolean younger, long seconds) implements SearchKey {
    }
}
