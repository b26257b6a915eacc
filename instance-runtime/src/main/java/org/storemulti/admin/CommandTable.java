package org.storemulti.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.storemulti.queue.QueueCommand;

import picocli.CommandLine;

/**
 * The one table of storeadm commands. Every entry is mounted under its readable name
 * ({@code domain add}, inside the group {@code domain}) and, when the seed names it, under
 * the seed name ({@code domain_add}, hidden from the top-level help but shown in the
 * group's). One-shot commands, script lines and {@code help} all read this table.
 */
final class CommandTable {

    /** A command: readable name, seed name or {@code null}, and how to build it for a session. */
    record Entry(String readable, String seedName, BiFunction<AdminSession, String, CommandLine> factory) {
    }

    /** The readable groups, in help order. */
    private static final Map<String, String> GROUPS = groups();

    private CommandTable() {
    }

    private static Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("domain", "Domains (seed table 12-4).");
        groups.put("site-admin", "Site administrators (seed table 12-3).");
        groups.put("admin", "Administrators of the current domain (seed table 12-5).");
        groups.put("user", "User accounts of the current domain (seed table 12-5).");
        groups.put("auth", "Password accounts and auth aliases (seed tables 12-5, 12-6).");
        groups.put("mailbox", "Personal and shared mailboxes (seed tables 12-7, 12-8).");
        groups.put("acl", "Access control lists (seed tables 12-7, 12-8).");
        groups.put("quota", "Quotas in kilobytes (seed tables 12-7, 12-8).");
        groups.put("db", "Database tools (seed tables 12-11 to 12-15, 12-18).");
        groups.put(SpoolCommands.GROUP, "Save and recover a Unix mail spool (/var/mail) as the seed's mailasm(8) does.");
        return groups;
    }

    static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (List<AdminCommand> family : List.of(DomainCommands.commands(), AccountCommands.commands(),
                AuthCommands.commands(), MailboxCommands.commands(), AclCommands.commands(),
                QuotaCommands.commands())) {
            for (AdminCommand row : family) {
                all.add(new Entry(row.readable(), row.seedName(), (s, name) -> TableCommand.create(row, s, name)));
            }
        }
        all.addAll(ToolCommands.entries());
        all.addAll(SpoolCommands.entries());
        all.addAll(SyncCommands.entries());
        return all;
    }

    /** Builds a tool command from its annotated class, given the session. */
    static BiFunction<AdminSession, String, CommandLine> annotated(Function<AdminSession, Object> create) {
        return (session, name) -> {
            CommandLine command = new CommandLine(create.apply(session));
            command.getCommandSpec().name(name);
            return command;
        };
    }

    /** Makes a command's help name its other name, unless its description does already. */
    private static CommandLine alsoKnownAs(CommandLine command, String other) {
        var usage = command.getCommandSpec().usageMessage();
        String[] description = usage.description();
        if (description.length > 0 && !String.join(" ", description).contains("(also: ")) {
            description = description.clone();
            description[0] = description[0] + " (also: " + other + ")";
            usage.description(description);
        }
        return command;
    }

    /** Mounts every command of the table, and {@code help}, on {@code root}. */
    static void mount(CommandLine root, AdminSession session) {
        Map<String, CommandLine> groups = new LinkedHashMap<>();
        GROUPS.forEach((name, description) -> {
            CommandLine group = GroupCommand.create(name, description);
            groups.put(name, group);
            root.addSubcommand(name, group);
        });
        for (Entry entry : entries()) {
            String[] words = entry.readable().split(" ");
            CommandLine parent = words.length == 2 ? groups.get(words[0]) : root;
            String name = words[words.length - 1];
            boolean twoNames = entry.seedName() != null && !entry.seedName().equals(entry.readable());
            CommandLine readable = entry.factory().apply(session, name);
            parent.addSubcommand(name, twoNames ? alsoKnownAs(readable, entry.seedName()) : readable);
            if (twoNames) {
                CommandLine seed = alsoKnownAs(entry.factory().apply(session, entry.seedName()), entry.readable());
                seed.getCommandSpec().usageMessage().hidden(true);
                root.addSubcommand(entry.seedName(), seed);
            }
        }
        root.addSubcommand("help", new CommandLine.HelpCommand());
        // the queue package owns these; storeadm only lends them its -c
        QueueCommand queue = new QueueCommand().configDirectoryFrom(session::configDirectory);
        root.addSubcommand("queue", new CommandLine(queue));
        root.addSubcommand("deliver", new CommandLine(new QueueCommand.DeliverCommand(queue)));
    }
}
