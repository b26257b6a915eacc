/**
 * Writing responses (RFC 3501 section 7 and 9): {@link org.storemulti.imap.response.ResponseWriter}
 * builds untagged, tagged and continuation responses token by token, picks a quoted string
 * or a literal for each string, and streams large literals (message bodies) from a byte
 * array, a stream or a file's byte range without holding them whole. A command's responses
 * collect in one buffer and go out with one write when the command is done ({@code flush}),
 * so a reply never waits on Nagle's algorithm and the client's delayed ACK; only a response
 * larger than the buffer goes out in pieces.
 *
 * <p>Owns the response syntax; must not decide what to say (the session does) nor touch
 * sockets other than through {@link org.storemulti.imap.net.Wire}.
 */
package org.storemulti.imap.response;
