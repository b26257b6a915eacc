package org.storemulti.log;

import java.util.Locale;

/**
 * The lines of mail traffic an operator greps for, written through a {@link DaemonLog}.
 *
 * <p>One line per recipient each time the store answers for it, as Postfix's delivery
 * agents write: the LMTP session or queue ID, the recipient, the mailbox it went to, the
 * message size, the enhanced status code and the status with its reason:
 *
 * <pre>
 * store-a/lmtp[812]: info: 3F2A9C01B7D4: to=&lt;joe@example.com&gt;, mailbox=user/joe/INBOX, size=1532, dsn=2.0.0, status=delivered (250 2.0.0 &lt;joe@example.com&gt; delivered, uid 7)
 * store-a/queue[812]: warning: 019AB3C4D5E6F0123456789ABCDE: to=&lt;ann@example.com&gt;, size=880, dsn=4.3.0, status=deferred (451 4.3.0 &lt;ann@example.com&gt;: temporary store failure; cause: ...)
 * </pre>
 *
 * A temporary failure (deferred) is a warning and always says its cause; the others are info.
 *
 * <p>The IMAP service logs sessions through {@link #login} and {@link #logout}, one line each.
 */
public final class MailLog {

    /** What became of one recipient. */
    public enum Status {
        /** Stored durably. */
        DELIVERED,
        /** Not stored now; the sender (LMTP client or queue manager) tries again later. */
        DEFERRED,
        /** Refused permanently; the queue keeps the message in {@code hold/}. */
        HELD,
        /** Refused permanently; the LMTP client was told. */
        REFUSED
    }

    /**
     * One recipient's outcome. {@code mailbox} is empty when the recipient was refused
     * before a mailbox was chosen, {@code size} negative before the message was read (at
     * RCPT); {@code reason} is the reply, with its cause when the reply does not say it.
     */
    public record Delivery(String id, String recipient, String mailbox, long size, String dsn, Status status,
            String reason) {

        /** The line's text after the level. */
        public String text() {
            StringBuilder line = new StringBuilder(160).append(id).append(": to=<").append(recipient).append('>');
            if (!mailbox.isEmpty()) {
                line.append(", mailbox=").append(mailbox);
            }
            if (size >= 0) {
                line.append(", size=").append(size);
            }
            return line.append(", dsn=").append(dsn).append(", status=")
                    .append(status.name().toLowerCase(Locale.ROOT)).append(" (").append(reason).append(')').toString();
        }
    }

    private final DaemonLog log;

    public MailLog(DaemonLog log) {
        this.log = log;
    }

    /** Logs one recipient's outcome: a warning when deferred, else info. */
    public void delivery(Delivery delivery) {
        log.log(delivery.status() == Status.DEFERRED ? DaemonLog.Level.WARNING : DaemonLog.Level.INFO, delivery.text());
    }

    /** An IMAP login: {@code SESSION: login: user=<joe@example.com>, client=192.0.2.7, method=PLAIN}. */
    public void login(String session, String user, String client, String method) {
        log.info(session + ": login: user=<" + user + ">, client=" + client + ", method=" + method);
    }

    /** The end of an IMAP session: {@code SESSION: logout: user=<joe@example.com>, reason=LOGOUT}. */
    public void logout(String session, String user, String reason) {
        log.info(session + ": logout: user=<" + user + ">, reason=" + reason);
    }
}
