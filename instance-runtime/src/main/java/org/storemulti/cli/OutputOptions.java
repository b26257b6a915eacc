package org.storemulti.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The output options of commands that print for scripts too, mixed in with {@code @Mixin}:
 * {@code -j} or {@code --format json} for JSON lines ({@link JsonLines}), {@code --format
 * text} (the default) for people.
 */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "-j", description = "JSON lines: one object per line, as Postfix's postqueue -j.")
    boolean jsonLines;

    @Option(names = "--format", paramLabel = "text|json", description = "text (the default) or json (as -j).")
    String format;

    /** Whether JSON lines were asked for; a usage error for {@code -j} with {@code --format}, or an unknown format. */
    public boolean json() {
        if (jsonLines && format != null) {
            throw new ParameterException(mixee.commandLine(), "Specify at most one of '-j', '--format'");
        }
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new ParameterException(mixee.commandLine(), "--format must be text or json, not '" + format + "'");
        }
        return jsonLines || "json".equals(format);
    }

    /** Whether {@code -j} or {@code --format} was given at all. */
    public boolean given() {
        return jsonLines || format != null;
    }
}
