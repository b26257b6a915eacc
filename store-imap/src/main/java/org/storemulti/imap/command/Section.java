package org.storemulti.imap.command;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A body section (RFC 3501 {@code section}): a part path ({@code 1.2}; empty for the whole
 * message) and what of it: everything, the header, some header fields, the text, or the
 * part's MIME header. {@code fields} lists HEADER.FIELDS(.NOT) names, upper-cased.
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {

    /** What of the part the section names. */
    public enum Kind {
        ALL(""), HEADER("HEADER"), HEADER_FIELDS("HEADER.FIELDS"), HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        TEXT("TEXT"), MIME("MIME");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** HEADER.FIELDS (.NOT): chosen header lines, made in memory rather than served as a file range. */
    public boolean fieldsOnly() {
        return !fields.isEmpty();
    }

    /** {@code BODY[]}: the whole message. */
    public static final Section WHOLE = new Section(List.of(), Kind.ALL, List.of());

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
        if (kind == Kind.MIME && part.isEmpty()) {
            throw new IllegalArgumentException("MIME needs a part number");
        }
        if ((kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT) == fields.isEmpty()) {
            throw new IllegalArgumentException("header field names go with HEADER.FIELDS only");
        }
    }

    /** The wire form inside the brackets, as a FETCH response repeats it: {@code 1.HEADER.FIELDS (FROM TO)}. */
    @Override
    public String toString() {
        String path = part.stream().map(String::valueOf).collect(Collectors.joining("."));
        String what = kind.wire();
        if (!fields.isEmpty()) {
            what += " (" + String.join(" ", fields) + ")";
        }
        return path.isEmpty() || what.isEmpty() ? path + what : path + "." + what;
    }
}
