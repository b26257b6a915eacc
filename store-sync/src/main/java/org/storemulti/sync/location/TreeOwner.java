package org.storemulti.sync.location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * The owner and group of a location's tree of files (a maildir, an mbox directory), which every
 * file and directory a sync run as root makes there gets: a Dovecot or a mail reader working as
 * the tree's owner must read and rename them.
 */
public record TreeOwner(UserPrincipal user, GroupPrincipal group) {

    /**
     * Whose the tree at {@code root} is: its owner, or for a new tree the nearest existing
     * directory's above it; null unless this process runs as root and that is another user
     * (then files are the process's anyway), or where the file system has no POSIX owners.
     */
    public static TreeOwner forTree(Path root) throws IOException {
        Path existing = root.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(existing, PosixFileAttributeView.class);
        if (view == null) {
            return null;
        }
        PosixFileAttributes attributes = view.readAttributes();
        return attributes.owner().getName().equals("root") ? null : new TreeOwner(attributes.owner(), attributes.group());
    }

    /** Gives {@code path} this owner and group where it has others. */
    public void applyTo(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        if (!now.owner().equals(user)) {
            view.setOwner(user);
        }
        if (!now.group().equals(group)) {
            view.setGroup(group);
        }
    }

    /** Gives {@code path} to {@code owner}, if there is one. */
    public static void give(TreeOwner owner, Path path) throws IOException {
        if (owner != null) {
            owner.applyTo(path);
        }
    }
}
