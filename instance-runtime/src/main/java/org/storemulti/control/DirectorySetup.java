package org.storemulti.control;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.storemulti.daemon.InstanceLayout;
import org.storemulti.fs.FileModes;
import org.storemulti.owner.MailOwner;

/**
 * {@code storectl set-permissions}: creates the instance's missing directories and fixes
 * modes and, run by root for a {@code mail_owner}, ownership, as Postfix's
 * {@code postfix set-permissions} does: the queue directory without group/other write; every
 * directory below it and the data directory with everything in it 0700, every file 0600,
 * and all of it handed to the owner, recursively, never following a symbolic link (a link
 * is left as it is and named). The daemon log is included wherever it lives. Ownership it
 * cannot change is left for {@code check} to report.
 */
final class DirectorySetup {

    private final InstanceLayout layout;
    private final Path daemonLog;
    private final MailOwner owner;

    DirectorySetup(InstanceLayout layout, Path daemonLog, MailOwner owner) {
        this.layout = layout;
        this.daemonLog = daemonLog;
        this.owner = owner;
    }

    /** Creates and fixes; one line per top-level change, one summary line per tree walked. */
    List<String> apply() throws IOException {
        List<String> changes = new ArrayList<>();
        // looked up before anything is made: an unknown mail_owner changes nothing
        UserPrincipal handTo = owner.switchesUser() ? owner.principal(layout.queueDirectory().getFileSystem()) : null;
        for (Path dir : layout.requiredDirectories()) {
            boolean queueRoot = dir.equals(layout.queueDirectory());
            boolean created = !Files.isDirectory(dir);
            if (created) {
                FileModes.createDirectories(dir);
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            Set<PosixFilePermission> wanted = queueRoot ? withoutGroupOtherWrite(mode) : FileModes.PRIVATE_DIRECTORY;
            if (!mode.equals(wanted)) {
                Files.setPosixFilePermissions(dir, wanted);
            }
            if (created || !mode.equals(wanted)) {
                changes.add((created ? "created " : "set mode of ") + dir + " to " + PosixFilePermissions.toString(wanted));
            }
            if (handTo != null && !Files.getOwner(dir).equals(handTo)) {
                Files.setOwner(dir, handTo);
                changes.add("set owner of " + dir + " to " + owner.name());
            }
        }
        for (Path root : List.of(layout.queueDirectory(), layout.dataDirectory())) {
            changes.addAll(new Walk(root, handTo).run());
        }
        if (!daemonLog.startsWith(layout.queueDirectory()) && Files.isRegularFile(daemonLog, LinkOption.NOFOLLOW_LINKS)) {
            changes.addAll(new Walk(daemonLog, handTo).run());
        }
        return changes;
    }

    private static Set<PosixFilePermission> withoutGroupOtherWrite(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> safe = mode.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class) : EnumSet.copyOf(mode);
        safe.remove(PosixFilePermission.GROUP_WRITE);
        safe.remove(PosixFilePermission.OTHERS_WRITE);
        return safe;
    }

    /** Everything below one root (the root itself is done above): modes, owners, links left alone. */
    private final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final UserPrincipal handTo;
        private int modes;
        private int owners;
        private final List<Path> links = new ArrayList<>();

        Walk(Path root, UserPrincipal handTo) {
            this.root = root;
            this.handTo = handTo;
        }

        List<String> run() throws IOException {
            Files.walkFileTree(root, this); // no FOLLOW_LINKS: a link is visited as itself, never entered
            List<String> lines = new ArrayList<>();
            if (modes > 0) {
                lines.add("set mode of " + modes + " entries under " + root + " (directories 0700, files 0600)");
            }
            if (owners > 0) {
                lines.add("set owner of " + owners + " entries under " + root + " to " + owner.name());
            }
            if (!links.isEmpty()) {
                lines.add("left " + links.size() + " symbolic link" + (links.size() == 1 ? "" : "s") + " under " + root
                        + " as they are, not followed: " + links.get(0) + (links.size() > 1 ? " ..." : ""));
            }
            return lines;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
            if (!dir.equals(root)) {
                fix(dir, FileModes.PRIVATE_DIRECTORY);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            if (attributes.isSymbolicLink()) {
                links.add(file);
            } else {
                // sockets keep the mode their service gave them (lmtp_socket_mode)
                fix(file, attributes.isRegularFile() ? FileModes.PRIVATE_FILE : null);
            }
            return FileVisitResult.CONTINUE;
        }

        private void fix(Path path, Set<PosixFilePermission> mode) throws IOException {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (mode != null && !view.readAttributes().permissions().equals(mode)) {
                view.setPermissions(mode);
                modes++;
            }
            if (handTo != null && !view.getOwner().equals(handTo)) {
                view.setOwner(handTo); // lchown: a path swapped for a link meanwhile changes only the link
                owners++;
            }
        }
    }
}
