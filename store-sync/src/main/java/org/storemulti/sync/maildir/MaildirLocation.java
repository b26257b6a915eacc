package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.SoleUser;
import org.storemulti.sync.location.TreeOwner;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.location.UserPath;

/**
 * {@code maildir:PATH} as a sync location: one user's Maildir++ tree ({@code PATH} may hold
 * {@code %u %n %d} for many users' trees), laid out and numbered as Dovecot keeps it, so a
 * Dovecot serving PATH shows the same UIDs, UIDVALIDITY, GUIDs and keywords. UIDs and GUIDs
 * asked for are kept; there are no modseqs (the change token is a digest of the UIDs and flags),
 * and the pair state stays with the store.
 */
public final class MaildirLocation implements Location {

    private final UserPath path;
    private final String description;
    /** The user a tree without {@code %u %n %d} holds: the first opened; another is refused. */
    private final SoleUser soleUser;
    private final MaildirOptions options;

    private MaildirLocation(UserPath path, String description, MaildirOptions options) {
        this.path = path;
        this.description = description;
        this.soleUser = new SoleUser(path, description, "maildir");
        this.options = options;
    }

    /** The location of the trees at {@code path}; {@code description} names it in messages. */
    public static MaildirLocation at(UserPath path, String description, MaildirOptions options) {
        return new MaildirLocation(path, description, options);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String identity() throws IOException {
        if (path.perUser()) {
            return "maildir:" + path.fileSystem().getPath(path.template()).toAbsolutePath().normalize();
        }
        Path root = path.of("");
        return "maildir:" + (Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.UIDS, Capability.GUIDS);
    }

    @Override
    public List<String> users() throws LocationException {
        throw new LocationException(Kind.REFUSED, description + ": a maildir holds one user's mail; give -u USER");
    }

    @Override
    public UserMail open(String user, boolean create) throws IOException {
        soleUser.claim(user);
        Path root;
        try {
            root = path.of(user);
        } catch (IllegalArgumentException e) {
            throw new LocationException(Kind.REFUSED, description + ": " + e.getMessage());
        }
        String where = description + (path.perUser() ? " (" + root + ")" : "") + ": user " + user;
        MaildirOptions owned = MaildirErrors.call(where, () -> options.withOwner(TreeOwner.forTree(root)));
        Maildir maildir = Maildir.at(root, new FolderNames('_'), owned);
        MaildirFolder inbox = maildir.folder(FolderNames.INBOX);
        if (!inbox.exists()) {
            if (!create) {
                throw new LocationException(Kind.NOT_FOUND, where + ": no maildir there (no " + root.resolve("cur") + ")");
            }
            MaildirErrors.call(where, () -> {
                maildir.createRoot();
                inbox.create(MaildirUserMail.newUidValidity(owned), org.storemulti.store.name.Guid.random());
                return null;
            });
        }
        return new MaildirUserMail(user, maildir, where, owned);
    }

    @Override
    public void close() {
        // nothing held open
    }
}
