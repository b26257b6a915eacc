package org.storemulti.imap.session;

import java.io.IOException;

/**
 * A command that goes on after its continuation request: AUTHENTICATE (the client's
 * responses) and IDLE (DONE). While one runs, the client's lines come here raw, without
 * literals; it ends by writing its command's tagged response and calling
 * {@link Context#endExchange()}.
 */
interface Exchange {

    /** One line from the client, CRLF removed. */
    void line(byte[] line) throws IOException;

    /** The client sent a line longer than the line limit (already dropped). */
    void overflow() throws IOException;
}
