package org.storemulti.sync.mbox;

import java.io.IOException;
import java.io.InputStream;

/**
 * One message of an mbox as it was before it went in: the state fields
 * ({@link StatusHeaders#STATE_FIELDS}) left out of its header, and {@code Content-Length}
 * too where the format treats it as framing (mboxcl2), and the {@code From } quoting of its
 * lines undone. Streams; holds one buffer.
 */
final class MessageContent extends InputStream {

    private final LineBuffer in;
    private final MboxFormat.Quoting quoting;
    private final boolean dropContentLength;
    private boolean inHeader = true;
    private boolean atLineStart = true;
    private boolean dropping;

    MessageContent(LineBuffer in, MboxFormat format) {
        this.in = in;
        this.quoting = format.quoting();
        this.dropContentLength = format.honourContentLength();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int total = 0;
        while (total < len && in.available() > 0) {
            if (atLineStart) {
                startLine();
                atLineStart = false;
                if (in.available() == 0) {
                    break;
                }
            }
            int piece = Math.min(in.pieceLength(), len - total);
            boolean endsLine = in.at(piece - 1) == '\n';
            if (!dropping) {
                System.arraycopy(in.array(), in.offset(), b, off + total, piece);
                total += piece;
            }
            in.skip(piece);
            atLineStart = endsLine;
        }
        return total == 0 ? -1 : total;
    }

    private void startLine() throws IOException {
        int n = in.fill(LineBuffer.LOOKAHEAD);
        byte first = in.at(0);
        int quotes = MessageWriter.quotes(in, n);
        if (inHeader && (first == '\n' || first == '\r' && n >= 2 && in.at(1) == '\n')) {
            inHeader = false;
            dropping = false;
        } else if (quotes >= 1 && (quoting == MboxFormat.Quoting.MBOXRD
                || quoting == MboxFormat.Quoting.MBOXO && quotes == 1)) {
            in.skip(1);
            dropping = false;
        } else if (inHeader && first != ' ' && first != '\t') {
            dropping = quotes < 0 && StatusHeaders.startsStateField(in, n, dropContentLength);
        }
    }
}
