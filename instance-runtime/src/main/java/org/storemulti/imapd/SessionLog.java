package org.storemulti.imapd;

import org.storemulti.imap.ImapEvents;
import org.storemulti.imap.ImapSessionInfo;
import org.storemulti.log.MailLog;

/**
 * One log line per IMAP login and logout, as Dovecot's imap-login and imap lines, through
 * {@link MailLog}: {@code 3F2A9C01B7D4: login: user=<joe@example.com>, client=192.0.2.7, method=PLAIN}.
 */
public final class SessionLog implements ImapEvents {

    private final MailLog log;

    public SessionLog(MailLog log) {
        this.log = log;
    }

    @Override
    public void loggedIn(ImapSessionInfo session, String method) {
        log.login(session.id(), session.user(), session.client(), method);
    }

    @Override
    public void loggedOut(ImapSessionInfo session, String reason) {
        log.logout(session.id(), session.user(), reason);
    }
}
