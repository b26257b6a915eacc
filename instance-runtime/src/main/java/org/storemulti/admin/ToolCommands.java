package org.storemulti.admin;

import java.util.List;

/** The table rows of the commands with options of their own: bulk files, database tools, reconstruct. */
final class ToolCommands {

    private ToolCommands() {
    }

    static List<CommandTable.Entry> entries() {
        return List.of();
    }
}
