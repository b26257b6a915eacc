package org.storemulti.store.mailbox;

import java.nio.file.Path;

/**
 * Where a mailbox lives ({@code mbox_get_user_path}). Mailboxes have no directory of their
 * own: the index row {@code mailboxId} in {@code database}, the message files in the shared
 * {@code messagesDirectory}.
 */
public record MailboxLocation(Path database, long mailboxId, Path messagesDirectory) {
}
