package org.storemulti.lifecycle;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;

import org.storemulti.fs.AccessDenied;
import org.storemulti.fs.FileModes;
import org.storemulti.owner.MailOwner;
import org.storemulti.store.data.DataLayout;

/**
 * The directories and files an instance has, as create makes them and destroy removes
 * them: config directory (0755) with main.cf; queue directory (0700) with its
 * subdirectories; data directory (0700) with its subdirectories.
 */
final class InstanceLayout {

    /** Queue subdirectories the runtime uses (its daemon's layout is the one source). */
    static final List<String> QUEUE_DIRECTORIES = org.storemulti.daemon.InstanceLayout.QUEUE_SUBDIRECTORIES;
    /** Data subdirectories the runtime uses. */
    static final List<String> DATA_DIRECTORIES =
            List.of(DataLayout.MESSAGES_DIRECTORY, DataLayout.BACKUP_DIRECTORY, DataLayout.RUN_DIRECTORY);
    /** Files that create writes or the runtime leaves behind when stopped, relative to their root. */
    static final Set<String> CONFIG_FILES = Set.of("main.cf", "main.cf.lock");
    static final Set<String> QUEUE_FILES = Set.copyOf(org.storemulti.daemon.InstanceLayout.QUEUE_RUNTIME_FILES);
    static final Set<String> DATA_FILES = Set.copyOf(org.storemulti.daemon.InstanceLayout.DATA_RUNTIME_FILES);

    private InstanceLayout() {
    }

    /** Makes whatever of the layout is missing; existing directories keep their permissions. */
    static void create(Path config, Path queue, Path data) {
        directory(config, "rwxr-xr-x");
        directory(queue, "rwx------");
        for (String sub : QUEUE_DIRECTORIES) {
            directory(queue.resolve(sub), "rwx------");
        }
        directory(data, "rwx------");
        for (String sub : DATA_DIRECTORIES) {
            directory(data.resolve(sub), "rwx------");
        }
    }

    /**
     * Hands the queue and data skeletons (not the config directory, which stays with
     * root, as Postfix's does) to the instance's {@code mail_owner}, the user its daemon
     * runs as. Only root may do this; others keep their own directories.
     */
    static void handOver(Path queue, Path data, MailOwner owner) {
        if (!owner.switchesUser()) {
            return;
        }
        try {
            UserPrincipal user = owner.principal(queue.getFileSystem());
            for (Path root : List.of(queue, data)) {
                Files.setOwner(root, user);
                for (String sub : root == queue ? QUEUE_DIRECTORIES : DATA_DIRECTORIES) {
                    Files.setOwner(root.resolve(sub), user);
                }
            }
        } catch (IOException e) {
            throw new LifecycleException("cannot hand " + queue + " and " + data + " to " + owner.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void directory(Path dir, String permissions) {
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Path parent = dir.getParent();
            if (parent != null) {
                FileModes.createDirectories(parent, FileModes.READABLE_DIRECTORY);
            }
            Files.createDirectory(dir);
            FileModes.setMode(dir, PosixFilePermissions.fromString(permissions));
        } catch (FileAlreadyExistsException e) {
            throw new LifecycleException("cannot create directory " + dir + ": a file of that name exists", e);
        } catch (AccessDeniedException e) {
            throw new LifecycleException("cannot create directory " + dir + ": " + AccessDenied.explain(e), e);
        } catch (FileSystemException e) {
            throw new LifecycleException("cannot create directory " + dir + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()), e);
        } catch (IOException e) {
            throw new LifecycleException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
