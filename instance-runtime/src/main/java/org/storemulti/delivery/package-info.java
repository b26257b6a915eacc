/**
 * The bridge from mail transport to the store: recipient addresses
 * ({@code user+detail@domain}) mapped to mailboxes, store results mapped to LMTP replies.
 * The LMTP service and the queue manager both deliver through
 * {@link org.storemulti.delivery.StoreMailDrop}, so there is one delivery path.
 *
 * <p>Owns address-to-mailbox rules and result-to-reply mapping. Must not speak a wire
 * protocol or touch message files directly: the store engine does that.
 */
package org.storemulti.delivery;
