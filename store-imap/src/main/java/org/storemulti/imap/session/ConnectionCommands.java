package org.storemulti.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.response.Status;

/** The commands about the connection itself: CAPABILITY, NOOP, LOGOUT, ID, ENABLE, STARTTLS. */
final class ConnectionCommands {

    private ConnectionCommands() {
    }

    static void capability(Command.Capability command, Context context) throws IOException {
        context.out().untagged().raw("CAPABILITY ").raw(String.join(" ", context.capabilities())).end();
        context.ok("CAPABILITY completed");
    }

    static void noop(Command.Noop command, Context context) throws IOException {
        context.ok("NOOP completed");
    }

    static void logout(Command.Logout command, Context context) throws IOException {
        context.out().status(null, Status.BYE, null, "storemulti IMAP logging out");
        context.ok("LOGOUT completed");
        context.loggingOut();
    }

    /** RFC 2971: the server's name and version; what the client said about itself is not kept. */
    static void id(Command.Id command, Context context) throws IOException {
        context.out().untagged().raw("ID (").string("name").sp().string("storemulti").sp().string("version").sp()
                .string(context.settings().version()).raw(")").end();
        context.ok("ID completed");
    }

    /** RFC 5161: enables what is advertised and enable-able; everything else is silently not enabled. */
    static void enable(Command.Enable command, Context context) throws IOException {
        List<String> advertised = context.capabilities();
        List<String> now = new ArrayList<>();
        for (String name : command.capabilities()) {
            if (Capabilities.ENABLEABLE.contains(name) && advertised.contains(name) && context.enabled().add(name)) {
                now.add(name);
            }
        }
        context.out().untagged().raw("ENABLED");
        for (String name : now) {
            context.out().sp().raw(name);
        }
        context.out().end();
        context.ok("ENABLE completed");
    }

    /** RFC 3501 6.2.1; input already sent behind the command is dropped (no plaintext injection). */
    static void startTls(Command.StartTls command, Context context) throws IOException {
        if (!context.wire().tlsAvailable()) {
            context.bad("STARTTLS is not available: no TLS certificate is configured, or TLS is already in use");
            return;
        }
        context.ok("Begin TLS negotiation now");
        context.startTls();
    }
}
