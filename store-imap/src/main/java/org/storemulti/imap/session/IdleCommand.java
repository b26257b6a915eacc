package org.storemulti.imap.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.storemulti.imap.command.Command;

/**
 * RFC 2177 IDLE: "+ idling", then nothing until the client's DONE. Without a selected
 * mailbox there is nothing to report while idling; the selected state's updates (the
 * engine's change feed, through {@code Wire.execute}) will be written from here.
 */
final class IdleCommand implements Exchange {

    private final Context context;

    private IdleCommand(Context context) {
        this.context = context;
    }

    static void idle(Command.Idle command, Context context) throws IOException {
        context.beginExchange(new IdleCommand(context));
        context.out().continuation("idling");
    }

    @Override
    public void line(byte[] line) throws IOException {
        context.endExchange();
        if (new String(line, StandardCharsets.US_ASCII).equalsIgnoreCase("DONE")) {
            context.ok("IDLE terminated");
        } else {
            context.bad("expected DONE to end IDLE");
        }
    }

    @Override
    public void overflow() throws IOException {
        context.endExchange();
        context.bad("expected DONE to end IDLE");
    }
}
