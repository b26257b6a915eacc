package org.storemulti.imap;

import java.time.Instant;

/**
 * One logged-in IMAP session, as {@code storectl who} lists it and the log names it.
 *
 * @param id      the session's ID, as its log lines start
 * @param user    the store user it logged in as ({@code joe@example.com})
 * @param client  the client's IP address, or {@code unix} for a UNIX socket
 * @param since   when it logged in
 * @param mailbox the selected mailbox as the client named it, empty when none is selected
 */
public record ImapSessionInfo(String id, String user, String client, Instant since, String mailbox) {
}
