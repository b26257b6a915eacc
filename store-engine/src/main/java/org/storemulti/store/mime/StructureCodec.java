package org.storemulti.store.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * The cached text form of a {@link MessageStructure}: a version tag, then every field in a
 * fixed order; a string is {@code LENGTH:CHARS} (UTF-16 units) or {@code -} for null, a
 * number or a list count ends with {@code ;}. Text rather than bytes so the column is a
 * portable TEXT. Changing the layout means a new version tag, and decoding an unknown tag
 * is treated as "not cached" by the store (it parses the file again).
 */
final class StructureCodec {

    static final String VERSION = "M1;";

    private StructureCodec() {
    }

    static String encode(MessageStructure structure) {
        Writer out = new Writer();
        out.sb.append(VERSION);
        out.envelope(structure.envelope());
        out.part(structure.body());
        out.strings(structure.problems());
        return out.sb.toString();
    }

    static MessageStructure decode(String text) {
        if (!text.startsWith(VERSION)) {
            throw new IllegalArgumentException("unknown MIME cache version: " + text.substring(0, Math.min(8, text.length())));
        }
        Reader in = new Reader(text, VERSION.length());
        return new MessageStructure(in.envelope(), in.part(), in.strings());
    }

    private static final class Writer {
        final StringBuilder sb = new StringBuilder(256);

        void str(String s) {
            if (s == null) {
                sb.append('-');
            } else {
                sb.append(s.length()).append(':').append(s);
            }
        }

        void num(long n) {
            sb.append(n).append(';');
        }

        void strings(List<String> values) {
            num(values.size());
            values.forEach(this::str);
        }

        void parameters(List<Parameter> values) {
            num(values.size());
            for (Parameter p : values) {
                str(p.name());
                str(p.value());
            }
        }

        void addresses(List<Address> values) {
            num(values.size());
            for (Address a : values) {
                str(a.name());
                str(a.route());
                str(a.mailbox());
                str(a.host());
            }
        }

        void envelope(Envelope e) {
            str(e.date());
            str(e.subject());
            for (List<Address> list : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
                addresses(list);
            }
            str(e.inReplyTo());
            str(e.messageId());
        }

        void part(MimePart p) {
            str(p.type());
            str(p.subtype());
            parameters(p.parameters());
            str(p.id());
            str(p.description());
            str(p.encoding());
            str(p.md5());
            str(p.disposition());
            parameters(p.dispositionParameters());
            strings(p.languages());
            str(p.location());
            num(p.headerOffset());
            num(p.headerLength());
            num(p.bodyOffset());
            num(p.bodyLength());
            num(p.lines());
            num(p.parts().size());
            p.parts().forEach(this::part);
            if (p.message() == null) {
                sb.append('0');
            } else {
                sb.append('1');
                envelope(p.envelope());
                part(p.message());
            }
        }
    }

    private static final class Reader {
        final String text;
        int at;

        Reader(String text, int at) {
            this.text = text;
            this.at = at;
        }

        String str() {
            if (text.charAt(at) == '-') {
                at++;
                return null;
            }
            int colon = text.indexOf(':', at);
            int length = Integer.parseInt(text, at, colon, 10);
            at = colon + 1 + length;
            return text.substring(colon + 1, at);
        }

        long num() {
            int end = text.indexOf(';', at);
            long n = Long.parseLong(text, at, end, 10);
            at = end + 1;
            return n;
        }

        List<String> strings() {
            int n = (int) num();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(str());
            }
            return values;
        }

        List<Parameter> parameters() {
            int n = (int) num();
            List<Parameter> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(new Parameter(str(), str()));
            }
            return values;
        }

        List<Address> addresses() {
            int n = (int) num();
            List<Address> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(new Address(str(), str(), str(), str()));
            }
            return values;
        }

        Envelope envelope() {
            return new Envelope(str(), str(), addresses(), addresses(), addresses(), addresses(), addresses(),
                    addresses(), str(), str());
        }

        MimePart part() {
            String type = str();
            String subtype = str();
            List<Parameter> parameters = parameters();
            String id = str();
            String description = str();
            String encoding = str();
            String md5 = str();
            String disposition = str();
            List<Parameter> dispositionParameters = parameters();
            List<String> languages = strings();
            String location = str();
            long headerOffset = num();
            long headerLength = num();
            long bodyOffset = num();
            long bodyLength = num();
            long lines = num();
            int count = (int) num();
            List<MimePart> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(part());
            }
            Envelope envelope = null;
            MimePart message = null;
            if (text.charAt(at++) == '1') {
                envelope = envelope();
                message = part();
            }
            return new MimePart(type, subtype, parameters, id, description, encoding, md5, disposition,
                    dispositionParameters, languages, location, headerOffset, headerLength, bodyOffset, bodyLength,
                    lines, parts, envelope, message);
        }
    }
}
