package org.storemulti.imap.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.storemulti.imap.command.Command;

/**
 * RFC 2177 IDLE: "+ idling", then, with a mailbox selected, its changes as they happen (the
 * engine's change feed wakes the session through {@code Wire.execute}: EXISTS, EXPUNGE,
 * FETCH FLAGS), until the client's DONE.
 */
final class IdleCommand implements Exchange {

    private final Context context;

    private IdleCommand(Context context) {
        this.context = context;
    }

    static void idle(Command.Idle command, Context context) throws IOException {
        context.beginExchange(new IdleCommand(context));
        context.out().continuation("idling");
        context.idling(true);
    }

    @Override
    public void line(byte[] line) throws IOException {
        context.idling(false);
        context.endExchange();
        if (new String(line, StandardCharsets.US_ASCII).equalsIgnoreCase("DONE")) {
            context.ok("IDLE terminated");
        } else {
            context.bad("expected DONE to end IDLE");
        }
    }

    @Override
    public void overflow() throws IOException {
        context.idling(false);
        context.endExchange();
        context.bad("expected DONE to end IDLE");
    }
}
