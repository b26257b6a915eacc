/**
 * What a client asked for, as values: one record per IMAP command ({@link
 * org.storemulti.imap.command.Command}) and the values they carry (sequence sets, flags,
 * mailbox names with their modified UTF-7 form, FETCH items, SEARCH keys, literals).
 *
 * <p>Owns the meaning of the grammar's productions, not their spelling: the parser
 * ({@code parse}) builds these values, the session runs them, the response writer prints
 * some of them back. Must not touch sockets, the session's state or the store.
 */
package org.storemulti.imap.command;
