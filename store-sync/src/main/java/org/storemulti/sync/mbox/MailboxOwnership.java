package org.storemulti.sync.mbox;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Objects;
import java.util.Set;

/**
 * Who owns a mailbox file and its mode, by name ({@code joe}, {@code mail}, {@code rw-------}):
 * what a rewritten or recovered mailbox must keep so its user and the mail system can still
 * use it. Names, not numbers, so an archive recovers onto another host's accounts; a name
 * the system no longer knows stays the number the JDK printed for it.
 */
public record MailboxOwnership(String owner, String group, Set<PosixFilePermission> permissions) {

    public MailboxOwnership {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(group, "group");
        permissions = Set.copyOf(permissions);
    }

    /** The ownership of {@code file} (not following a link). */
    public static MailboxOwnership of(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new MailboxOwnership(attributes.owner().getName(), attributes.group().getName(),
                attributes.permissions());
    }

    /** The mode as {@code ls} prints it, {@code rw-rw----}. */
    public String mode() {
        return PosixFilePermissions.toString(permissions);
    }

    /**
     * Gives {@code file} this owner, group and mode. Changing the owner needs root; the error
     * then says so.
     */
    public void applyTo(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
        try {
            if (!now.owner().getName().equals(owner)) {
                UserPrincipal user = lookup.lookupPrincipalByName(owner);
                view.setOwner(user);
            }
            if (!now.group().getName().equals(group)) {
                GroupPrincipal principal = lookup.lookupPrincipalByGroupName(group);
                view.setGroup(principal);
            }
        } catch (FileSystemException e) {
            throw new FileSystemException(file.toString(), null, "cannot give it to " + owner + ":" + group
                    + " (" + e.getReason() + "): run as root");
        }
        view.setPermissions(permissions);
    }
}
