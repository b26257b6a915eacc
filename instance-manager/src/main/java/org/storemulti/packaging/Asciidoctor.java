package org.storemulti.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders the page templates to roff with asciidoctor's manpage backend (Debian package
 * {@code asciidoctor}) and installs them gzipped as {@code manN/NAME.N.gz}. Any warning
 * (a missing include, a bad section) fails the build.
 */
final class Asciidoctor {

    static final String PROGRAM = "asciidoctor";

    private Asciidoctor() {
    }

    /** asciidoctor on the PATH, if installed. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, PROGRAM))
                .filter(Files::isExecutable).findFirst();
    }

    static void render(Path asciidoctor, Path templates, Path generated, String version, Path manDirectory)
            throws IOException, InterruptedException {
        Path roff = Files.createDirectories(generated.resolve("roff"));
        List<String> command = new ArrayList<>(List.of(asciidoctor.toString(), "--backend", "manpage",
                "--failure-level", "WARN", "--attribute", "generated=" + generated,
                "--attribute", "version=" + version, "--destination-dir", roff.toString()));
        try (Stream<Path> pages = Files.list(templates)) {
            pages.filter(p -> p.toString().endsWith(".adoc")).sorted().forEach(p -> command.add(p.toString()));
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no end after 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + " (its message is above)");
        }
        try (Stream<Path> pages = Files.list(roff)) {
            for (Path page : pages.sorted().toList()) {
                String name = page.getFileName().toString();
                Path section = Files.createDirectories(manDirectory.resolve("man" + name.substring(name.lastIndexOf('.') + 1)));
                GzipFile.write(Files.readAllBytes(page), section.resolve(name + ".gz"));
            }
        }
    }
}
