package org.storemulti.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

import org.storemulti.sync.mbox.MboxState;

/**
 * What one {@code lstat} says about a spool file: its kind, size, times, numeric owner and
 * group, mode. Enough for the save decision and for the manifest of an unchanged mailbox
 * without opening it, and without a user-name lookup (which reads /etc/passwd) unless the
 * owner changed.
 *
 * @param uid numeric owner, or -1 where the file system has no "unix" view
 * @param gid numeric group, or -1 likewise
 */
record FileFacts(boolean regular, long size, FileTime modified, FileTime accessed, int uid, int gid,
        Set<PosixFilePermission> permissions) {

    private static final String UNIX = "unix:isRegularFile,size,lastModifiedTime,lastAccessTime,uid,gid,permissions";

    static FileFacts of(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            Map<String, Object> a = Files.readAttributes(file, UNIX, LinkOption.NOFOLLOW_LINKS);
            @SuppressWarnings("unchecked")
            Set<PosixFilePermission> permissions = (Set<PosixFilePermission>) a.get("permissions");
            return new FileFacts((Boolean) a.get("isRegularFile"), (Long) a.get("size"),
                    (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("lastAccessTime"), (Integer) a.get("uid"),
                    (Integer) a.get("gid"), permissions);
        }
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new FileFacts(a.isRegularFile(), a.size(), a.lastModifiedTime(), a.lastAccessTime(), -1, -1,
                a.permissions());
    }

    MboxState state() {
        return new MboxState(size, modified);
    }

    /** True if owner, group and mode are what {@code entry} recorded (so its names still hold). */
    boolean sameOwnershipAs(ManifestEntry entry) {
        return uid >= 0 && uid == entry.uid() && gid == entry.gid() && permissions.equals(entry.ownership().permissions());
    }
}
