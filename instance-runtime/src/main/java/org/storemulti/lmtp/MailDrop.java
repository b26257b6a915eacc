package org.storemulti.lmtp;

import java.util.List;

/**
 * Where the LMTP service hands mail: the store, as the protocol sees it. Both methods are
 * called from many session threads at once.
 */
public interface MailDrop {

    /**
     * Whether {@code recipient} can receive mail here: a 250, or the reply to refuse it with.
     * {@code id} is the asking session's, for the log line a refusal gets.
     */
    Reply checkRecipient(String id, String recipient);

    /**
     * Stores {@code message} (headers already added) for every recipient of {@code envelope}
     * and returns one reply per recipient, in order: the recipient check again (a user may
     * have gone since RCPT), then the store. A positive reply means the message is durable
     * for that recipient; a storage failure is a 4xx reply, never an exception.
     */
    List<Reply> deliver(Envelope envelope, byte[] message);
}
