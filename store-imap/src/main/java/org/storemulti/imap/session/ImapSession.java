package org.storemulti.imap.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.storemulti.imap.ImapBackend;
import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.imap.ImapSettings;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.mailbox.UserMailboxes;
import org.storemulti.imap.net.Protocol;
import org.storemulti.imap.net.Wire;
import org.storemulti.imap.parse.CommandFramer;
import org.storemulti.imap.parse.CommandParser;
import org.storemulti.imap.parse.FramedCommand;
import org.storemulti.imap.parse.InputMemory;
import org.storemulti.imap.parse.LiteralSink;
import org.storemulti.imap.parse.ParseException;
import org.storemulti.imap.parse.ParsedCommand;
import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.imap.response.Status;
import org.storemulti.store.error.StorageException;
import org.storemulti.store.message.MailboxHandle;

/**
 * One IMAP conversation, read top to bottom: greeting; then for each event the framer
 * finds in the input, a literal decision, a command (parse → state check → handler) or a
 * line for the running {@link Exchange}; after all input that arrived together, one flush.
 * Responses to pipelined commands thus leave in one write.
 */
final class ImapSession implements Protocol {

    private final Wire wire;
    private final Sessions sessions;
    private final String id;
    private final ImapSettings settings;
    private final ImapBackend backend;
    private final CommandTable table;
    private final Consumer<String> log;
    private final ResponseWriter out;
    private final CommandFramer framer;
    private final CommandParser parser;
    private final InputMemory memory;
    private final Set<String> enabled = new HashSet<>();
    private volatile SessionState state = SessionState.NOT_AUTHENTICATED;
    private volatile String user;
    private UserMailboxes mailboxes;
    private Exchange exchange;
    private boolean dropInput;
    private final MailboxUpdates updates;
    private SelectedMailbox selected;
    private volatile boolean idling;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    /** A command goes on off this connection's thread (a password check): input waits. */
    private volatile boolean waiting;
    /** Input that arrived behind the waiting command, at most one read's worth. */
    private ByteBuffer stash;
    private volatile Instant loggedInAt;
    /** The selected mailbox as the client named it, for listings; empty when none. */
    private volatile String selectedName = "";
    private volatile String endReason = "disconnected";
    /** The tag of the command being run (also while it waits for its answer), or null. */
    private String running;

    ImapSession(Wire wire, Sessions sessions, ImapSettings settings, String id) {
        this.wire = wire;
        this.sessions = sessions;
        this.id = id;
        this.updates = sessions.updates();
        this.memory = sessions.memory();
        this.settings = settings;
        this.backend = sessions.backend();
        this.table = sessions.table();
        this.log = sessions::log;
        this.out = new ResponseWriter(wire);
        // a refused non-synchronizing literal up to twice the APPEND limit is read and dropped
        // (the client can go on); a larger one closes the connection instead
        long discard = settings.appendLimit() == 0 ? Long.MAX_VALUE
                : Math.max(2 * settings.appendLimit(), 1 << 20);
        this.framer = new CommandFramer(settings.lineLimit(), discard, memory);
        this.parser = new CommandParser(settings.literalLimit());
    }

    // ---- Protocol ----

    @Override
    public void opened() throws IOException {
        out.status(null, Status.OK, "CAPABILITY " + String.join(" ", capabilities()), "storemulti IMAP ready");
        out.flush();
    }

    @Override
    public void refused(String reason) throws IOException {
        out.status(null, Status.BYE, "UNAVAILABLE", reason);
        out.flush();
    }

    @Override
    public void received(ByteBuffer data) throws IOException {
        process(data);
        out.flush();
        if (state == SessionState.LOGOUT) {
            wire.close();
        }
    }

    private void process(ByteBuffer data) throws IOException {
        try {
            CommandFramer.Event event;
            while (state != SessionState.LOGOUT && !dropInput && !waiting && (event = framer.next(data)) != null) {
                event(event);
            }
        } finally {
            if (state == SessionState.LOGOUT || dropInput) {
                data.position(data.limit()); // after LOGOUT, or plaintext sent behind STARTTLS: never read
                dropInput = false;
            } else if (waiting && data.hasRemaining()) {
                stash = ByteBuffer.allocate(data.remaining()).put(data).flip();
            }
        }
    }

    @Override
    public boolean paused() {
        return waiting;
    }

