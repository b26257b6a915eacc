package org.storemulti.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * their modes: queue subdirectories and the data directory 0700, the queue directory
 * without group/other write. Run by root for a {@code mail_owner}, it also hands them to
 * that user; ownership it cannot change is left for {@code check} to report.
 */
final class DirectorySetup {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final InstanceLayout layout;
    private final MailOwner owner;

    DirectorySetup(InstanceLayout layout, MailOwner owner) {
        this.layout = layout;
        this.owner = owner;
    }

    /** Creates and fixes; one line per change made. */
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
            Set<PosixFilePermission> wanted = queueRoot ? withoutGroupOtherWrite(mode) : PRIVATE;
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
        return changes;
    }

    private static Set<PosixFilePermission> withoutGroupOtherWrite(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> safe = mode.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class) : EnumSet.copyOf(mode);
        safe.remove(PosixFilePermission.GROUP_WRITE);
        safe.remove(PosixFilePermission.OTHERS_WRITE);
        return safe;
    }
}
