/**
 * The {@code mbox:} location: a user's Unix mailboxes as one side of a sync, on the location
 * SPI. {@code mbox:PATH} (one file: the INBOX; or a directory of mbox files, subdirectories for
 * hierarchy, as Dovecot and mutt lay them out) and {@code mbox:DIR:INBOX=FILE}, with
 * {@code %u %n %d} per user.
 *
 * <p>Reads and writes only through {@code org.storemulti.sync.mbox} (the mail system's locks,
 * times put back, mboxrd, state headers); owns the mailbox naming and what an mbox cannot keep
 * itself (mailbox GUIDs, message GUIDs, the UID validity of a file without {@code X-IMAPbase},
 * each file's size and mtime at its last listing), in one state file beside the tree
 * ({@link org.storemulti.sync.mboxlocation.TreeState}). Touches no store and no pair state.
 */
package org.storemulti.sync.mboxlocation;
