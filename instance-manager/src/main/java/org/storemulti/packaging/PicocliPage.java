package org.storemulti.packaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * picocli-codegen's AsciiDoc man page of one command, whose tagged sections
 * ({@code // tag::picocli-generated-man-section-NAME[]}) the page templates include.
 */
final class PicocliPage {

    /**
     * picocli puts a comma after a short option even when no long name follows
     * ({@code *-c*, _dir_::}, {@code *-l*, ::}); a man page reads {@code -c dir} and {@code -l}.
     */
    private static final Pattern SHORT_OPTION_TERM = Pattern.compile("(?m)^(\\*-[^*\\s]+\\*), (_[^:]*_)?::$");

    /** Wider than any line picocli renders. */
    private static final int UNWRAPPED = 1000;

    private final String text;

    private PicocliPage(String text) {
        this.text = text;
    }

    static PicocliPage of(CommandSpec spec) {
        // no wrapping: man fills paragraphs itself, and a wrapped synopsis line that starts
        // with '[' would read as an AsciiDoc attribute line
        spec.usageMessage().width(UNWRAPPED);
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            ManPageGenerator.writeSingleManPage(writer, spec);
        }
        Matcher m = SHORT_OPTION_TERM.matcher(out.toString());
        StringBuilder tidy = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(tidy, Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : " " + m.group(2)) + "::"));
        }
        m.appendTail(tidy);
        return new PicocliPage(tidy.toString());
    }

    /** The whole page, for a template to include section by section. */
    String text() {
        return text;
    }

    /** The body of one generated section, without its heading (empty when picocli wrote none). */
    String body(String section) {
        String begin = "// tag::picocli-generated-man-section-" + section + "[]\n";
        String end = "// end::picocli-generated-man-section-" + section + "[]";
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalStateException("picocli-codegen wrote no section " + section + ": has its output changed?");
        }
        String inside = text.substring(from + begin.length(), to);
        return inside.replaceFirst("^== [^\n]*\n", "").strip();
    }
}
