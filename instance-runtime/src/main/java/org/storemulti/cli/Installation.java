package org.storemulti.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where this JVM's storemulti installation lives: a built checkout or an unpacked
 * distribution, whose {@code bin/} launchers pass it as {@code -Dstoremulti.home}
 * ({@code bin/.java-launch}). Absent when the classes run from elsewhere (tests, an IDE).
 */
public final class Installation {

    /** The system property the launchers set. */
    public static final String HOME_PROPERTY = "storemulti.home";

    private Installation() {
    }

    /** The installation's root directory, when a launcher started this JVM. */
    public static Optional<Path> home() {
        return Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of);
    }

    /** {@code bin/PROGRAM} of the installation, when a launcher started this JVM. */
    public static Optional<Path> launcher(String program) {
        return home().map(h -> h.resolve("bin").resolve(program));
    }
}
