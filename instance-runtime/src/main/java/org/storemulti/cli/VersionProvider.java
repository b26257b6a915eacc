package org.storemulti.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** {@code --version} for every command: the Maven project version, filtered in at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"${COMMAND-NAME} " + version()};
    }
}
