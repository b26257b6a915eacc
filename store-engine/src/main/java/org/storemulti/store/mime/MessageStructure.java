package org.storemulti.store.mime;

import java.util.List;

/**
 * What a message is made of: its {@code envelope}, its root entity {@code body} (header at
 * offset 0) and the {@code problems} found while parsing it (empty for a well-formed
 * message). A damaged message still has a complete structure: what could not be parsed is
 * a leaf part, and the problem names it.
 *
 * <p>{@link #part} finds a part by IMAP section number; the section's ranges are then
 * {@code MIME} = the part's header, the part itself = its body, and for a message/rfc822
 * part {@code HEADER}/{@code TEXT} = the header and body of {@link MimePart#message}.
 */
public record MessageStructure(Envelope envelope, MimePart body, List<String> problems) {

    public MessageStructure {
        problems = List.copyOf(problems);
    }

    /** Whether the parser found nothing wrong. */
    public boolean wellFormed() {
        return problems.isEmpty();
    }

    /**
     * The part with IMAP section number {@code path} ({@code 1}, {@code 2.1}, ...), or
     * {@code null} if there is none. Part 1 of a message that is not multipart is its root
     * entity; the parts of a message/rfc822 part are those of the message it encapsulates.
     */
    public MimePart part(int... path) {
        List<MimePart> level = childrenOfMessage(body);
        MimePart found = null;
        for (int number : path) {
            if (level.isEmpty() || number < 1 || number > level.size()) {
                return null;
            }
            found = level.get(number - 1);
            level = found.isMultipart() ? found.parts() : found.isMessage() ? childrenOfMessage(found.message()) : List.of();
        }
        return found;
    }

    private static List<MimePart> childrenOfMessage(MimePart root) {
        return root.isMultipart() ? root.parts() : List.of(root);
    }

    /** The compact text form the store caches (round-trips through {@link #decode}). */
    public String encode() {
        return StructureCodec.encode(this);
    }

    /** Reads what {@link #encode} wrote. */
    public static MessageStructure decode(String text) {
        return StructureCodec.decode(text);
    }
}
