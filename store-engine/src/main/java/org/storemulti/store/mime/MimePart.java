package org.storemulti.store.mime;

import java.util.List;

/**
 * One MIME entity: the whole message, a body part, or an encapsulated message. Offsets are
 * bytes from the start of the message; {@code headerLength} includes the empty line that
 * ends the header (when there is one), so the body starts at {@code bodyOffset =
 * headerOffset + headerLength}. {@code lines} counts the body's text lines as BODYSTRUCTURE
 * reports them.
 *
 * <p>Content fields hold what BODYSTRUCTURE needs, with the RFC 2045 defaults applied:
 * {@code type}/{@code subtype} lower case ({@code text/plain; charset=us-ascii} when the
 * header has none or an invalid one, {@code message/rfc822} in a multipart/digest),
 * {@code encoding} as written ({@code 7bit} by default); the others are {@code null} or
 * empty when absent. A multipart has {@code parts} (at least one); a message/rfc822 part has
 * the encapsulated message's {@code envelope} and root entity {@code message}.
 */
public record MimePart(String type, String subtype, List<Parameter> parameters, String id, String description,
        String encoding, String md5, String disposition, List<Parameter> dispositionParameters,
        List<String> languages, String location, long headerOffset, long headerLength, long bodyOffset,
        long bodyLength, long lines, List<MimePart> parts, Envelope envelope, MimePart message) {

    public MimePart {
        parameters = List.copyOf(parameters);
        dispositionParameters = List.copyOf(dispositionParameters);
        languages = List.copyOf(languages);
        parts = List.copyOf(parts);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** Whether this part encapsulates a message ({@link #message} and {@link #envelope} are set). */
    public boolean isMessage() {
        return message != null;
    }

    /** The value of parameter {@code name} (case-insensitive), or {@code null}. */
    public String parameter(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equalsIgnoreCase(name)) {
                return parameter.value();
            }
        }
        return null;
    }
}
