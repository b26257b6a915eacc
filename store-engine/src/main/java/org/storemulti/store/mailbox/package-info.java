/**
 * Mailboxes of a domain: personal ones ({@code user/NAME/INBOX} and sub-folders) and shared
 * ones ({@code shared/NAME/...}) with owners, GUIDs that survive renames and special-use
 * attributes; RFC 4314 access control lists; quotas in kilobytes over a mailbox tree (seed
 * tables 12-7 and 12-8); users' subscriptions.
 *
 * <p>Owns the {@code mailbox}, {@code mailbox_acl}, {@code quota} and {@code subscription}
 * tables except the per-mailbox message state ({@code next_uid}, {@code used_bytes},
 * {@code highest_modseq}, ...), which the message package maintains. Deleting a mailbox drops
 * its messages through {@link org.storemulti.store.message.MessageGarbage}; never writes
 * message files itself. Tells the change feed of created, renamed and deleted mailboxes.
 */
package org.storemulti.store.mailbox;