    /** The command that made the session wait is answered: the input that waited goes on. */
    void resume() {
        waiting = false;
        running = null;
        try {
            ByteBuffer pending = stash;
            stash = null;
            if (pending != null) {
                process(pending);
            }
            out.flush();
        } catch (IOException e) {
            log.accept("imap " + wire.remoteAddress() + ": " + e.getMessage());
            wire.close();
            return;
        }
        if (state == SessionState.LOGOUT) {
            wire.close();
        } else if (!waiting) {
            wire.resume();
        }
    }

    private void event(CommandFramer.Event event) throws IOException {
        if (event instanceof CommandFramer.Framed framed) {
            command(framed.command());
        } else if (event instanceof CommandFramer.RawLine raw) {
            exchange.line(raw.line());
        } else if (event instanceof CommandFramer.LiteralRequest request) {
            literal(request);
        } else if (event instanceof CommandFramer.Overflow overflow) {
            overflow(overflow);
        } else if (event instanceof CommandFramer.Abandon abandon) {
            closeForLiteral(abandon.size());
        }
    }

    /** A refused literal too large to read and drop: goodbye (the connection closes after this input). */
    private void closeForLiteral(long size) throws IOException {
        out.status(null, Status.BYE, "TOOBIG", "a literal of " + size + " octets was refused; closing");
        endReason = "literal too big";
        state = SessionState.LOGOUT;
    }

    @Override
    public Duration idleTimeout() {
        return state == SessionState.NOT_AUTHENTICATED ? settings.loginTimeout() : settings.autologout();
    }

    @Override
    public void timedOut() throws IOException {
        endReason = "autologout";
        out.status(null, Status.BYE, null, "Autologout; idle for too long");
        out.flush();
    }

    @Override
    public void shuttingDown() throws IOException {
        endReason = "shutdown";
        out.status(null, Status.BYE, "UNAVAILABLE", "Server shutting down");
        out.flush();
    }

    @Override
    public void failed() throws IOException {
        endReason = "internal error";
        state = SessionState.LOGOUT;
        out.abandon();
        out.status(null, Status.BYE, "SERVERBUG", "internal error; closing the connection");
        if (running != null) {
            out.status(running, Status.BAD, "SERVERBUG", "the command failed inside the server");
        }
        out.flush();
    }

    @Override
    public void closed() {
        framer.close();
        deselect();
        ImapSessionInfo info = info();
        if (info != null) {
            sessions.events().loggedOut(info, endReason); // before the listing drops it: who shows no session unlogged
        }
        sessions.ended(this, user);
    }

    // ---- commands ----

    private void command(FramedCommand framed) throws IOException {
        try (framed) {
            ParsedCommand parsed;
            try {
                parsed = parser.parse(framed);
            } catch (ParseException e) {
                String tag = e.tag().orElse(null);
                out.status(tag, e.status() == ParseException.Status.NO ? Status.NO : Status.BAD, e.code().orElse(null),
                        e.getMessage());
                return;
            }
            run(parsed);
        }
    }

    @SuppressWarnings("unchecked")
    private void run(ParsedCommand parsed) throws IOException {
        CommandTable.Row row = table.row(parsed.name());
        String problem = stateProblem(row, parsed.name());
        if (problem != null) {
            out.status(parsed.tag(), Status.BAD, null, problem);
        } else {
            running = parsed.tag();
            try {
                ((Handler<org.storemulti.imap.command.Command>) row.handler()).handle(parsed.command(),
                        new Context(this, parsed.tag(), parsed.name()));
            } catch (SelectedMailbox.DeletedException e) {
                mailboxDeleted(e);
            } catch (StorageException e) {
                log.accept("imap: " + parsed.name() + " for " + user + ": " + e.getMessage());
                out.status(parsed.tag(), Status.NO, "UNAVAILABLE", "the store cannot answer now; try again later");
            }
            // not in a finally: after an unexpected failure failed() still names the command
            if (!waiting) {
                running = null; // else it is answered in resume's task
            }
        }
    }

    /** Why the command cannot run in this state, or null. */
    private String stateProblem(CommandTable.Row row, String name) {
        if (row == null) {
            return "unknown command " + name;
        }
        if (row.validIn(state)) {
            return null;
        }
        if (row.validIn(SessionState.NOT_AUTHENTICATED) && !row.validIn(SessionState.AUTHENTICATED)) {
            return name + " is only valid before login";
        }
        if (state == SessionState.NOT_AUTHENTICATED) {
            return name + " needs a login first (LOGIN or AUTHENTICATE)";
        }
        if (row.validIn(SessionState.SELECTED)) {
            return name + " needs a selected mailbox (SELECT or EXAMINE first)";
        }
        return name + " is not valid " + state.description();
    }

