package org.storemulti.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What a "permission denied" means, in one line that says who needs access to what: the
 * JDK's {@link AccessDeniedException} says only the path. The nearest part of the path this
 * user can still look at tells whose it is: {@code permission denied: user bob cannot enter
 * /var/lib/store-a (owner store, mode rwx------): run this as store or as root}.
 */
public final class AccessDenied {

    private AccessDenied() {
    }

    /** The explanation of {@code denial}, without its path in front. */
    public static String explain(AccessDeniedException denial) {
        String user = System.getProperty("user.name");
        if (denial.getFile() == null) {
            return "permission denied for user " + user;
        }
        Path target = Path.of(denial.getFile()).toAbsolutePath();
        for (Path part = target; part != null; part = part.getParent()) {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(part, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue; // not even visible: its parent decides
            }
            String owner = attributes.owner().getName();
            boolean enter = !part.equals(target) || attributes.isDirectory();
            return "permission denied: user " + user + " cannot " + (enter ? "enter " : "use ") + part + " (owner "
                    + owner + ", mode " + PosixFilePermissions.toString(attributes.permissions()) + "): run this as "
                    + (owner.equals("root") ? "root" : owner + " or as root");
        }
        return "permission denied for user " + user;
    }
}
