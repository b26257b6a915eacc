package org.storemulti.cli;

import picocli.CommandLine.Option;

/**
 * {@code --help} and {@code --version}, declared once for every command ({@code @Mixin}).
 * Postfix's {@code -h} means something else in {@code storeconf}, so help is {@code --help}.
 */
public final class HelpOptions {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version and exit.")
    boolean version;
}