    /**
     * A literal announced: taken (with "+ Ready" when the client waits for it) if the
     * command may have it here and it is within its limit, else refused before the client
     * sends it (a non-synchronizing one is on its way: it is counted away unread).
     */
    private void literal(CommandFramer.LiteralRequest request) throws IOException {
        String refusal = literalProblem(request);
        if (refusal != null) {
            CommandTable.Row row = table.row(request.command());
            boolean tooBig = row != null && row.validIn(state);
            refuseLiteral(request, tooBig && request.synchronizing() ? Status.NO : Status.BAD, tooBig ? "TOOBIG" : null,
                    refusal);
            return;
        }
        Optional<LiteralSink> sink = request.size() <= settings.literalLimit()
                ? LiteralSink.inMemory((int) request.size(), memory) : Optional.empty();
        if (sink.isEmpty() && isAppend(table.row(request.command()))) {
            try {
                sink = Optional.of(LiteralSink.spool(settings.spoolDirectory()));
            } catch (IOException e) {
                log.accept("imap: cannot spool a literal in " + settings.spoolDirectory() + ": " + e.getMessage());
            }
        }
        if (sink.isEmpty()) {
            refuseLiteral(request, Status.NO, "UNAVAILABLE", "the server cannot take this literal now; try again later");
            return;
        }
        framer.acceptLiteral(sink.get());
        if (request.synchronizing()) {
            out.continuation("Ready for literal data");
        }
    }

    private static boolean isAppend(CommandTable.Row row) {
        return row.type() == org.storemulti.imap.command.Command.Append.class;
    }

    private void refuseLiteral(CommandFramer.LiteralRequest request, Status status, String code, String text)
            throws IOException {
        out.status(request.tag(), status, code, text);
        if (!framer.refuseLiteral()) {
            closeForLiteral(request.size());
        }
    }

    private String literalProblem(CommandFramer.LiteralRequest request) {
        if (request.tag() == null) {
            return "a command starts with a tag and a space";
        }
        CommandTable.Row row = table.row(request.command());
        String problem = stateProblem(row, request.command());
        if (problem != null) {
            return problem;
        }
        boolean message = isAppend(row);
        long limit = !message ? settings.literalLimit()
                : settings.appendLimit() == 0 ? Long.MAX_VALUE : settings.appendLimit();
        if (request.size() > limit) {
            return (message ? "a message of " : "a literal of ") + request.size() + " octets is larger than the limit of "
                    + limit;
        }
        if (request.size() <= settings.literalLimit()
                && request.memoryOctets() + request.size() > settings.commandMemory()) {
            return "the literals of one command may hold " + settings.commandMemory() + " octets together";
        }
        return null;
    }

    private void overflow(CommandFramer.Overflow overflow) throws IOException {
        if (exchange != null) {
            exchange.overflow();
            return;
        }
        out.status(overflow.tag(), Status.BAD, "TOOBIG", overflow.shortOfMemory()
                ? "the server cannot hold a command this long now; the rest is ignored"
                : "command line longer than " + settings.lineLimit() + " octets; the rest is ignored");
    }

    // ---- for the Context ----

    ResponseWriter out() {
        return out;
    }

    SessionState state() {
        return state;
    }

    String user() {
        return user;
    }

    String id() {
        return id;
    }

    void loggedIn(String user, String method) {
        this.user = user;
        loggedInAt = sessions.clock().instant();
        state = SessionState.AUTHENTICATED;
        sessions.events().loggedIn(info(), method);
    }

    // ---- the selected state ----

    /** The selected mailbox, or null. */
    SelectedMailbox selected() {
        return selected;
    }

    /** Opens {@code mailbox} as the selected one (SELECT, EXAMINE): watched for changes from now on. */
    SelectedMailbox select(MailboxHandle handle, StoreMailbox mailbox, MailboxAccess access, boolean readOnly) {
        deselect();
        selected = SelectedMailbox.open(handle, mailbox, access, readOnly, updates, this::wake);
        selectedName = mailbox.imapName().name();
        state = SessionState.SELECTED;
        return selected;
    }

