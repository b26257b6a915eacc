/**
 * Domains: add (with the implicit users {@code anonymous} and {@code anyone}), delete with
 * every user and mailbox, enable/disable, anonymous logins, rename, domain quotas.
 *
 * <p>Owns the {@code domain} table. Deleting a domain drops its mailboxes' messages through
 * {@link org.storemulti.store.message.MessageGarbage}; never writes message files itself.
 */
package org.storemulti.store.domain;
