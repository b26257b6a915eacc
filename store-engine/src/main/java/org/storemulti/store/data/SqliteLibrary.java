package org.storemulti.store.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;
import org.storemulti.fs.AtomicFile;

/**
 * Where sqlite-jdbc loads its native library from. By default the driver copies the library
 * out of its jar into the temporary directory on every start of every JVM, which cost each
 * daemon about a tenth of a CPU-second (BENCHMARKS.md, parallel start). The build unpacks the
 * libraries once, from the same jar, into a directory the launchers name in the system
 * property {@value #PROPERTY}; when the library for this platform is there, the driver is
 * told to load it in place. Otherwise nothing changes and the driver extracts as before.
 * An install that ships no unpacked tree (the Debian package: a library per platform does
 * not belong in an architecture-independent package) makes this platform's with
 * {@link #unpack}.
 */
public final class SqliteLibrary {

    /** System property naming the unpacked {@code org/sqlite/native} tree of the driver jar. */
    public static final String PROPERTY = "storemulti.sqlite.native";
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private SqliteLibrary() {
    }

    /** Points the driver at the unpacked library, once, before its first connection (the database calls it). */
    public static synchronized void useUnpacked() {
        String tree = System.getProperty(PROPERTY);
        if (tree == null || System.getProperty(PATH) != null) {
            return; // nothing unpacked, or already chosen (by us, a parent JVM or the operator)
        }
        // the driver's own platform names; the lookup reads /proc and may run a command,
        // so a parent resolves it once and hands the result to its children (javaOptions)
        Path directory = Path.of(tree, OSInfo.getNativeLibFolderPathForCurrentOS());
        String name = System.mapLibraryName("sqlitejdbc");
        if (Files.isRegularFile(directory.resolve(name))) {
            System.setProperty(PATH, directory.toString());
            System.setProperty(NAME, name);
        }
    }

    /**
     * Copies this platform's library out of the driver jar into {@code tree}, where the
     * property {@value #PROPERTY} naming {@code tree} makes the driver load it; replaces
     * it atomically, readable by everyone.
     *
     * @return the library file written
     * @throws IOException if the driver has no library for this platform, or on a write error
     */
    public static Path unpack(Path tree) throws IOException {
        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        String name = System.mapLibraryName("sqlitejdbc");
        String resource = "/org/sqlite/native/" + folder + "/" + name;
        byte[] library;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("sqlite-jdbc has no native library for this platform (" + resource
                        + "); the driver will extract its own at each start");
            }
            library = in.readAllBytes();
        }
        Path directory = Files.createDirectories(tree.resolve(folder));
        for (Path d = directory; d != null && d.startsWith(tree); d = d.getParent()) {
            Files.setPosixFilePermissions(d, READABLE_DIRECTORY);
        }
        Path target = directory.resolve(name);
        AtomicFile.write(target, library);
        Files.setPosixFilePermissions(target, READABLE_FILE);
        return target;
    }

    /**
     * The {@code -D} options that give a child JVM (a daemon) the library this JVM would
     * load, already resolved for the platform; none when nothing is unpacked.
     */
    public static List<String> javaOptions() {
        useUnpacked();
        String path = System.getProperty(PATH);
        String name = System.getProperty(NAME);
        if (path == null || name == null) {
            return List.of();
        }
        return List.of("-D" + PATH + "=" + path, "-D" + NAME + "=" + name);
    }
}
