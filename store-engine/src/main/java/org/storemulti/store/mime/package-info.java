/**
 * MIME facts of a message, found once when it is stored and cached so that reading the
 * structure never parses the file again: the envelope and body structure IMAP's FETCH
 * ENVELOPE and BODYSTRUCTURE answer with, and every part's header and body as byte ranges
 * of the message, so BODY[section]&lt;partial&gt; is served by reading the immutable file.
 *
 * <p>{@link org.storemulti.store.mime.MimeParser} scans the message line by line (bounded
 * memory, any size, any damage: it never throws on content) and parses header fields with
 * Apache Mime4j's field parser. Its own scanner finds the parts because Mime4j's stream
 * parser reports no byte positions; its own address parser keeps encoded words raw, as
 * ENVELOPE must (Mime4j's decodes them).
 *
 * <p>Pure: bytes in, facts out. Owns no table and no file; the message package stores the
 * encoded facts ({@link org.storemulti.store.mime.MessageStructure#encode}).
 */
package org.storemulti.store.mime;
