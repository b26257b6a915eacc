/**
 * The IMAP session: the state machine of RFC 3501 section 3 (not authenticated,
 * authenticated, selected, logout), which command is valid in which state, the literal
 * policy (a literal over its limit is refused before the client sends it), and every
 * command's handler: the connection's own (CAPABILITY, NOOP, LOGOUT, ID, ENABLE, STARTTLS,
 * LOGIN, AUTHENTICATE, IDLE), the mailbox commands over the store (CREATE, DELETE, RENAME,
 * SUBSCRIBE, LIST, LSUB, STATUS, NAMESPACE, APPEND, the ACL and QUOTA commands) and the
 * selected state's (SELECT, FETCH, STORE, SEARCH, EXPUNGE, COPY, MOVE, ...).
 *
 * <p><b>The seam for the mailbox commands.</b> {@link org.storemulti.imap.session.CommandTable}
 * lists every command the parser knows, with the states it is valid in, its
 * {@link org.storemulti.imap.session.Handler} and the capabilities that handler provides;
 * {@link org.storemulti.imap.session.Capabilities} advertises an extension only when every
 * command it needs is in the table and says it provides it, so CAPABILITY never promises
 * what is not there. A handler gets the parsed command and a
 * {@link org.storemulti.imap.session.Context}: the response writer, the tag, the session's
 * state and user, and the {@link org.storemulti.imap.ImapBackend}, through which the
 * handlers reach the store. Adding one is a row in the table and a class here.
 *
 * <p>What all sessions of a server share lives in {@link org.storemulti.imap.session.Sessions}:
 * the login checks, the change feed's watchers, and {@link
 * org.storemulti.imap.session.RenderedItems}, the FETCH items (ENVELOPE, BODYSTRUCTURE, header
 * lists) made once per message and copied after.
 *
 * <p>Owns what is said and when; must not parse octets (that is {@code parse}), format
 * tokens (that is {@code response}) or touch sockets (that is {@code net}).
 */
package org.storemulti.imap.session;
