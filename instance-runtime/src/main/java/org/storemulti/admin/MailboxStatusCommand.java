package org.storemulti.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.storemulti.cli.JsonLines;
import org.storemulti.cli.OutputOptions;
import org.storemulti.store.message.MailboxStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mailbox status USER@DOMAIN [MAILBOX]}: the counts of one personal mailbox, for people or as JSON. */
@Command(name = "status", separator = " ",
        description = {"Print: messages=N unseen=N uidnext=N vsize=N for the user's MAILBOX (default INBOX); with -j, "
            + "one JSON object: domain, mailbox, messages, unseen, uidnext, vsize."})
final class MailboxStatusCommand extends ToolCommand {

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "USER@DOMAIN",
            description = "The user (of the current or default domain without @).")
    String address;

    @Parameters(index = "1", paramLabel = "MAILBOX", arity = "0..1",
            description = "A folder of the user, or a full name.")
    String mailbox = "INBOX";

    MailboxStatusCommand(AdminSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        MailboxCommands.Status status = MailboxCommands.status(session, address, mailbox);
        MailboxStatus counts = status.counts();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("domain", status.domain());
            json.put("mailbox", status.mailbox());
            json.put("messages", counts.messages());
            json.put("unseen", counts.unseen());
            json.put("uidnext", counts.uidNext());
            json.put("vsize", counts.vsize());
            JsonLines.print(out(), json);
        } else {
            out().println("messages=" + counts.messages() + " unseen=" + counts.unseen() + " uidnext=" + counts.uidNext()
                    + " vsize=" + counts.vsize());
        }
        return 0;
    }
}
