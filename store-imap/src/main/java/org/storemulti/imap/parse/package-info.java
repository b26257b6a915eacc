/**
 * From octets to commands: {@link org.storemulti.imap.parse.CommandFramer} cuts the input
 * into complete commands (lines and the literals between them, RFC 3501 and RFC 7888
 * LITERAL+), asking before it accepts each literal so a literal over a limit is refused
 * before the client sends it; {@link org.storemulti.imap.parse.CommandParser} turns a
 * framed command into a {@code command} record following RFC 3501's formal syntax and the
 * extensions' (RFC 4466 and after), or a {@link org.storemulti.imap.parse.ParseException}
 * that says what was expected where.
 *
 * <p>Memory is bounded by construction: a line never grows past its limit (the rest is
 * counted and dropped), a literal goes to memory only when small and otherwise to a
 * spool file, and nesting (SEARCH's parentheses, NOT, OR) has a depth limit. Owns the
 * spelling of the grammar; must not write responses, hold session state or touch the
 * store.
 */
package org.storemulti.imap.parse;
