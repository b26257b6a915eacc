package org.storemulti.imap.session;

import java.io.IOException;

import org.storemulti.imap.command.Command;

/**
 * Runs one kind of command. It writes its untagged responses and exactly one tagged
 * status response (or starts an {@link Exchange} that will), through the {@link Context}.
 * A refusal the client should see is a NO or BAD written here, not an exception; an
 * {@link IOException} means the connection failed.
 */
interface Handler<C extends Command> {

    void handle(C command, Context context) throws IOException;
}
