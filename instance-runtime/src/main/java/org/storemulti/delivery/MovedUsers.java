package org.storemulti.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;

import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.DirectorySync;
import org.storemulti.fs.FileModes;
import org.storemulti.store.name.Address;
import org.storemulti.store.name.LocalPartRule;

/**
 * Users this instance no longer takes mail for because {@code storemulti user-move} moved them
 * to another one: an empty file per user, {@code data_directory/moved-users/NAME@DOMAIN} (lower
 * case), made when the move switches the route and removed when the user moves back. A delivery
 * to such a user gets a temporary refusal (450 4.2.1), so the MTA keeps the message and, on its
 * retry, looks the route up again and delivers to the new instance: mail the MTA routed before
 * it saw the new map is never stored where the final mirror has already passed.
 */
public final class MovedUsers {

    /** The markers' directory, relative to the data directory. */
    public static final String DIRECTORY = "moved-users";

    private final Path directory;

    public MovedUsers(Path dataDirectory) {
        this.directory = dataDirectory.resolve(DIRECTORY);
    }

    /**
     * Marks {@code user} ({@code name@domain}) as moved away; durable when this returns. The
     * directory and file belong to the data directory's owner, who runs the daemon.
     */
    public void mark(String user) throws IOException {
        FileModes.createDirectories(directory, FileModes.PRIVATE_DIRECTORY);
        Path file = file(user);
        AtomicFile.write(file, "");
        UserPrincipal owner = Files.getOwner(directory.getParent());
        for (Path path : new Path[] {directory, file}) {
            if (!Files.getOwner(path).equals(owner)) {
                Files.setOwner(path, owner);
            }
        }
    }

    /** The user takes mail here again (a move back); durable when this returns. */
    public void unmark(String user) throws IOException {
        if (Files.deleteIfExists(file(user))) {
            DirectorySync.forPath(directory).sync(directory);
        }
    }

    /** Whether {@code user} ({@code name@domain}) is marked. */
    public boolean contains(String user) {
        return Files.exists(file(user));
    }

    /** Whether mail for {@code address} would go to a moved user: any reading of its local part names one. */
    boolean movedAway(Address address, LocalPartRule rule) {
        if (!Files.isDirectory(directory)) {
            return false; // no user ever moved away: the common case costs one stat
        }
        return rule.readings(address.localPart()).stream()
                .anyMatch(r -> contains(r.user() + "@" + address.domain()));
    }

    private Path file(String user) {
        String name = user.toLowerCase(Locale.ROOT);
        if (name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a user name@domain: " + user);
        }
        return directory.resolve(name);
    }
}
