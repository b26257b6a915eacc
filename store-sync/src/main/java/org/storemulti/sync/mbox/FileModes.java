package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Explicit modes for the files we create (mail is private), never whatever the umask leaves. */
final class FileModes {

    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private FileModes() {
    }

    /** Creation attributes for a private file, or none where the file system has no POSIX modes. */
    static FileAttribute<?>[] privateFile(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE)}
                : new FileAttribute<?>[0];
    }

    /** Sets mode 0600 (the umask may have taken bits off at creation). */
    static void setPrivate(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, PRIVATE);
        }
    }

    static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
