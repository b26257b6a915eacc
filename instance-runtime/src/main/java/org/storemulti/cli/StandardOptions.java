package org.storemulti.cli;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every single-instance command has ({@link HelpOptions}, {@code -v},
 * {@code -c config_dir}), declared once and mixed into each command with {@code @Mixin}.
 */
public final class StandardOptions {

    @Mixin
    HelpOptions help;

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
