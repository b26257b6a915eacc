/**
 * The IMAP service as an instance runs it: main.cf's {@code imap_*} parameters (with
 * {@code message_size_limit}, {@code daemon_heap_limit}, {@code recipient_delimiter},
 * {@code default_domain}) turned into the typed settings of {@code store-imap}'s
 * {@code ImapServer}: listen entries ({@code unix:}, {@code inet:}, {@code imaps:}), the TLS
 * key and certificate, the login policy; and one log line per login and logout
 * ({@code MailLog}).
 *
 * <p>Owns how main.cf reads for IMAP and what {@code storectl check} says about it; the
 * protocol is {@code store-imap}'s, the service row and its life cycle are the daemon's
 * ({@code ImapService}). Must not speak IMAP or bind sockets itself.
 */
package org.storemulti.imapd;
