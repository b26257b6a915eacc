package org.storemulti.systemd;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.storemulti.config.InstanceConfig;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;

/**
 * Writes the systemd units of an instance set into a directory: what
 * {@code storemulti --systemd-units DIR} and the {@code store-generator} systemd generator do.
 *
 * <pre>
 * DIR/store.service                               umbrella: oneshot, RemainAfterExit=yes
 * DIR/store@.service                              one instance, %i = its name
 * DIR/store.service.wants/store@-.service         -&gt; ../store@.service (the primary)
 * DIR/store.service.wants/store@store-NAME.service -&gt; ../store@.service
 * DIR/store@store-NAME.service.d/mail-owner.conf   User=, when the instance sets mail_owner
 * </pre>
 *
 * <p>Links exist for the enabled instances only ({@link WantedInstances}); a rerun removes the
 * links and mail-owner drop-ins of instances that are no longer wanted (or no longer set
 * mail_owner) and leaves every other file alone, so
 * {@code storemulti -e enable|disable} stays the single source of truth. The templates come
 * from the primary's {@code $meta_directory/systemd/}; {@code @COMMAND_DIRECTORY@},
 * {@code @PRIMARY@} and {@code @TIMEOUT_START_SEC@} are filled in
 * from the primary's configuration, so the same templates serve a system install and the
 * README sandbox.
 */
public final class UnitWriter {

    static final String UMBRELLA = "store.service";
    static final String TEMPLATE = "store@.service";
    static final String WANTS = UMBRELLA + ".wants";
    /** The drop-in that runs one instance's unit as its mail_owner. */
    static final String MAIL_OWNER_DROP_IN = "mail-owner.conf";
    /** Slack over daemon_start_timeout for the JVM of the readiness wait (storectl wait-ready) to start. */
    private static final Duration START_SLACK = Duration.ofSeconds(30);

    private UnitWriter() {
    }

    /**
     * Writes the units for the instance set whose primary lives in {@code primaryConfigDir}
     * into {@code outputDir} (created if missing).
     *
     * @return one line per instance that got no unit although it is listed (nameless,
     *     unreadable main.cf, duplicate name), for the caller to print as warnings
     * @throws org.storemulti.config.ConfigException if the primary's main.cf cannot be read or
     *     a path it gives cannot be put into a unit file
     * @throws IOException if a template cannot be read or a unit cannot be written
     */
    public static List<String> write(Path primaryConfigDir, Path outputDir) throws IOException {
        InstanceConfig primary = InstanceConfig.load(primaryConfigDir);
        WantedInstances wanted = WantedInstances.of(primary);

        FileModes.createDirectories(outputDir, FileModes.READABLE_DIRECTORY);
        for (Map.Entry<String, String> unit : units(primary, primary.path("meta_directory").resolve("systemd")).entrySet()) {
            AtomicFile.write(outputDir.resolve(unit.getKey()), unit.getValue(), FileModes.READABLE_FILE);
        }

        Path wants = FileModes.createDirectories(outputDir.resolve(WANTS), FileModes.READABLE_DIRECTORY);
        Set<String> links = new HashSet<>();
        for (String name : wanted.names()) {
            String link = unitName(name);
            links.add(link);
            link(wants.resolve(link), "../" + TEMPLATE);
        }
        removeStaleLinks(wants, links);
        DirectorySync.forPath(wants).sync(wants);
        writeMailOwners(outputDir, wanted.mailOwners());
        return wanted.warnings();
    }

    /**
     * The text of {@code store.service} and {@code store@.service} for the instance set whose
     * primary is {@code primary}, filled in from the templates in {@code templates}: what
     * {@link #write} writes, and what the Debian package installs for the default primary.
     */
    public static Map<String, String> units(InstanceConfig primary, Path templates) throws IOException {
        Map<String, String> values = placeholders(primary);
        Map<String, String> units = new LinkedHashMap<>();
        for (String name : List.of(UMBRELLA, TEMPLATE)) {
            units.put(name, UnitTemplate.read(templates, name).fill(values));
        }
        return units;
    }

    /**
     * One drop-in per instance that sets mail_owner, so its unit runs as that user (a JVM
     * cannot give up root itself); drop-ins of instances no longer in {@code owners} go.
     */
    private static void writeMailOwners(Path outputDir, Map<String, String> owners) throws IOException {
        for (Map.Entry<String, String> owner : owners.entrySet()) {
            Path dropIns = FileModes.createDirectories(outputDir.resolve(unitName(owner.getKey()) + ".d"),
                    FileModes.READABLE_DIRECTORY);
            AtomicFile.write(dropIns.resolve(MAIL_OWNER_DROP_IN), "# mail_owner of this instance's main.cf,"
                    + " written by storemulti --systemd-units\n[Service]\nUser=" + owner.getValue() + "\n",
                    FileModes.READABLE_FILE);
        }
        Set<String> keep = new HashSet<>();
        owners.keySet().forEach(name -> keep.add(unitName(name) + ".d"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(outputDir, "store@*.service.d")) {
            for (Path dir : dirs) {
                if (!keep.contains(dir.getFileName().toString()) && Files.deleteIfExists(dir.resolve(MAIL_OWNER_DROP_IN))) {
                    deleteIfEmpty(dir);
                }
            }
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
            if (!left.iterator().hasNext()) {
                Files.delete(dir);
            }
        }
    }

    /** {@code store@NAME.service}. */
    static String unitName(String instance) {
        return "store@" + instance + ".service";
    }

    private static Map<String, String> placeholders(InstanceConfig primary) {
        Duration start = primary.time("daemon_start_timeout");
        return Map.of(
                "COMMAND_DIRECTORY", UnitTemplate.unitValue(primary.where("command_directory") + ": command_directory",
                        primary.path("command_directory").normalize().toString()),
                "PRIMARY", UnitTemplate.unitValue(primary.mainCfPath() + ": config_directory",
                        primary.configDirectory().toString()),
                "TIMEOUT_START_SEC", Long.toString(start.plus(START_SLACK).toSeconds()));
    }

    /** Points {@code link} at {@code target}, replacing whatever link was there atomically. */
    private static void link(Path link, String target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals(target)) {
            return;
        }
        Path temp = link.resolveSibling("." + link.getFileName() + ".tmp"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createSymbolicLink(temp, link.getFileSystem().getPath(target));
            try {
                Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, link, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes the {@code store@*.service} links that are not in {@code keep}; nothing else. */
    private static void removeStaleLinks(Path wants, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(wants, "store@*.service")) {
            for (Path entry : entries) {
                if (Files.isSymbolicLink(entry) && !keep.contains(entry.getFileName().toString())) {
                    Files.delete(entry);
                }
            }
        }
    }
}
