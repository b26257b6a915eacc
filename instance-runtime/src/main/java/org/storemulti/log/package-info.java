/**
 * The one logging path of the daemon: every line in Postfix's shape
 * {@code syslog_name/service[pid]: level: text} ({@link org.storemulti.log.DaemonLog}), written
 * to one {@link org.storemulti.log.LogSink}: standard error, with {@code <N>} priority
 * prefixes when it is connected to the journal ({@link org.storemulti.log.JournalStream}), or
 * {@code daemon_log_file} with a timestamp on each line, reopened on {@code storectl reload}
 * ({@link org.storemulti.log.LogFile}). Libraries that log through {@code java.util.logging}
 * or {@code System.Logger} are routed into the same path, warnings and worse only
 * ({@link org.storemulti.log.LibraryLogs}). {@link org.storemulti.log.MailLog} writes the
 * lines an operator greps for: one per delivery (LMTP and the queue), and the IMAP
 * login/logout lines to come. The commands' own diagnostics ({@code storectl: fatal: ...})
 * reach the journal by the same rule and sink, at the level their tag names
 * ({@link org.storemulti.log.CommandStderr}).
 *
 * <p>Owns the line formats, the sinks, the journal detection and the levels of command lines.
 * Must not know services, protocols or the store: callers hand it finished facts.
 */
package org.storemulti.log;
