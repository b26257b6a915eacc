/**
 * Who an instance's files and processes belong to: its {@code mail_owner}, or, when that
 * is empty, whoever runs the command ({@link org.storemulti.owner.MailOwner}).
 *
 * <p>Owns the rule "root may act for the owner, nobody else may" and the one way root hands
 * a process to the owner ({@code setpriv}). Must not read or change instance files itself:
 * callers (storectl's check and set-permissions, the daemon launcher, storeadm) decide what
 * to do with the answer.
 */
package org.storemulti.owner;
