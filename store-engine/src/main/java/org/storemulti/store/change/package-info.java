/**
 * The change feed: who wants to hear that a mailbox changed (an IMAP session in IDLE, a
 * sync waiting for quiet) subscribes to {@link org.storemulti.store.change.ChangeFeed};
 * the engine publishes after each commit, in-process, and {@code poll()} finds what other
 * processes (storeadm, a sync) committed, from the mailboxes' highest modseqs.
 *
 * <p>Owns no table: it reads {@code mailbox.highest_modseq} and {@code store_counter}. Must
 * not write anything; listeners learn that something changed and ask the store what.
 */
package org.storemulti.store.change;
