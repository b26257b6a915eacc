/**
 * Saving and recovering a Unix mail spool ({@code /var/mail}) the way the seed's mailasm(8)
 * does: decide by modify time, take the mail system's locks, put atime and mtime back.
 * {@link org.storemulti.spool.SpoolSave} makes dated archives (a copy of each changed mailbox,
 * hard links for the rest, a manifest written last), {@link org.storemulti.spool.SpoolRecover}
 * puts mailboxes back (refusing, merging or replacing one that received mail since).
 *
 * <p>Owns the archive layout and its {@code MANIFEST}. Reads and writes mailbox files only
 * through {@code org.storemulti.sync.mbox} (its locks, its parser); touches no store, no
 * main.cf and no command line (storeadm's {@code spool} commands call in from the admin package).
 */
package org.storemulti.spool;
