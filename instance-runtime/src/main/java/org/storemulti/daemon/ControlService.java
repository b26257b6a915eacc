package org.storemulti.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.daemon.ControlProtocol.Reply;
import org.storemulti.log.DaemonLog;

/**
 * The control socket {@code queue_directory/private/control} (mode 0600): answers
 * {@link ControlProtocol} requests by asking the {@link DaemonControl}. One request per
 * connection, handled on a small pool so a silent client cannot block the others.
 */
final class ControlService implements Service {

    private static final int WORKERS = 4;
    /** {@code kick} and a user name of up to 255 characters at a domain of up to 253. */
    private static final int MAX_REQUEST_CHARS = 600;

    private final ServiceContext context;
    private final Path socket;
    private ServerSocketChannel server;
    private ExecutorService workers;
    private volatile boolean stopping;

    public ControlService(ServiceContext context) {
        this.context = context;
        this.socket = InstanceLayout.of(context.config()).controlSocket();
    }

    @Override
    public void start() throws IOException {
        var address = ControlProtocol.address(socket);
        Files.deleteIfExists(socket); // left by a daemon that was killed; we hold the pid lock
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(address);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        workers = Executors.newFixedThreadPool(WORKERS, r -> daemonThread(r, "control-request"));
        daemonThread(this::acceptLoop, "control-accept").start();
    }

    private static Thread daemonThread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                workers.execute(() -> answer(client));
            }
        } catch (ClosedChannelException e) {
            if (!stopping) {
                context.failed(e);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                context.failed(new DaemonException(socket + ": accept: " + DaemonLog.describe(e), e));
            }
        }
    }

    private void answer(SocketChannel client) {
        String request = null;
        Reply reply = null;
        try (client) {
            request = readRequest(client);
            context.log().debug("request: " + request);
            reply = handle(request);
            Writer out = Channels.newWriter(client, StandardCharsets.UTF_8);
            for (String line : reply.lines()) {
                out.write(line + "\n");
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            context.log().warning("request " + request + ": " + DaemonLog.describe(e));
        }
        if (reply != null && reply.ok() && request.startsWith(ControlProtocol.STOP)) {
            context.daemon().requestStop(stopMode(request));
        }
    }

    private static String readRequest(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        char[] buffer = new char[MAX_REQUEST_CHARS];
        int length = 0;
        int c;
        while (length < buffer.length && (c = in.read()) != -1 && c != '\n') {
            buffer[length++] = (char) c;
        }
        return new String(buffer, 0, length).strip();
    }

    private Reply handle(String request) {
        List<String> words = InstanceConfig.words(request);
        String verb = words.isEmpty() ? "" : words.get(0);
        try {
            return switch (verb) {
                case ControlProtocol.STATUS -> Reply.ok(context.daemon().status().lines());
                case ControlProtocol.READY -> Reply.ok(context.daemon()
                        .awaitRunning(context.config().time("daemon_start_timeout")).lines());
                case ControlProtocol.RELOAD -> Reply.ok(context.daemon().reload().summary());
                case ControlProtocol.FLUSH -> Reply.ok(context.daemon().flush());
                case ControlProtocol.STOP -> Reply.ok("stopping (" + stopMode(request).word() + ")");
                case ControlProtocol.WHO -> Reply.ok(context.daemon().sessions().stream()
                        .map(ControlProtocol::sessionLine).toList());
                case ControlProtocol.KICK -> kick(request);
                default -> Reply.error("unknown request '" + request + "': expected status, ready, reload, flush,"
                        + " stop [graceful|quick], who or kick USER");
            };
        } catch (ConfigException | DaemonException | IllegalArgumentException e) {
            return Reply.error(DaemonLog.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("interrupted: the daemon is stopping");
        }
    }

    /** {@code kick USER}: the rest of the line is the user, as written. */
    private Reply kick(String request) {
        String user = request.substring(ControlProtocol.KICK.length()).strip();
        if (user.isEmpty()) {
            return Reply.error("kick: expected the user whose sessions to end (kick joe@example.com)");
        }
        int kicked = context.daemon().kick(user);
        context.log().info("kicked " + kicked + " IMAP session" + (kicked == 1 ? "" : "s") + " of " + user);
        return Reply.ok("kicked " + kicked + " IMAP session" + (kicked == 1 ? "" : "s") + " of " + user);
    }

    private static StopMode stopMode(String request) {
        List<String> words = InstanceConfig.words(request);
        return words.size() < 2 ? StopMode.GRACEFUL : StopMode.of(words.get(1));
    }

    @Override
    public void stop(StopMode mode) throws IOException, InterruptedException {
        stopping = true;
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(socket);
        if (workers != null) {
            workers.shutdown();
            workers.awaitTermination(mode == StopMode.GRACEFUL ? 1000 : 0, TimeUnit.MILLISECONDS);
        }
    }
}
