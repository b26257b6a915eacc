/**
 * The bridge from mail transport to the store: the LMTP service and the queue manager both
 * deliver through {@link org.storemulti.delivery.StoreMailDrop}, which runs the engine's
 * one delivery pipeline (recipient, quota, store) and maps each result to an LMTP reply, so
 * there is one delivery path and one local-part rule.
 *
 * <p>Owns the main.cf side of delivery ({@code default_domain}, {@code recipient_delimiter},
 * {@code quota_full_temporary}), the result-to-reply mapping and the delivery log: one
 * line per recipient the store answered for, a temporary failure with its cause. Must not
 * speak a wire protocol, decide which user an address names (the engine's
 * {@code Recipients} does) or touch message files directly.
 */
package org.storemulti.delivery;
