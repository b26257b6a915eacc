package org.storemulti.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options every storemulti command has ({@code --help}, {@code --version},
 * {@code -v}, {@code -c config_dir}), declared once and mixed into each command with
 * {@code @Mixin}. Postfix's {@code -h} means something else in {@code storeconf}, so help
 * is {@code --help} only.
 */
public final class StandardOptions {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version and exit.")
    boolean version;

    @Option(names = "-v", description = "More logging; repeat for more.")
    boolean[] verbose = new boolean[0];

    @Option(names = "-c", paramLabel = "config_dir",
            description = "Instance configuration directory (default: $STORE_CONFIG, else the primary).")
    Path configDirectory;

    /** The {@code -c} value, or null when not given. */
    public Path configDirectory() {
        return configDirectory;
    }

    /** How many times {@code -v} was given. */
    public int verbosity() {
        return verbose.length;
    }
}
