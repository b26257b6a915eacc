package org.storemulti.sync;

import org.storemulti.sync.SyncLog.Level;

/**
 * How the sync of one user went: what was done (counts), and whether it was perfect, left
 * something for the next run (a mailbox changed meanwhile: exit 2) or failed somewhere (exit 1).
 * Lines go to the run's log as they happen, prefixed with the user. Used by one thread.
 */
public final class UserReport {

    private final String user;
    private final SyncLog log;
    private boolean imperfect;
    private boolean failed;
    private long messagesCopied;
    private long bytesCopied;
    private long messagesRemoved;
    private long flagChanges;
    private long mailboxChanges;
    private long mailboxesSkipped;
    private long mailboxesSynced;

    public UserReport(String user, SyncLog log) {
        this.user = user;
        this.log = log;
    }

    public String user() {
        return user;
    }

    /** Something could not be done now; running again fixes it (exit 2). */
    public void imperfect(String why) {
        imperfect = true;
        log.line(Level.WARNING, user + ": " + why + "; run the sync again");
    }

    /** An error: the run fails (exit 1); the rest of the user's mail is still synced where possible. */
    public void failed(String why) {
        failed = true;
        log.line(Level.ERROR, user + ": " + why);
    }

    public void verbose(String line) {
        log.line(Level.VERBOSE, user + ": " + line);
    }

    public void debug(String line) {
        log.line(Level.DEBUG, user + ": " + line);
    }

    public void copied(long bytes) {
        messagesCopied++;
        bytesCopied += bytes;
    }

    public void removed(long messages) {
        messagesRemoved += messages;
    }

    public void flagsChanged(long messages) {
        flagChanges += messages;
    }

    public void mailboxChanged() {
        mailboxChanges++;
    }

    public void mailboxSkipped() {
        mailboxesSkipped++;
    }

    public void mailboxSynced() {
        mailboxesSynced++;
    }

    /** 0 perfect, 2 something left for the next run, 1 failed: the seed's exit status. */
    public int status() {
        return failed ? 1 : imperfect ? 2 : 0;
    }

    public long messagesCopied() {
        return messagesCopied;
    }

    public long bytesCopied() {
        return bytesCopied;
    }

    /**
     * Whether the run changed anything on either side. A mailbox only looked at is no change: the run
     * after one that gave a mailbox its peer's identity looks at it again and finds nothing to do.
     */
    public boolean changedAnything() {
        return messagesCopied + messagesRemoved + flagChanges + mailboxChanges > 0;
    }

    /** One line: what was done. */
    public String summary() {
        return user + ": " + mailboxesSynced + " mailboxes synced, " + mailboxesSkipped + " unchanged, "
                + messagesCopied + " messages copied (" + bytesCopied + " bytes), " + messagesRemoved + " expunged, "
                + flagChanges + " flags changed, " + mailboxChanges + " mailbox changes";
    }
}
