package org.storemulti.config;

import static org.storemulti.config.ParameterType.BOOLEAN;
import static org.storemulti.config.ParameterType.CHARACTERS;
import static org.storemulti.config.ParameterType.ENDPOINTS;
import static org.storemulti.config.ParameterType.IMAP_ENDPOINTS;
import static org.storemulti.config.ParameterType.INTEGER;
import static org.storemulti.config.ParameterType.LIST;
import static org.storemulti.config.ParameterType.MODE;
import static org.storemulti.config.ParameterType.PATH;
import static org.storemulti.config.ParameterType.STRING;
import static org.storemulti.config.ParameterType.TIME;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every parameter storemulti knows, with its default: the single source of defaults for
 * {@code storeconf -d}, validation, the daemon and the documentation (as Postfix's
 * {@code mail_params.h} is for Postfix). Add a parameter here and everything sees it.
 */
public final class ParameterRegistry {

    /** The primary instance's configuration directory when none is given. */
    public static final String DEFAULT_CONFIG_DIRECTORY = "/etc/store";

    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;
    private static final long YEAR = 365 * DAY;

    private static final Map<String, Parameter> BY_NAME = new LinkedHashMap<>();

    static {
        // locations
        add("config_directory", DEFAULT_CONFIG_DIRECTORY, PATH, "Directory holding this instance's main.cf");
        add("queue_directory", "/var/spool/store", PATH, "Root of this instance's queue, pid file and sockets");
        add("data_directory", "/var/lib/store", PATH, "Root of this instance's store database and message files");
        add("command_directory", "/usr/sbin", PATH, "Where the storemulti, storectl, storeconf and storeadm commands live");
        add("daemon_directory", "/usr/libexec/store", PATH, "Where programs run by the commands live");
        add("mail_owner", "", STRING, "User that owns this instance's queue and data directories and runs its daemon (root starts it through setpriv); empty: whoever runs storectl. storemulti -e create copies the primary's");
        add("meta_directory", "/usr/share/storemulti", PATH, "Where main.cf.proto and the systemd unit templates live");
        // multi-instance support (primary: the list; every instance: its own identity)
        add("multi_instance_directories", "", LIST, "Configuration directories of the secondary instances, in start order (primary only)");
        add("multi_instance_name", "", STRING, "This instance's name: empty or starting with store-");
        add("multi_instance_group", "", STRING, "This instance's group, for selecting instances with storemulti -g");
        add("multi_instance_enable", "no", BOOLEAN, "Whether storemulti starts this instance");
        add("multi_instance_wrapper", "", STRING, "Command that storectl runs for the whole set when multi-instance support is on (primary only)");
        add("syslog_name", "${multi_instance_name?{$multi_instance_name}:{store}}", STRING, "Tag of this instance's log lines");
        add("storemulti_start_commands", "start start-fg", LIST, "storectl commands that start instances: disabled instances get check instead");
        add("storemulti_stop_commands", "stop abort quick-stop", LIST, "storectl commands that stop instances: reverse order, disabled instances skipped");
        add("storemulti_control_commands", "reload flush", LIST, "storectl commands for running instances only: disabled instances skipped");
        add("storemulti_transport_map", "", PATH, "The Postfix transport map storemulti --postfix-transport last wrote, rewritten by storemulti user-move (primary only); empty: none");
        add("storemulti_postmap_command", "postmap", STRING, "Command storemulti user-move runs with the transport map's path after rewriting it (primary only); empty: none, the operator runs postmap");
        add("storemulti_mta_reload_command", "postfix reload", STRING, "Command storemulti user-move runs after postmap so the MTA routes by the new map at once (Postfix's queue manager otherwise keeps its old route for a while; mail it sends to the source meanwhile is deferred there and retried); a failure is only a warning; empty: none (primary only)");
        // services
        add("lmtp_listen", "unix:$queue_directory/private/lmtp", ENDPOINTS, "Where the LMTP service listens: unix:PATH and inet:HOST:PORT entries");
        add("lmtp_socket_mode", "0660", MODE, "Mode of the LMTP service's UNIX sockets, as Postfix's private sockets: owner and group (mail_owner's group when mail_owner is set) may connect; the MTA that delivers must be in that group, or the socket's directory must let it in");
        add("imap_listen", "", IMAP_ENDPOINTS, "Where the IMAP service listens: unix:PATH, inet:HOST:PORT (plain IMAP, STARTTLS offered when imap_tls_cert_file is set) and imaps:HOST:PORT (TLS from the first octet, as port 993) entries; empty turns the service off");
        add("imap_socket_mode", "0660", MODE, "Mode of the IMAP service's UNIX sockets (mail_owner's group when mail_owner is set): their clients count as local, so they may send passwords without TLS and are not throttled by address");
        add("imap_tls_cert_file", "", PATH, "PEM file with the IMAP service's certificate chain, server certificate first (STARTTLS and imaps: listeners); set with imap_tls_key_file. storectl reload reads both again for connections that start afterwards");
        add("imap_tls_key_file", "", PATH, "PEM file with the IMAP service's private key, unencrypted PKCS#8 (BEGIN PRIVATE KEY: RSA, EC or Ed25519); convert an old BEGIN RSA PRIVATE KEY file with openssl pkcs8 -topk8 -nocrypt");
        add("imap_plaintext_auth", "no", BOOLEAN, "Whether IMAP clients may send passwords (LOGIN, AUTHENTICATE PLAIN and LOGIN) over a connection without TLS from another host; clients on loopback addresses and UNIX sockets always may. With no, such clients are offered LOGINDISABLED and STARTTLS");
        add("imap_max_connections_per_address", "100", INTEGER, new Range(0, 100_000), "Most IMAP connections at once from one client IP address (0: no limit); UNIX-socket clients are not counted. One more is told BYE and closed");
        add("imap_max_connections_per_user", "20", INTEGER, new Range(0, 100_000), "Most logged-in IMAP sessions of one user at once (0: no limit); one more login is refused with NO [LIMIT]");
        add("imap_auth_failure_delay", "2s", TIME, new Range(0, 60), "After a failed IMAP login, how long the next attempt for the same login name, and from the same client address, waits before its password is checked; doubles with each further failure up to imap_auth_failure_max_delay, and is forgotten after a successful login or 10 minutes without a failure (0: no waits). Waiting attempts are checked one at a time and hold no thread. Clients on loopback and UNIX sockets are throttled by name only");
        add("imap_auth_failure_max_delay", "15s", TIME, new Range(0, HOUR), "The longest wait imap_auth_failure_delay grows to");
        add("myhostname", "", STRING, "The host name services announce (LMTP greeting); empty: the system's host name");
        add("lmtp_session_limit", "100", INTEGER, new Range(1, 10_000), "Most concurrent LMTP sessions. When all are taken, the session that has waited longest for its next command is told 421 and closed to admit the new client; only when every session is busy is the new client refused with 421");
        add("lmtp_client_session_limit", "50", INTEGER, new Range(0, 10_000), "Most concurrent LMTP sessions from one client IP address, as Postfix's smtpd_client_connection_count_limit (0: no limit); clients of a unix: endpoint are not counted");
        add("lmtp_timeout", "300s", TIME, new Range(1, DAY), "Deadline for each command line, each line of message text and each reply, counted from the end of the one before, as Postfix's smtpd_timeout with smtpd_per_record_deadline = yes: a client that trickles bytes, or stops reading replies, is cut off as one that sends nothing (store work has no deadline)");
        add("lmtp_data_timeout", "600s", TIME, new Range(1, DAY), "Longest time from DATA's 354 reply to the final dot, whatever the pace (Postfix's LMTP client waits lmtp_data_done_timeout = 600s for its replies)");
        add("daemon_heap_limit", "64", INTEGER, new Range(16, 1_048_576), "Maximum Java heap of the instance daemon, in MiB; IMAP clients may fill a quarter of it with commands and literals still arriving (beyond, long lines are refused and large APPENDs spooled to disk)");
        add("daemon_start_timeout", "30s", TIME, new Range(1, HOUR), "How long storectl start waits for the daemon to report ready");
        add("daemon_stop_timeout", "10s", TIME, new Range(0, HOUR), "How long storectl stop waits for in-flight work before giving up");
        add("daemon_log_file", "$queue_directory/pid/daemon.log", PATH, "Where a daemon started by storectl start writes its log, each line with the local time; storectl reload reopens it (for logrotate). start-fg logs to stderr, with <N> priorities under the journal");
        add("daemon_java_options", "", STRING, "Extra JVM options for the instance daemon, appended to the built-in ones");
        add("daemon_restart_delay", "1s", TIME, new Range(0, 60), "First wait before a failed daemon service is restarted; doubles with each failure in a row, up to 60s");
        // store
        add("default_domain", "localhost", STRING, "Domain for unqualified user and alias names");
        add("admin_domain", "$default_domain", STRING, "The administrative domain that site administrators belong to");
        add("admin_append_domain_auth", "no", BOOLEAN, "Append the current domain to unqualified auth ids in storeadm (M-Store's admin-append-domain-auth)");
        add("recipient_delimiter", "+", CHARACTERS, "Characters that separate a user name from a detail in a recipient's local part: joe+work@ is user joe, delivered to its folder work when that exists and takes posts, else to its INBOX. A local part that names a user as a whole goes to that user; user names are matched without regard to ASCII case. A new user name containing a delimiter is refused. Empty: no details. The default is Dovecot's (Postfix's own default is empty)");
        add("message_size_limit", "10240000", INTEGER, new Range(0, 2_000_000_000), "Largest message accepted, in bytes, over LMTP and by IMAP APPEND (0: no limit; at most 2000000000, as a message is held in memory whole)");
        add("quota_full_temporary", "no", BOOLEAN, "Reject mail to a full mailbox with 452 (retry) instead of 552");
        add("store_database", "sqlite:$data_directory/store.db", STRING, "The store's metadata database");
        add("checkpoint_interval", "5m", TIME, new Range(1, DAY), "How often the checkpointer folds the database log into the database");
        add("sweep_interval", "5m", TIME, new Range(1, DAY), "How often the daemon removes crash leftovers among the message files (temp files, and files no index row references, once older than a minute and than every write in flight); it also sweeps at start-up, so db verify stays clean after a crash and a restart");
        add("queue_run_delay", "300s", TIME, new Range(1, DAY), "How often the queue manager retries deferred mail");
        add("maximal_queue_lifetime", "5d", TIME, new Range(0, YEAR), "How long deferred mail is retried before it is given up (moved to corrupt/, never deleted)");
        add("maximal_backoff_time", "4000s", TIME, new Range(1, DAY), "Longest wait between two delivery attempts of deferred mail (the back-off doubles from queue_run_delay up to this)");
        add("queue_poll_interval", "1s", TIME, new Range(1, HOUR), "How often the pickup and queue manager services look for new mail");
        add("queue_stale_temp_time", "1h", TIME, new Range(1, YEAR), "Age after which queue verify --repair removes an abandoned temp file");
    }

    private ParameterRegistry() {
    }

    private static void add(String name, String defaultValue, ParameterType type, String description) {
        add(name, defaultValue, type, null, description);
    }

    private static void add(String name, String defaultValue, ParameterType type, Range range, String description) {
        BY_NAME.put(name, new Parameter(name, defaultValue, type, range, description));
    }

    /** The parameter called {@code name}, if storemulti knows it. */
    public static Optional<Parameter> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every known parameter, in registry order. */
    public static Collection<Parameter> all() {
        return List.copyOf(BY_NAME.values());
    }
}
