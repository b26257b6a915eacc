/**
 * A stored message as IMAP shows it, from the engine's cached MIME facts and the immutable
 * message file: ENVELOPE and BODYSTRUCTURE written exactly as RFC 3501 7.4.2 says
 * ({@link org.storemulti.imap.message.Envelopes}, {@link
 * org.storemulti.imap.message.BodyStructures}), body sections and partials as byte ranges of
 * the file ({@link org.storemulti.imap.message.Sections}), RFC 3516 BINARY decoding ({@link
 * org.storemulti.imap.message.BinaryParts}), flag lists and dates, and what SEARCH needs to
 * look inside a message ({@link org.storemulti.imap.message.TextSearch}, {@link
 * org.storemulti.imap.message.MessageDates}).
 *
 * <p>Owns the message-data syntax and the reading of message files; never loads a whole
 * message (text is streamed, sections are ranges). Must not decide which messages a command
 * means or what a session may do (that is {@code session}), nor change the store.
 */
package org.storemulti.imap.message;
