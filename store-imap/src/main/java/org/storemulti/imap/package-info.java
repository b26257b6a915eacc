/**
 * The IMAP service as a library: what the runtime uses to run it. {@link
 * org.storemulti.imap.ImapServer} with its {@link org.storemulti.imap.ImapListener}s,
 * {@link org.storemulti.imap.ImapSettings} (typed; this module never reads main.cf),
 * {@link org.storemulti.imap.ImapBackend} (implemented over the engine by {@link
 * org.storemulti.imap.StoreBackend}), a {@link org.storemulti.imap.ConnectionGate} and
 * {@link org.storemulti.imap.TlsFiles} for the PEM key and certificate.
 *
 * <p>This is the only package other modules may use ({@code ExportRulesTest} checks it).
 * The packages below it use this package's value types and interfaces, never {@code
 * ImapServer}: {@code command} (what a client asked for), {@code parse} (octets to
 * commands), {@code response} (responses to octets), {@code net} (sockets, TLS,
 * threads), {@code session} (the state machine and the command handlers).
 */
package org.storemulti.imap;
