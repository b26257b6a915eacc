package org.storemulti.imap.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import org.storemulti.imap.ImapBackend;
import org.storemulti.imap.ImapEvents;
import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.imap.ImapSettings;
import org.storemulti.imap.LoginPolicy;
import org.storemulti.imap.net.Protocol;
import org.storemulti.imap.net.Wire;
import org.storemulti.imap.parse.InputMemory;
import org.storemulti.store.name.UserName;

/**
 * What the sessions of one server share: the settings and login policy (a reload swaps
 * them for sessions that start afterwards), the backend, the command table, the input
 * memory, the password checks with their throttle, the watch on the store's changes for
 * selected mailboxes, and the register of live sessions
 * that listing, kicking and the per-user limit read. Makes the session of each new
 * connection.
 */
public final class Sessions implements Function<Wire, Protocol>, AutoCloseable {

    private final ImapBackend backend;
    private final ImapEvents events;
    private final Consumer<String> log;
    private final Clock clock;
    private final CommandTable table = CommandTable.standard();
    private final InputMemory memory;
    private final Logins logins;
    private final MailboxUpdates updates;
    private final RenderedItems rendered = new RenderedItems(RenderedItems.MAX_BYTES);
    private final Set<ImapSession> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Integer> perUser = new ConcurrentHashMap<>();
    private volatile ImapSettings settings;
    private volatile LoginPolicy policy;

    public Sessions(ImapSettings settings, LoginPolicy policy, ImapBackend backend, ImapEvents events,
            Consumer<String> log, Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.backend = backend;
        this.events = events;
        this.log = log;
        this.clock = clock;
        this.memory = new InputMemory(settings.inputMemory());
        this.logins = new Logins(backend, new LoginThrottle(policy, System::nanoTime), log);
        this.updates = new MailboxUpdates(backend.store().changes(), log);
    }

    /** The session of a new connection, with the settings in force now. */
    @Override
    public Protocol apply(Wire wire) {
        ImapSession session = new ImapSession(wire, this, settings, newId());
        live.add(session);
        return session;
    }

    /** Sessions that start from now on use these; running ones keep theirs. */
    public void reconfigure(ImapSettings nextSettings, LoginPolicy nextPolicy) {
        settings = nextSettings;
        policy = nextPolicy;
        logins.throttle().reconfigure(nextPolicy);
    }

    /** The logged-in sessions, oldest first. */
    public List<ImapSessionInfo> list() {
        List<ImapSessionInfo> all = new ArrayList<>();
        for (ImapSession session : live) {
            ImapSessionInfo info = session.info();
            if (info != null) {
                all.add(info);
            }
        }
        all.sort(Comparator.comparing(ImapSessionInfo::since).thenComparing(ImapSessionInfo::id));
        return all;
    }

    /**
     * Ends every session of {@code user} ({@code joe@example.com}, ASCII case ignored in
     * the name, any case in the domain) with a BYE after its current command; how many.
     */
    public int kick(String user) {
        String key = userKey(user);
        int kicked = 0;
        for (ImapSession session : live) {
            String loggedIn = session.user();
            if (loggedIn != null && userKey(loggedIn).equals(key)) {
                session.kick();
                kicked++;
            }
        }
        return kicked;
    }

    /** Stops the password checks. */
    @Override
    public void close() {
        logins.close();
    }

    // ---- for sessions ----

    CommandTable table() {
        return table;
    }

    InputMemory memory() {
        return memory;
    }

    ImapBackend backend() {
        return backend;
    }

    ImapEvents events() {
        return events;
    }

    Logins logins() {
        return logins;
    }

    /** The selected mailboxes' watch on the store's changes, one for the server. */
    MailboxUpdates updates() {
        return updates;
    }

    /** ENVELOPE, BODY and BODYSTRUCTURE as rendered before, for every session. */
    RenderedItems rendered() {
        return rendered;
    }

    Clock clock() {
        return clock;
    }

    void log(String line) {
        log.accept(line);
    }

    /**
     * Counts a session of {@code user} against the per-user limit; false (nothing counted)
     * when the user already has as many as the policy allows.
     */
    boolean admitUser(String user) {
        int limit = policy.maxSessionsPerUser();
        boolean[] admitted = new boolean[1];
        perUser.compute(userKey(user), (key, count) -> {
            int n = count == null ? 0 : count;
            admitted[0] = limit == 0 || n < limit;
            return admitted[0] ? n + 1 : count;
        });
        return admitted[0];
    }

    /** The per-user limit in force, for the refusal's text. */
    int maxSessionsPerUser() {
        return policy.maxSessionsPerUser();
    }

    /** A session ended; {@code user} (null if it never logged in) stops counting. */
    void ended(ImapSession session, String user) {
        live.remove(session);
        if (user != null) {
            perUser.computeIfPresent(userKey(user), (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** {@code Joe@Example.COM} and {@code joe@example.com} are one user. */
    private static String userKey(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 ? UserName.folded(user)
                : UserName.folded(user.substring(0, at)) + "@" + user.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Twelve hex digits, as the LMTP service's session IDs. */
    private static String newId() {
        long bits = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        // not String.format: its first use costs a starting daemon milliseconds of CPU
        return Long.toHexString(bits | 1L << 48).substring(1).toUpperCase(java.util.Locale.ROOT);
    }
}
