package org.storemulti.daemon;

import java.util.List;

import org.storemulti.imap.ImapSessionInfo;

/** A service whose users hold sessions an administrator lists and ends ({@code storectl who}, {@code kick}). */
interface UserSessions {

    /** The logged-in sessions, oldest first. */
    List<ImapSessionInfo> sessions();

    /** Ends every session of {@code user} ({@code joe@example.com}); how many. */
    int kick(String user);
}
