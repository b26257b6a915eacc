package org.storemulti.manager;

import java.io.IOException;
import java.nio.file.Path;

import org.storemulti.cli.CommandRunner;
import org.storemulti.store.data.SqliteLibrary;

/**
 * {@code UnpackSqliteLibrary DIR}: unpacks SQLite's native library for this platform into
 * {@code DIR}, the tree the launchers name in {@code -Dstoremulti.sqlite.native}. The build
 * unpacks every platform's for the distribution; the Debian package, architecture-independent,
 * ships none, and its postinst runs this.
 */
public final class UnpackSqliteLibrary {

    private UnpackSqliteLibrary() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("UnpackSqliteLibrary: usage: UnpackSqliteLibrary DIR");
            System.exit(CommandRunner.USAGE);
        }
        try {
            SqliteLibrary.unpack(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("UnpackSqliteLibrary: fatal: " + args[0] + ": " + e.getMessage());
            System.exit(CommandRunner.FAILURE);
        }
    }
}
