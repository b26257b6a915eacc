package org.storemulti.imap;

/**
 * What the server tells its host of sessions, one call per event (the runtime writes one
 * log line each). Called on the session's own thread: note and return, never block.
 */
public interface ImapEvents {

    /** Nothing to tell anyone. */
    ImapEvents NONE = new ImapEvents() {
        @Override
        public void loggedIn(ImapSessionInfo session, String method) {
            // no one listens
        }

        @Override
        public void loggedOut(ImapSessionInfo session, String reason) {
            // no one listens
        }
    };

    /** A login succeeded; {@code method}: {@code LOGIN} (the command, or SASL LOGIN) or {@code PLAIN} (SASL). */
    void loggedIn(ImapSessionInfo session, String method);

    /**
     * A logged-in session ended; {@code reason}: {@code LOGOUT}, {@code disconnected},
     * {@code autologout}, {@code kicked}, {@code shutdown} or what closed it.
     */
    void loggedOut(ImapSessionInfo session, String reason);
}
