package org.storemulti.daemon;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

import org.storemulti.config.InstanceConfig;
import org.storemulti.delivery.StoreMailDrop;
import org.storemulti.lmtp.Endpoint;
import org.storemulti.lmtp.LmtpLimits;
import org.storemulti.lmtp.LmtpServer;
import org.storemulti.log.MailLog;

/**
 * The LMTP service row: listens where {@code lmtp_listen} says (UNIX sockets with
 * {@code lmtp_socket_mode}, {@link UnixSockets}) and delivers into the instance's store. A
 * reload gives sessions that start afterwards the new limits, host name and delivery settings; the endpoints are
 * bound once, so a new {@code lmtp_listen} or {@code lmtp_socket_mode} is reported as needing
 * a restart ({@link ReloadReport#RESTART_PARAMETERS}).
 */
final class LmtpService implements Service {

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
        List<SocketAddress> addresses = endpoints.stream().map(Endpoint::address).toList();
        // a missing socket directory: the group may enter, as the socket's mode lets it connect
        UnixSockets.createDirectories(addresses);
        server = new LmtpServer(endpoints, drop, LmtpLimits.from(config), hostname(config), context.log());
        server.start();
        UnixSockets.open(addresses, "lmtp_socket_mode", config);
        context.log().info("listening on " + config.get("lmtp_listen"));
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
