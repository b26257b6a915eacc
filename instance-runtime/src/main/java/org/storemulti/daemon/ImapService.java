package org.storemulti.daemon;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.fs.FileModes;
import org.storemulti.imap.ConnectionGate;
import org.storemulti.imap.ImapListener;
import org.storemulti.imap.ImapServer;
import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.imap.StoreBackend;
import org.storemulti.imapd.ImapConfig;
import org.storemulti.imapd.SessionLog;
import org.storemulti.log.DaemonLog;
import org.storemulti.log.MailLog;
import org.storemulti.store.name.LocalPartRule;

/**
 * The IMAP service row: off while {@code imap_listen} is empty, else {@code store-imap}'s
 * server over the instance's store, listening where {@code imap_listen} says (UNIX sockets
 * with {@code imap_socket_mode}), logins as the store's auth accounts with the instance's
 * {@code recipient_delimiter}, one log line per login and logout. A reload gives
 * connections that start afterwards the new settings, login policy, per-address limit and
 * TLS files (a key or certificate that cannot be read keeps the previous ones, with an
 * error logged); the listeners are bound once ({@link ReloadReport#RESTART_PARAMETERS}).
 * Large APPENDs wait in {@code queue_directory/private/imap} while they arrive.
 */
final class ImapService implements Service, UserSessions {

    private final ServiceContext context;
    private ImapServer server;
    private volatile int perAddress;

    public ImapService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public boolean wanted() {
        return !context.config().list("imap_listen").isEmpty();
    }

    @Override
    public void start() throws Exception {
        InstanceConfig config = context.config();
        Path spool = spool(config);
        ImapConfig imap = ImapConfig.of(config, spool);
        perAddress = imap.perAddress();
        List<SocketAddress> addresses = imap.listeners().stream().map(ImapListener::address).toList();
        UnixSockets.createDirectories(addresses);
        DaemonLog log = context.log();
        server = new ImapServer(imap.listeners(), imap.settings(), imap.logins(),
                new StoreBackend(context.store(), config.get("default_domain"),
                        new LocalPartRule(config.get("recipient_delimiter")), log::info),
                ConnectionGate.perAddress(() -> perAddress), new SessionLog(new MailLog(log)), line -> log(log, line));
        server.start();
        UnixSockets.open(addresses, "imap_socket_mode", config);
        log.info("listening on " + String.join(" ", imap.listen()));
    }

    /** {@code store-imap}'s lines, in this service's log: internal errors as errors, the rest as info. */
    private static void log(DaemonLog log, String line) {
        String text = line.startsWith("imap: ") ? line.substring("imap: ".length()) : line;
        log.log(text.contains("internal error") ? DaemonLog.Level.ERROR : DaemonLog.Level.INFO, text);
    }

    /** The APPEND spool, emptied: a spooled literal belongs to one command, and none runs before the start. */
    private static Path spool(InstanceConfig config) throws IOException {
        Path spool = InstanceLayout.of(config).imapSpool();
        FileModes.createDirectories(spool);
        try (DirectoryStream<Path> left = Files.newDirectoryStream(spool)) {
            for (Path file : left) {
                Files.deleteIfExists(file);
            }
        }
        return spool;
    }

    @Override
    public void reload(InstanceConfig config) {
        ImapConfig imap;
        try {
            imap = ImapConfig.of(config, InstanceLayout.of(config).imapSpool());
        } catch (ConfigException e) {
            context.log().error("reload: " + e.getMessage() + "; new connections keep the previous IMAP settings");
            return;
        }
        perAddress = imap.perAddress();
        server.reconfigure(imap.settings(), imap.logins());
    }

    @Override
    public void stop(StopMode mode) {
        if (server != null) {
            server.stop(mode == StopMode.GRACEFUL ? context.config().time("daemon_stop_timeout") : Duration.ZERO);
        }
    }

    @Override
    public List<ImapSessionInfo> sessions() {
        return server == null ? List.of() : server.sessions();
    }

    @Override
    public int kick(String user) {
        return server == null ? 0 : server.kick(user);
    }
}
