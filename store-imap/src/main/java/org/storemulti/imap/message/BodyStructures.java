package org.storemulti.imap.message;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.store.mime.MimePart;
import org.storemulti.store.mime.Parameter;

/**
 * FETCH BODY and BODYSTRUCTURE (RFC 3501 7.4.2), from the cached part tree. BODYSTRUCTURE
 * adds the extension data: for a multipart its parameters, disposition, language and
 * location; for a single part its MD5, disposition, language and location. Type, subtype,
 * encoding, disposition type and parameter names are written in capitals as RFC 3501's
 * examples (and UW-IMAP) write them; values as the message has them.
 */
public final class BodyStructures {

    private BodyStructures() {
    }

    /** BODYSTRUCTURE ({@code extended}) or BODY of {@code part}. */
    public static void write(ResponseWriter out, MimePart part, boolean extended) throws IOException {
        if (part.isMultipart()) {
            multipart(out, part, extended);
        } else {
            single(out, part, extended);
        }
    }

    private static void multipart(ResponseWriter out, MimePart part, boolean extended) throws IOException {
        out.open();
        for (MimePart child : part.parts()) {
            write(out, child, extended);
        }
        out.sp().string(upper(part.subtype()));
        if (extended) {
            out.sp();
            parameters(out, part.parameters());
            out.sp();
            trailer(out, part);
        }
        out.close();
    }

    private static void single(ResponseWriter out, MimePart part, boolean extended) throws IOException {
        out.open().string(upper(part.type())).sp().string(upper(part.subtype())).sp();
        parameters(out, part.parameters());
        out.sp().nstring(part.id()).sp().nstring(part.description()).sp().string(upper(part.encoding())).sp()
                .number(part.bodyLength());
        if (part.isMessage()) {
            out.sp();
            Envelopes.write(out, part.envelope());
            out.sp();
            write(out, part.message(), extended);
            out.sp().number(part.lines());
        } else if (part.type().equals("text")) {
            out.sp().number(part.lines());
        }
        if (extended) {
            out.sp().nstring(part.md5()).sp();
            trailer(out, part);
        }
        out.close();
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc. */
    private static void trailer(ResponseWriter out, MimePart part) throws IOException {
        if (part.disposition() == null) {
            out.nil();
        } else {
            out.open().string(upper(part.disposition())).sp();
            parameters(out, part.dispositionParameters());
            out.close();
        }
        out.sp();
        languages(out, part.languages());
        out.sp().nstring(part.location());
    }

    private static void parameters(ResponseWriter out, List<Parameter> parameters) throws IOException {
        if (parameters.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        boolean first = true;
        for (Parameter parameter : parameters) {
            if (!first) {
                out.sp();
            }
            first = false;
            out.string(upper(parameter.name())).sp().string(parameter.value());
        }
        out.close();
    }

    private static void languages(ResponseWriter out, List<String> languages) throws IOException {
        if (languages.isEmpty()) {
            out.nil();
        } else if (languages.size() == 1) {
            out.string(languages.get(0));
        } else {
            out.open();
            for (int i = 0; i < languages.size(); i++) {
                if (i > 0) {
                    out.sp();
                }
                out.string(languages.get(i));
            }
            out.close();
        }
    }

    private static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
