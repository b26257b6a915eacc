package org.storemulti.imap.message;

import java.io.IOException;
import java.util.List;

import org.storemulti.imap.command.Section;
import org.storemulti.store.message.MessageContent;
import org.storemulti.store.message.MessageRecord;
import org.storemulti.store.mime.HeaderFields;
import org.storemulti.store.mime.MessageStructure;
import org.storemulti.store.mime.MimePart;

/**
 * RFC 3501 6.4.5's sections over the cached structure: {@code []} the whole message,
 * {@code HEADER}/{@code TEXT}/{@code HEADER.FIELDS} of the message or of an encapsulated
 * message/rfc822 part, {@code n} a part's body (a multipart's whole body, a message/rfc822
 * part's whole message), {@code n.MIME} a part's own header. A part the message lacks, or
 * HEADER/TEXT of a part that is not a message, is {@link SectionData.Missing}.
 */
public final class Sections {

    private Sections() {
    }

    /**
     * Whether {@code section} is the message's own HEADER.FIELDS (.NOT): answered from the
     * record's cached header block alone, with no structure and no file.
     */
    public static boolean fromHeader(Section section) {
        return section.part().isEmpty() && section.fieldsOnly();
    }

    /**
     * The octets {@code section} names in {@code record}: from its header block when
     * {@link #fromHeader} (the record was fetched with it), else as {@link #of(Section,
     * MessageStructure, MessageContent)} finds them (the record was fetched with its structure).
     */
    public static SectionData of(Section section, MessageRecord record) throws IOException {
        if (fromHeader(section)) {
            return fields(record.header(), section);
        }
        return of(section, record.structure(), record.content());
    }

    /** The octets {@code section} names; reads the file only for HEADER.FIELDS. */
    public static SectionData of(Section section, MessageStructure structure, MessageContent content)
            throws IOException {
        List<Integer> path = section.part();
        MimePart entity;
        if (path.isEmpty()) {
            if (section.kind() == Section.Kind.ALL) {
                return new SectionData.Range(0, content.size());
            }
            entity = structure.body();
        } else {
            MimePart part = structure.part(path.stream().mapToInt(Integer::intValue).toArray());
            if (part == null) {
                return new SectionData.Missing();
            }
            switch (section.kind()) {
                case ALL:
                    return new SectionData.Range(part.bodyOffset(), part.bodyLength());
                case MIME:
                    return new SectionData.Range(part.headerOffset(), part.headerLength());
                default:
                    if (!part.isMessage()) {
                        return new SectionData.Missing();
                    }
                    entity = part.message();
            }
        }
        return switch (section.kind()) {
            case HEADER -> new SectionData.Range(entity.headerOffset(), entity.headerLength());
            case TEXT -> new SectionData.Range(entity.bodyOffset(), entity.bodyLength());
            case HEADER_FIELDS, HEADER_FIELDS_NOT -> fields(header(entity, content), section);
            default -> throw new IllegalStateException("section kind " + section.kind() + " handled above");
        };
    }

    private static SectionData fields(byte[] header, Section section) {
        return new SectionData.Bytes(HeaderFields.select(header, section.fields(),
                section.kind() == Section.Kind.HEADER_FIELDS_NOT));
    }

    /** The header block of {@code entity} (a message's header is small; a huge one is cut at 1 MiB). */
    static byte[] header(MimePart entity, MessageContent content) throws IOException {
        return content.read(entity.headerOffset(), (int) Math.min(entity.headerLength(), 1 << 20));
    }
}
