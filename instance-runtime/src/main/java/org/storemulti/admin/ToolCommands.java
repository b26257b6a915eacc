package org.storemulti.admin;

import java.util.ArrayList;
import java.util.List;

/** The table rows of the commands with options of their own: bulk files, database tools, reconstruct, mailbox status. */
final class ToolCommands {

    private ToolCommands() {
    }

    static List<CommandTable.Entry> entries() {
        List<CommandTable.Entry> entries = new ArrayList<>();
        entries.add(new CommandTable.Entry("bulkadd", "msadm_bulkadd", CommandTable.annotated(BulkAdd::new)));
        entries.add(new CommandTable.Entry("bulkdel", "msadm_bulkdel", CommandTable.annotated(BulkDel::new)));
        entries.addAll(DbCommands.entries());
        entries.add(new CommandTable.Entry("db checkpoint", "msdb_checkpoint",
                CommandTable.annotated(Checkpoint::new)));
        entries.add(new CommandTable.Entry("reconstruct", "reconstruct", CommandTable.annotated(Reconstruct::new)));
        entries.add(new CommandTable.Entry("mailbox status", null, CommandTable.annotated(MailboxStatusCommand::new)));
        return entries;
    }
}
