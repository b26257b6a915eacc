/**
 * Which store mailbox an IMAP mailbox name means for a logged-in user, and what that user
 * may do there: the one place both the selected-state handlers (SELECT, FETCH, COPY, ...)
 * and the mailbox-management handlers (CREATE, LIST, STATUS, ACL, ...) ask.
 *
 * <p>Namespaces (RFC 2342, {@link org.storemulti.imap.mailbox.Namespace}), separator
 * {@code /}: the user's own mailboxes without a prefix ({@code INBOX}, {@code Sent},
 * {@code Work/2024} are the store's {@code user/ME/INBOX}, {@code user/ME/Sent}, ...), other
 * users' mailboxes under {@code user/} and shared ones under {@code shared/}, both spelled as
 * the store spells them ({@code user/bob/INBOX}, {@code shared/graphics/logos}). {@link
 * org.storemulti.imap.mailbox.UserMailboxes} maps names both ways and refuses names that
 * cannot name a mailbox ({@link org.storemulti.imap.mailbox.InvalidMailboxNameException}:
 * {@code ..}, empty levels, a leading or trailing {@code /}, wildcards, a namespace prefix
 * alone); {@link org.storemulti.imap.mailbox.MailboxAccess} is the user's RFC 4314 rights on
 * one mailbox and the NO a command gets without them.
 *
 * <p>Owns the naming and access rules; reads the store (ACLs, the user's stored spelling),
 * never changes it. Must not write responses (the session does) or know commands.
 */
package org.storemulti.imap.mailbox;
