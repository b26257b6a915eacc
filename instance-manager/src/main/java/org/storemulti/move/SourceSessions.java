package org.storemulti.move;

import java.io.IOException;

import org.storemulti.control.ControlClient;
import org.storemulti.daemon.ControlProtocol;
import org.storemulti.daemon.ControlProtocol.Reply;
import org.storemulti.daemon.InstanceLayout;
import org.storemulti.registry.Instance;

/** Ends the user's IMAP sessions on the source through its control socket ({@code storectl kick USER}). */
final class SourceSessions {

    private SourceSessions() {
    }

    /** What happened, as a line: the daemon's reply, or that no daemon runs there (so no session does). */
    static String kick(Instance source, String user) {
        if (!source.running()) {
            return source.label() + " is not running: no sessions to end";
        }
        InstanceLayout layout = new InstanceLayout(source.queueDirectory(), source.dataDirectory());
        Reply reply;
        try {
            reply = new ControlClient(layout.controlSocket()).send(ControlProtocol.KICK + " " + user);
        } catch (IOException e) {
            if (!source.running()) {
                return source.label() + " stopped: no sessions to end";
            }
            throw new MoveException(source.label() + ": kick " + user + ": the control socket " + layout.controlSocket()
                    + " does not answer (" + e.getMessage() + "); run the move again when storectl status answers", e);
        }
        if (!reply.ok()) {
            throw new MoveException(source.label() + ": kick " + user + ": " + reply.message());
        }
        return source.label() + ": " + String.join(" ", reply.body());
    }
}
