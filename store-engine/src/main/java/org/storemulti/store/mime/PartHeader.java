package org.storemulti.store.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The content facts of one entity's header with the RFC 2045 defaults applied: an absent
 * or invalid Content-Type is {@code text/plain; charset=us-ascii} ({@code message/rfc822}
 * inside a multipart/digest), an absent encoding {@code 7bit}.
 */
record PartHeader(String type, String subtype, List<Parameter> parameters, String id, String description,
        String encoding, String md5, String disposition, List<Parameter> dispositionParameters,
        List<String> languages, String location, boolean invalidType) {

    static final List<Parameter> US_ASCII = List.of(new Parameter("charset", "us-ascii"));

    static PartHeader of(HeaderBlock header, boolean inDigest) {
        String type = inDigest ? "message" : "text";
        String subtype = inDigest ? "rfc822" : "plain";
        List<Parameter> parameters = inDigest ? List.of() : US_ASCII;
        boolean invalid = false;
        HeaderBlock.Structured contentType = header.structured("content-type");
        if (contentType != null) {
            String value = contentType.value().toLowerCase(Locale.ROOT);
            int slash = value.indexOf('/');
            if (slash > 0 && slash < value.length() - 1 && value.indexOf(' ') < 0) {
                type = value.substring(0, slash);
                subtype = value.substring(slash + 1);
                parameters = contentType.parameters();
            } else {
                invalid = true;
                type = "text";
                subtype = "plain";
                parameters = US_ASCII;
            }
        }
        String encoding = header.text("content-transfer-encoding");
        HeaderBlock.Structured disposition = header.structured("content-disposition");
        return new PartHeader(type, subtype, parameters, header.text("content-id"), header.text("content-description"),
                encoding == null || encoding.isEmpty() ? "7bit" : encoding, header.text("content-md5"),
                disposition == null || disposition.value().isEmpty() ? null : disposition.value(),
                disposition == null ? List.of() : disposition.parameters(), languages(header.text("content-language")),
                header.text("content-location"), invalid);
    }

    private static List<String> languages(String value) {
        List<String> languages = new ArrayList<>();
        if (value != null) {
            for (String tag : value.split(",")) {
                String trimmed = tag.replaceAll("\\([^)]*\\)", "").trim();
                if (!trimmed.isEmpty()) {
                    languages.add(trimmed);
                }
            }
        }
        return languages;
    }

    /** Whether the body may hold an encapsulated message: message/rfc822 not base64 or QP encoded. */
    boolean encapsulates() {
        String e = encoding.toLowerCase(Locale.ROOT);
        return type.equals("message") && subtype.equals("rfc822")
                && (e.equals("7bit") || e.equals("8bit") || e.equals("binary"));
    }

    /** The multipart boundary, or {@code null} when this is no multipart or it has none. */
    String boundary() {
        if (!type.equals("multipart")) {
            return null;
        }
        for (Parameter parameter : parameters) {
            if (parameter.name().equalsIgnoreCase("boundary") && !parameter.value().isEmpty()) {
                return parameter.value();
            }
        }
        return null;
    }

    /** This header read as an opaque part (an encapsulated message that cannot be read as one). */
    PartHeader asOctetStream() {
        return new PartHeader("application", "octet-stream", List.of(), id, description, encoding, md5, disposition,
                dispositionParameters, languages, location, invalidType);
    }

    /** This header read as a plain text part (a multipart that turned out to have no parts). */
    PartHeader asText() {
        return new PartHeader("text", "plain", US_ASCII, id, description, encoding, md5, disposition,
                dispositionParameters, languages, location, invalidType);
    }
}
