/**
 * The LMTP service (RFC 2033 over RFC 5321's command set): listening endpoints from
 * {@code lmtp_listen}, one session per connection, and the hand-off of each accepted
 * message to a {@link org.storemulti.lmtp.MailDrop}, which answers once per recipient
 * only after the message is durable.
 *
 * <p>Owns the wire protocol: commands, replies, dot-stuffing, limits and deadlines, and
 * who may hold a session ({@code Sessions}: limits in all and per client address, shedding
 * the longest idle session). Must not know how or where mail is stored; that is the
 * MailDrop's business.
 */
package org.storemulti.lmtp;
