/**
 * Maildir as Dovecot keeps it: the one place storemulti reads or writes a maildir.
 *
 * <ul>
 * <li>{@link org.storemulti.sync.maildir.Maildir} – a Maildir++ tree: INBOX in the root,
 * {@code .Folder.Sub} directories, {@code subscriptions}; names between the store and the
 * maildir in {@link org.storemulti.sync.maildir.FolderNames} (modified UTF-7, {@code -C alt_char});
 * <li>{@link org.storemulti.sync.maildir.MaildirFolder} – one folder: listing (UIDs, GUIDs,
 * flags, keywords, internal dates), reading, flag changes (renames), expunges (unlinks);
 * {@link org.storemulti.sync.maildir.MaildirAppend} – new messages, tmp → fsync → rename;
 * <li>{@code dovecot-uidlist} (version 3) and {@code dovecot-keywords}, changed only under
 * Dovecot's own dotlocks and replaced whole, so a running Dovecot never sees half a file
 * and shows the same UIDs, UIDVALIDITY and keywords;
 * <li>{@link org.storemulti.sync.maildir.MaildirState} – the modify times of {@code new/},
 * {@code cur/} and the uidlist, nothing opened;
 * <li>{@link org.storemulti.sync.maildir.MaildirLocation} – {@code maildir:PATH} on the sync's
 * location SPI: folders by the GUID in their uidlist, UIDs and GUIDs kept, a change token of
 * UIDs and flags, special-use in {@code storemulti-special-use}.
 * </ul>
 *
 * <p>Owns no sync state (the pair state is the sync's) and no store access. Written against
 * {@link java.nio.file.Path} only, so it runs on any file system.
 */
package org.storemulti.sync.maildir;
