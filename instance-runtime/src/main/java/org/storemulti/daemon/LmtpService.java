package org.storemulti.daemon;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.storemulti.config.InstanceConfig;
import org.storemulti.delivery.StoreMailDrop;
import org.storemulti.fs.FileModes;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.lmtp.LmtpLimits;
import org.storemulti.lmtp.LmtpServer;
import org.storemulti.log.MailLog;
import org.storemulti.owner.MailOwner;

/**
 * The LMTP service row: listens where {@code lmtp_listen} says (UNIX sockets with
 * {@code lmtp_socket_mode}) and delivers into the instance's store. A reload gives sessions
 * that start afterwards the new limits, host name and delivery settings; the endpoints are
 * bound once, so a new {@code lmtp_listen} or {@code lmtp_socket_mode} is reported as needing
 * a restart ({@link ReloadReport#RESTART_PARAMETERS}).
 */
final class LmtpService implements Service {

    private static final Set<PosixFilePermission> SOCKET_DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");

    private final ServiceContext context;
    private LmtpServer server;

    public LmtpService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public void start() throws Exception {
        InstanceConfig config = context.config();
        StoreMailDrop drop = StoreMailDrop.forInstance(context.store(), config, new MailLog(context.log()));
        List<Endpoint> endpoints = Endpoint.parseAll("lmtp_listen", config.get("lmtp_listen"));
        for (Endpoint endpoint : endpoints) {
            if (endpoint.address() instanceof UnixDomainSocketAddress unix) {
                // a missing socket directory: the group may enter, as the socket's mode lets it connect
                FileModes.createDirectories(unix.getPath().toAbsolutePath().getParent(), SOCKET_DIRECTORY);
            }
        }
        server = new LmtpServer(endpoints, drop, LmtpLimits.from(config), hostname(config), context.log());
        server.start();
        openUnixSockets(endpoints, config);
        context.log().info("listening on " + config.get("lmtp_listen"));
    }

    /**
     * Gives each UNIX socket {@code lmtp_socket_mode} and, when {@code mail_owner} is set,
     * that user's group, as Postfix does for its private sockets. The socket was bound under
     * the daemon's umask (077 from storectl start and the systemd unit), so until then only
     * the owner could connect.
     */
    private static void openUnixSockets(List<Endpoint> endpoints, InstanceConfig config) throws IOException {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(
                rwx(Integer.parseInt(config.get("lmtp_socket_mode").strip(), 8)));
        MailOwner owner = MailOwner.of(config);
        boolean ownGroup = !config.get("mail_owner").isBlank();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.address() instanceof UnixDomainSocketAddress unix) {
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

    @Override
    public void reload(InstanceConfig config) {
        server.reconfigure(LmtpLimits.from(config), hostname(config),
                StoreMailDrop.forInstance(context.store(), config, new MailLog(context.log())));
    }

    @Override
    public void stop(StopMode mode) {
        if (server != null) {
            server.stop(mode == StopMode.GRACEFUL ? context.config().time("daemon_stop_timeout") : Duration.ZERO);
        }
    }

    /**
     * {@code myhostname}, else the kernel's host name: never a DNS lookup, which can block
     * a daemon's start for seconds on a host without a resolver.
     */
    private static String hostname(InstanceConfig config) {
        String configured = config.get("myhostname").strip();
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
