/**
 * Unix mailbox files (mbox) as Debian's mail system writes and locks them: the one place
 * storemulti reads or writes a mailbox in {@code /var/mail} or an mbox folder.
 *
 * <ul>
 * <li>{@link org.storemulti.sync.mbox.MailboxLock} – the dotlock and the fcntl lock, in
 * Postfix local(8)'s order, bounded waits and holds, stale dotlocks broken
 * ({@link org.storemulti.sync.mbox.LockPolicy});
 * <li>{@link org.storemulti.sync.mbox.MboxReader} – messages as streams with their sender,
 * internal date, flags, keywords and UID; a consistent snapshot of a live mailbox with its
 * access and modify times put back;
 * <li>{@link org.storemulti.sync.mbox.MboxWriter} – appending under the locks, or replacing
 * the file atomically (owner, group and mode kept);
 * <li>{@link org.storemulti.sync.mbox.MboxState} – the save decision: size and mtime, no open.
 * </ul>
 *
 * <p>The record types ({@code MboxMessage}, {@code MboxFolder}) use the store's spelling of
 * flags and keywords so a location driver passes them straight through. Owns no mailbox
 * naming, no sync state and no store access: the caller says which file, and keeps what it
 * learned ({@code MboxState}, UIDs) wherever its state lives. Written against
 * {@link java.nio.file.Path} only, so it runs on any file system; locks and times matter on
 * the real one.
 */
package org.storemulti.sync.mbox;
