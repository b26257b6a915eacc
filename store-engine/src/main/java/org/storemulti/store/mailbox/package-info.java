/**
 * Mailboxes of a domain: personal ones ({@code user/NAME/INBOX} and sub-folders) and shared
 * ones ({@code shared/NAME/...}) with owners; RFC 4314 access control lists; quotas in
 * kilobytes over a mailbox tree (seed tables 12-7 and 12-8).
 *
 * <p>Owns the {@code mailbox}, {@code mailbox_acl} and {@code quota} tables except each
 * mailbox's {@code next_uid} and {@code used_bytes}, which delivery maintains. Deleting a
 * mailbox drops its messages through {@link org.storemulti.store.message.MessageGarbage};
 * never writes message files itself.
 */
package org.storemulti.store.mailbox;
