package org.storemulti.store.message;

import org.storemulti.store.error.QuotaExceededException;

/**
 * What happened to one {@link Delivery}, or to one recipient of a {@link DeliveryPipeline}.
 * Only {@link Stored} is an acknowledgement: the message file and its index row are
 * durable. A server maps {@link OverQuota} to 552, {@link UnknownMailbox} and
 * {@link NoSuchRecipient} to 550, {@link AmbiguousRecipient} and {@link TemporaryFailure}
 * to 451.
 */
public sealed interface DeliveryResult {

    /**
     * Durably stored under {@code uid} in a mailbox with {@code uidValidity}, with the
     * message's {@code guid} and {@code modseq} (UIDPLUS's APPENDUID, a sync's bookkeeping).
     */
    record Stored(long uid, long uidValidity, String guid, long modseq) implements DeliveryResult {
    }

    /** Refused: the quota on {@code root} ({@code ""} = the domain) would be exceeded. */
    record OverQuota(String domain, String root, long limitKb) implements DeliveryResult {

        /** The same refusal as an exception, for callers that fail a command with it (IMAP APPEND). */
        public QuotaExceededException toException() {
            return new QuotaExceededException(domain, root, limitKb);
        }
    }

    /** Refused: no such mailbox (or domain). */
    record UnknownMailbox(String domain, String mailbox) implements DeliveryResult {
    }

    /** Refused before storing: the address names no user (or the user has no INBOX); {@code why} says which. */
    record NoSuchRecipient(String why) implements DeliveryResult {
    }

    /**
     * Not stored: several users differ from the address only in case and none matches it
     * exactly (a store made before case-insensitive names); an administrator renames one.
     */
    record AmbiguousRecipient(java.util.List<String> users) implements DeliveryResult {
    }

    /** Not stored because of a storage failure; the sender should retry. */
    record TemporaryFailure(String reason) implements DeliveryResult {
    }
}
