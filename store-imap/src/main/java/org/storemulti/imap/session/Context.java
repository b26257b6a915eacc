package org.storemulti.imap.session;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.storemulti.imap.ImapBackend;
import org.storemulti.imap.ImapSettings;
import org.storemulti.imap.mailbox.MailboxAccess;
import org.storemulti.imap.mailbox.StoreMailbox;
import org.storemulti.imap.mailbox.UserMailboxes;
import org.storemulti.imap.net.Wire;
import org.storemulti.imap.response.ResponseWriter;
import org.storemulti.imap.response.Status;
import org.storemulti.store.Store;
import org.storemulti.store.message.MailboxHandle;

/**
 * What a {@link Handler} works with while it runs one command: the tag to answer, the
 * response writer, the session's state and user, the settings and the backend.
 */
final class Context {

    private final ImapSession session;
    private final String tag;
    private final String name;

    Context(ImapSession session, String tag, String name) {
        this.session = session;
        this.tag = tag;
        this.name = name;
    }

    String tag() {
        return tag;
    }

    /** The command's wire name, as responses name it ({@code UID FETCH}). */
    String name() {
        return name;
    }

    ResponseWriter out() {
        return session.out();
    }

    void ok(String text) throws IOException {
        ok(null, text);
    }

    void ok(String code, String text) throws IOException {
        session.beforeTagged(name);
        out().status(tag, Status.OK, code, text);
    }

    void no(String code, String text) throws IOException {
        session.beforeTagged(name);
        out().status(tag, Status.NO, code, text);
    }

    void bad(String text) throws IOException {
        out().status(tag, Status.BAD, null, text);
    }

    SessionState state() {
        return session.state();
    }

    /** The store user this session logged in as; null before login. */
    String user() {
        return session.user();
    }

    /** Login succeeded ({@code method}: LOGIN or the SASL mechanism): the session is authenticated as {@code user}. */
    void loggedIn(String user, String method) {
        session.loggedIn(user, method);
    }

    /** What all sessions of this server share (login checks, the per-user count). */
    Sessions sessions() {
        return session.sessions();
    }

    /** The client's IP address; null for a client on this host (loopback, UNIX socket). */
    java.net.InetAddress remoteInternetAddress() {
        return session.remoteInternetAddress();
    }

    /**
     * This command is answered later, from another thread: the session reads no further
     * input until {@code task} has run in the connection's order and answered it.
     */
    void await() {
        session.await();
    }

    /** Runs {@code task} in the connection's order, then lets the input that waited go on. */
    void resumeWith(IoTask task) {
        session.wire().execute(() -> {
            try {
                task.run();
            } catch (IOException e) {
                session.log("imap " + session.wire().remoteAddress() + ": " + e.getMessage());
                session.wire().close();
                return;
            }
            session.resume();
        });
    }

    /** A step that writes to the client. */
    interface IoTask {
        void run() throws IOException;
    }

    /** LOGOUT: the session ends once this command's responses are out. */
    void loggingOut() {
        session.loggingOut();
    }

    ImapSettings settings() {
        return session.settings();
    }

    ImapBackend backend() {
        return session.backend();
    }

    /** The open store (the engine's API). */
    Store store() {
        return session.backend().store();
    }

    /** The logged-in user's mailbox names and the way to their rights ({@code MailboxAccess.of}). */
    UserMailboxes mailboxes() {
        return session.mailboxes();
    }

    /** The selected mailbox, or null in the authenticated state. */
    SelectedMailbox selected() {
        return session.selected();
    }

    /** SELECT/EXAMINE: the session is now in the selected state with this mailbox. */
    SelectedMailbox select(MailboxHandle handle, StoreMailbox mailbox, MailboxAccess access, boolean readOnly) {
        return session.select(handle, mailbox, access, readOnly);
    }

    /** UNSELECT, CLOSE: back to the authenticated state. */
    void deselect() {
        session.deselect();
    }

    /** Whether CONDSTORE is on for this session (FETCH responses carry MODSEQ). */
    boolean condstore() {
        return session.condstore();
    }

    /** Whether QRESYNC is enabled (UID in FETCH responses, VANISHED for EXPUNGE). */
    boolean qresync() {
        return session.qresync();
    }

    /** A command that uses CONDSTORE turns it on for the session (RFC 7162 3.1). */
    void condstoreUsed() {
        session.enabled().add("CONDSTORE");
    }

    /**
     * Tells the client what changed in the selected mailbox before the command works on the
     * view (FETCH, STORE, SEARCH: without expunges; RFC 3501 7.4.1).
     */
    void catchUp() throws IOException {
        session.beforeTagged(name);
    }

    /** IDLE began or ended: while it runs, the selected mailbox's changes go out as they happen. */
    void idling(boolean on) throws IOException {
        session.idling(on);
    }

    Wire wire() {
        return session.wire();
    }

    /** The capabilities as they stand now for this connection and state. */
    List<String> capabilities() {
        return session.capabilities();
    }

    /** Whether password logins are allowed on this connection (TLS, local, or allowed by the settings). */
    boolean plaintextAllowed() {
        return session.plaintextAllowed();
    }

    /** Extensions the client has enabled (RFC 5161). */
    Set<String> enabled() {
        return session.enabled();
    }

    /** Hands the client's next lines to {@code exchange} until it calls {@link #endExchange()}. */
    void beginExchange(Exchange exchange) {
        session.beginExchange(exchange);
    }

    void endExchange() {
        session.endExchange();
    }

    /** Switches to TLS after this command's response (already flushed); the rest of the input is dropped. */
    void startTls() throws IOException {
        session.startTls();
    }

    void log(String line) {
        session.log(line);
    }
}
