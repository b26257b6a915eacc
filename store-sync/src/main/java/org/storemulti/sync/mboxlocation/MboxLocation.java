package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.storemulti.fs.FileModes;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.SoleUser;
import org.storemulti.sync.location.TreeOwner;
import org.storemulti.sync.location.UserMail;
import org.storemulti.sync.location.UserPath;
import org.storemulti.sync.mbox.MboxWriteOptions;

/**
 * {@code mbox:PATH} and {@code mbox:DIR:INBOX=FILE} as a sync location: one user's Unix
 * mailboxes (paths may hold {@code %u %n %d}). PATH that is a file is the INBOX alone; otherwise
 * a directory of mbox files, its INBOX the file {@code inbox} in it unless given apart (a spool
 * file such as {@code /var/mail/%u}, read as local(8) writes it: mboxo). UIDs asked for are kept
 * (in {@code X-IMAPbase}/{@code X-UID}); GUIDs asked for are kept in the tree's state.
 */
public final class MboxLocation implements Location {

    /**
     * How files are read and written.
     *
     * @param write locks, zone and line ends for writing (and the lock policy for reading)
     * @param scratch where consistent copies are read from (null: beside the tree's state)
     * @param inboxApart whether the INBOX was given apart ({@code INBOX=}): a spool, read as mboxo
     * @param clock for new UID validities
     * @param notices told what an operator should know (a flag left out)
     * @param owner who files and directories made in the tree are given to (a sync run as root), or null
     */
    public record Settings(MboxWriteOptions write, Path scratch, boolean inboxApart, Clock clock, Consumer<String> notices,
            TreeOwner owner) {

        private static final System.Logger LOG = System.getLogger(MboxLocation.class.getName());

        /** The library's write defaults, copies beside the tree's state, the system clock, notices to the log. */
        public static Settings defaults() {
            return new Settings(MboxWriteOptions.defaults(), null, false, Clock.systemUTC(),
                    notice -> LOG.log(System.Logger.Level.WARNING, notice), null);
        }

        Settings withInboxApart(boolean apart) {
            return new Settings(write, scratch, apart, clock, notices, owner);
        }

        Settings withOwner(TreeOwner newOwner) {
            return new Settings(write, scratch, inboxApart, clock, notices, newOwner);
        }
    }

    private final UserPath path;
    private final UserPath inbox;
    private final String description;
    /** The user a tree without {@code %u %n %d} holds: the first opened; another is refused. */
    private final SoleUser soleUser;
    private final Settings settings;

    private MboxLocation(UserPath path, UserPath inbox, String description, Settings settings) {
        this.path = path;
        this.inbox = inbox;
        this.description = description;
        this.soleUser = new SoleUser(path, description, "mbox");
        this.settings = settings.withInboxApart(inbox != null);
    }

    /**
     * The location {@code mbox:PATH} ({@code inbox} null) or {@code mbox:PATH:INBOX=INBOX};
     * {@code description} names it in messages.
     */
    public static MboxLocation at(UserPath path, UserPath inbox, String description, Settings settings) {
        return new MboxLocation(path, inbox, description, settings);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String identity() throws IOException {
        String identity = "mbox:" + canonical(path.fileSystem().getPath(path.template()));
        return inbox == null ? identity : identity + ":INBOX=" + canonical(inbox.fileSystem().getPath(inbox.template()));
    }

    private static Path canonical(Path path) throws IOException {
        return Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.UIDS, Capability.GUIDS);
    }

    @Override
    public List<String> users() throws LocationException {
        throw new LocationException(Kind.REFUSED, description + ": an mbox location holds one user's mail; give -u USER");
    }

    @Override
    public UserMail open(String user, boolean create) throws IOException {
        soleUser.claim(user);
        MboxLayout layout;
        try {
            Path at = path.of(user);
            Path inboxFile = inbox != null ? inbox.of(user) : null;
            boolean file = inboxFile == null && Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS);
            layout = file ? new MboxLayout(null, at) : new MboxLayout(at, inboxFile != null ? inboxFile : at.resolve("inbox"));
        } catch (IllegalArgumentException e) {
            throw new LocationException(Kind.REFUSED, description + ": " + e.getMessage());
        }
        String where = description + ": user " + user;
        boolean exists = layout.singleFile() || Files.isDirectory(layout.root())
                || Files.isRegularFile(layout.inbox(), LinkOption.NOFOLLOW_LINKS);
        if (!exists && !create) {
            throw new LocationException(Kind.NOT_FOUND, where + ": no mbox there (" + layout.root() + ")");
        }
        Settings owned;
        try {
            owned = settings.withOwner(TreeOwner.forTree(layout.singleFile() ? layout.inbox().toAbsolutePath().getParent()
                    : layout.root()));
            if (!exists) {
                FileModes.createDirectories(layout.root(), FileModes.PRIVATE_DIRECTORY);
                TreeOwner.give(owned.owner(), layout.root());
            }
        } catch (IOException e) {
            throw new LocationException(Kind.FAILED, where + ": " + e, e);
        }
        return new MboxUserMail(user, layout, where, owned);
    }

    @Override
    public void close() {
        // nothing held open
    }
}
