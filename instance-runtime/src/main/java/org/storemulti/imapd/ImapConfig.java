package org.storemulti.imapd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.storemulti.cli.VersionProvider;
import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;
import org.storemulti.imap.ImapListener;
import org.storemulti.imap.ImapSettings;
import org.storemulti.imap.LoginPolicy;
import org.storemulti.imap.TlsFiles;
import org.storemulti.lmtp.Endpoint;

/**
 * What an instance's main.cf says about its IMAP service, read and checked in one place:
 * the daemon starts and reloads from it, {@code storectl check} reports its problems.
 *
 * @param listen        the {@code imap_listen} entries as written
 * @param listeners     where to listen; empty: the service is off
 * @param settings      the server's settings (TLS context loaded from the PEM files)
 * @param logins        the login policy (throttle, per-user limit)
 * @param perAddress    {@code imap_max_connections_per_address} (0: no limit)
 */
public record ImapConfig(List<String> listen, List<ImapListener> listeners, ImapSettings settings, LoginPolicy logins,
        int perAddress) {

    /** Commands longer than this are refused, literals outside APPEND too (RFC 7162 asks for at least 8 KiB). */
    static final int LINE_LIMIT = 65536;
    /** Literals of one command together held in memory. */
    static final long COMMAND_MEMORY = 1 << 20;

    /**
     * Reads {@code config}; {@code spool} is where large APPENDs wait while they arrive.
     *
     * @throws ConfigException naming main.cf's line and the fix, for an entry that does not
     *     parse, TLS files that cannot be used, or an {@code imaps:} entry without them
     */
    public static ImapConfig of(InstanceConfig config, Path spool) {
        List<String> listen = config.list("imap_listen");
        List<ImapListener> listeners = listeners(config);
        ImapSettings settings = ImapSettings.defaults(VersionProvider.version(), spool)
                .withLimits(LINE_LIMIT, LINE_LIMIT, COMMAND_MEMORY, config.number("message_size_limit"))
                .withPlaintextAuth(config.bool("imap_plaintext_auth"))
                .withInputMemory(inputMemory(config));
        SSLContext tls = requireTls(config, listeners, tls(config));
        if (tls != null) {
            settings = settings.withTls(tls);
        }
        Duration delay = config.time("imap_auth_failure_delay");
        Duration max = config.time("imap_auth_failure_max_delay");
        LoginPolicy logins = LoginPolicy.defaults()
                .withFailureDelay(delay, max.compareTo(delay) < 0 ? delay : max)
                .withMaxSessionsPerUser(config.intNumber("imap_max_connections_per_user"));
        return new ImapConfig(listen, listeners, settings, logins, config.intNumber("imap_max_connections_per_address"));
    }

    /** Whether the service listens anywhere. */
    public boolean on() {
        return !listeners.isEmpty();
    }

    /**
     * What is wrong with {@code imap_listen} and the TLS files, each as {@code main.cf:LINE: ...},
     * the way the daemon would refuse them at start: {@code storectl check} prints these
     * (type and range problems of the other parameters are main.cf's own checks).
     */
    public static List<String> problems(InstanceConfig config) {
        List<String> problems = new ArrayList<>();
        List<ImapListener> listeners = List.of();
        try {
            listeners = listeners(config);
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
        try {
            requireTls(config, listeners, tls(config));
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** {@code imap_listen}: {@code unix:PATH}, {@code inet:HOST:PORT} (plain) and {@code imaps:HOST:PORT} (TLS). */
    static List<ImapListener> listeners(InstanceConfig config) {
        List<ImapListener> listeners = new ArrayList<>();
        for (String entry : config.list("imap_listen")) {
            try {
                listeners.add(listener(entry));
            } catch (ConfigException e) {
                throw new ConfigException(config.where("imap_listen") + ": " + e.getMessage());
            }
        }
        return List.copyOf(listeners);
    }

    private static ImapListener listener(String entry) {
        if (entry.startsWith("imaps:")) {
            String inet = "inet:" + entry.substring("imaps:".length());
            try {
                return ImapListener.tls(Endpoint.parse("imap_listen", inet).address());
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage().replace(inet, entry).replace("inet:HOST:PORT", "imaps:HOST:PORT"));
            }
        }
        if (entry.startsWith("unix:") || entry.startsWith("inet:")) {
            return ImapListener.plain(Endpoint.parse("imap_listen", entry).address());
        }
        throw new ConfigException("imap_listen: " + entry + ": expected unix:/path, inet:host:port or imaps:host:port");
    }

    /** {@code tls}, which an {@code imaps:} entry needs. */
    private static SSLContext requireTls(InstanceConfig config, List<ImapListener> listeners, SSLContext tls) {
        if (tls == null && listeners.stream().anyMatch(ImapListener::implicitTls)) {
            throw new ConfigException(config.where("imap_listen") + ": imap_listen: an imaps: entry needs"
                    + " imap_tls_cert_file and imap_tls_key_file: set them, or listen with inet: instead");
        }
        return tls;
    }

    /** The TLS context of the two PEM files, or null when neither is set. */
    private static SSLContext tls(InstanceConfig config) {
        String cert = config.get("imap_tls_cert_file").strip();
        String key = config.get("imap_tls_key_file").strip();
        if (cert.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (cert.isEmpty() || key.isEmpty()) {
            String missing = cert.isEmpty() ? "imap_tls_cert_file" : "imap_tls_key_file";
            String set = cert.isEmpty() ? "imap_tls_key_file" : "imap_tls_cert_file";
            throw new ConfigException(config.where(set) + ": " + set + " is set but " + missing
                    + " is not: set both (the key and its certificate chain) or neither");
        }
        try {
            return TlsFiles.load(Path.of(key), Path.of(cert));
        } catch (TlsFiles.InvalidException e) {
            String file = e.getMessage().startsWith(key) ? "imap_tls_key_file" : "imap_tls_cert_file";
            throw new ConfigException(config.where(file) + ": " + file + ": " + e.getMessage(), e);
        }
    }

    /** A quarter of the heap {@code daemon_heap_limit} gives, and never more than a quarter of this JVM's. */
    private static long inputMemory(InstanceConfig config) {
        long configured = config.number("daemon_heap_limit") * 1024 * 1024 / 4;
        return Math.min(configured, Runtime.getRuntime().maxMemory() / 4);
    }
}
