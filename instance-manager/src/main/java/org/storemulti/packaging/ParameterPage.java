package org.storemulti.packaging;

import org.storemulti.config.Parameter;
import org.storemulti.config.ParameterRegistry;

/** The PARAMETERS section of storeconf(5): every parameter of the registry, in its order, like postconf(5). */
final class ParameterPage {

    private ParameterPage() {
    }

    static String adoc() {
        StringBuilder out = new StringBuilder();
        for (Parameter p : ParameterRegistry.all()) {
            out.append('*').append(p.name()).append("* (default: ")
                    .append(p.defaultValue().isEmpty() ? "empty" : literal(p.defaultValue())).append(")::\n")
                    .append("  ").append(literal(p.description())).append(". Value: ")
                    .append(p.type().expected()).append(".\n\n");
        }
        return out.toString();
    }

    /**
     * {@code text} shown as it is: the registry's {@code $name}, {@code {...}} and underscores
     * are not AsciiDoc markup.
     */
    static String literal(String text) {
        return "pass:c[" + text.replace("]", "\\]") + "]";
    }
}
