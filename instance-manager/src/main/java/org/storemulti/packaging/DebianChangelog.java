package org.storemulti.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

import org.vafer.jdeb.utils.Utils;

/**
 * {@code /usr/share/doc/storemulti/changelog.gz}, which Debian requires of a native package:
 * one entry for the version jdeb gives the package (its own conversion of the Maven
 * version, {@code 0.1.0-SNAPSHOT} to {@code 0.1.0~snapshot}), signed by the control file's
 * Maintainer; the history itself is the git log.
 */
final class DebianChangelog {

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private DebianChangelog() {
    }

    /** The Debian version of Maven version {@code version}, as the jdeb plugin (snapshots not expanded) makes it. */
    static String debianVersion(String version) {
        return Utils.convertToDebianVersion(version, false, "SNAPSHOT", null, new Date());
    }

    static String text(String mavenVersion, Path control, Instant when) throws IOException {
        String maintainer = Files.readAllLines(control, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("Maintainer:")).map(l -> l.substring("Maintainer:".length()).strip())
                .findFirst().orElseThrow(() -> new IOException(control + ": no Maintainer field"));
        return "storemulti (" + debianVersion(mavenVersion) + ") unstable; urgency=medium\n\n"
                + "  * Built from the storemulti source tree; its git log is the change history.\n\n"
                + " -- " + maintainer + "  " + RFC_2822.format(when) + "\n";
    }
}
