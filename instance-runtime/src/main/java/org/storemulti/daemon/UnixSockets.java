package org.storemulti.daemon;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.storemulti.config.InstanceConfig;
import org.storemulti.fs.FileModes;
import org.storemulti.owner.MailOwner;

/**
 * The UNIX sockets a service listens on (LMTP, IMAP), made usable by the group as
 * Postfix's private sockets are: the socket's directory is created for the group to
 * enter, and once bound (under the daemon's umask 077, so only the owner could connect
 * until then) the socket gets its {@code *_socket_mode} and, when {@code mail_owner} is
 * set, that user's group.
 */
final class UnixSockets {

    private static final Set<PosixFilePermission> SOCKET_DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");

    private UnixSockets() {
    }

    /** Creates the missing directories of the UNIX sockets among {@code addresses}. */
    static void createDirectories(List<SocketAddress> addresses) throws IOException {
        for (SocketAddress address : addresses) {
            if (address instanceof UnixDomainSocketAddress unix) {
                FileModes.createDirectories(unix.getPath().toAbsolutePath().getParent(), SOCKET_DIRECTORY);
            }
        }
    }

    /** Gives each bound UNIX socket among {@code addresses} the mode {@code modeParameter} names, and the group. */
    static void open(List<SocketAddress> addresses, String modeParameter, InstanceConfig config) throws IOException {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(
                rwx(Integer.parseInt(config.get(modeParameter).strip(), 8)));
        MailOwner owner = MailOwner.of(config);
        boolean ownGroup = !config.get("mail_owner").isBlank();
        for (SocketAddress address : addresses) {
            if (address instanceof UnixDomainSocketAddress unix) {
                Path socket = unix.getPath();
                if (ownGroup) {
                    Files.getFileAttributeView(socket, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setGroup(owner.group(socket.getFileSystem()));
                }
                Files.setPosixFilePermissions(socket, mode);
            }
        }
    }

    /** {@code 0660} as {@code rw-rw----}. */
    private static String rwx(int mode) {
        StringBuilder text = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) == 0 ? '-' : "xwr".charAt(bit % 3));
        }
        return text.toString();
    }
}