    /** Leaves the selected state (UNSELECT, CLOSE, a failing SELECT, the connection closing). */
    void deselect() {
        if (selected != null) {
            selected.close();
            selected = null;
            selectedName = "";
        }
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    /** CONDSTORE is on (ENABLEd, or used by a command: RFC 7162 3.1): FETCH responses carry MODSEQ. */
    boolean condstore() {
        return enabled.contains("CONDSTORE") || enabled.contains("QRESYNC");
    }

    boolean qresync() {
        return enabled.contains("QRESYNC");
    }

    /**
     * Before a command's tagged OK or NO: what changed in the selected mailbox, if anything
     * did. EXPUNGE (or VANISHED) waits while the command is FETCH, STORE or SEARCH (RFC 3501
     * 7.4.1: their sequence numbers would shift under the client).
     */
    void beforeTagged(String command) throws IOException {
        if (selected == null || command.equals("LOGOUT")) {
            return;
        }
        boolean expungeAllowed = !NO_EXPUNGE.contains(command);
        if (selected.pending(expungeAllowed)) {
            selected.update(out, expungeAllowed, condstore(), qresync());
        }
    }

    private static final Set<String> NO_EXPUNGE = Set.of("FETCH", "STORE", "SEARCH");

    /** IDLE began ({@code true}) or ended: while idling, changes are written as they happen. */
    void idling(boolean on) throws IOException {
        idling = on;
        if (on && selected != null && selected.pending(true)) {
            selected.update(out, true, condstore(), qresync());
            out.flush();
        }
    }

    /** On the committing thread: the selected mailbox changed. An idling session looks at once. */
    private void wake() {
        if (idling && wakeScheduled.compareAndSet(false, true)) {
            wire.execute(this::idleUpdate);
        }
    }

    private void idleUpdate() {
        wakeScheduled.set(false);
        if (!idling || selected == null) {
            return;
        }
        try {
            selected.update(out, true, condstore(), qresync());
            out.flush();
        } catch (SelectedMailbox.DeletedException e) {
            try {
                mailboxDeleted(e);
                out.flush();
            } catch (IOException gone) {
                // closing anyway
            }
            wire.close();
        } catch (StorageException e) {
            log.accept("imap: updates for " + user + " while idling: " + e.getMessage());
        } catch (IOException e) {
            wire.close();
        }
    }

    private void mailboxDeleted(SelectedMailbox.DeletedException e) throws IOException {
        out.status(null, Status.BYE, null, e.getMessage());
        deselect();
        state = SessionState.LOGOUT;
    }

    /** The logged-in user's mailbox names, looked up once per login. */
    UserMailboxes mailboxes() {
        if (mailboxes == null || !mailboxes.loginId().equals(user)) {
            mailboxes = UserMailboxes.of(backend.store(), user);
        }
        return mailboxes;
    }

    void loggingOut() {
        endReason = "LOGOUT";
        state = SessionState.LOGOUT;
    }

    Sessions sessions() {
        return sessions;
    }

    /** Pauses input until {@link #resume()}: the current command is answered later, from another thread. */
    void await() {
        waiting = true;
    }

    /** The client's IP address, or null for a client on this host (loopback, UNIX socket). */
    InetAddress remoteInternetAddress() {
        return !wire.local() && wire.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** This session as listings show it; null before login. */
    ImapSessionInfo info() {
        String loggedIn = user;
        Instant at = loggedInAt;
        if (loggedIn == null || at == null) {
            return null;
        }
        String client = wire.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress()
                : "unix";
        return new ImapSessionInfo(id, loggedIn, client, at, selectedName);
    }

    /** The administrator ends this session: BYE after whatever runs now, then close. */
    void kick() {
        wire.execute(() -> {
            endReason = "kicked";
            try {
                out.status(null, Status.BYE, "UNAVAILABLE", "Disconnected by the administrator");
                out.flush();
            } catch (IOException e) {
                log.accept("imap " + wire.remoteAddress() + ": " + e.getMessage());
            }
            wire.close();
        });
    }

    ImapSettings settings() {
        return settings;
    }

    ImapBackend backend() {
        return backend;
    }

    Wire wire() {
        return wire;
    }

    Set<String> enabled() {
        return enabled;
    }

    boolean plaintextAllowed() {
        return wire.secure() || wire.local() || settings.plaintextAuth();
    }

    List<String> capabilities() {
        return Capabilities.of(table, wire.tlsAvailable(), plaintextAllowed(), state != SessionState.NOT_AUTHENTICATED);
    }

    void beginExchange(Exchange next) {
        exchange = next;
        framer.rawLines(true);
    }

    void endExchange() {
        exchange = null;
        framer.rawLines(false);
    }

    void startTls() throws IOException {
        out.flush();
        wire.startTls();
        dropInput = true;
    }

    void log(String line) {
        log.accept(line);
    }
}
