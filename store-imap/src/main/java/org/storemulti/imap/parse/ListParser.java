package org.storemulti.imap.parse;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.MailboxName;

/** LIST (RFC 3501 and RFC 5258 LIST-EXTENDED, RFC 6154, RFC 5819 LIST-STATUS), LSUB and STATUS. */
final class ListParser {

    private ListParser() {
    }

    /** LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]. */
    static Command list(Cursor in) throws ParseException {
        in.sp();
        Set<Command.ListSelect> select = EnumSet.noneOf(Command.ListSelect.class);
        if (in.at('(')) {
            for (String option : in.list("the selection options", () -> in.keyword("a selection option"), true)) {
                select.add(selectOption(option));
            }
            if (select.contains(Command.ListSelect.RECURSIVEMATCH)
                    && !select.contains(Command.ListSelect.SUBSCRIBED) && !select.contains(Command.ListSelect.SPECIAL_USE)) {
                throw new ParseException("RECURSIVEMATCH needs another selection option such as SUBSCRIBED (RFC 5258)");
            }
            in.sp();
        }
        String reference = in.pattern("the reference name");
        in.sp();
        List<String> patterns = in.at('(') ? in.list("the mailbox patterns", () -> in.pattern("a mailbox pattern"), false)
                : List.of(in.pattern("a mailbox pattern"));
        Set<Command.ListReturn> returns = EnumSet.noneOf(Command.ListReturn.class);
        Set<Command.StatusItem> status = Set.of();
        if (in.trySp()) {
            if (!in.tryWord("RETURN")) {
                throw in.error("RETURN and the return options");
            }
            in.sp();
            in.expect('(', "'(' starting the return options");
            if (!in.tryChar(')')) {
                do {
                    Command.ListReturn option = returnOption(in.keyword("a return option"));
                    returns.add(option);
                    if (option == Command.ListReturn.STATUS) {
                        in.sp();
                        status = CommandParser.statusItems(in);
                    }
                } while (in.trySp());
                in.expect(')', "')' closing the return options");
            }
        }
        in.end();
        return new Command.ListMailboxes(select, reference, patterns, returns, status);
    }

    private static Command.ListSelect selectOption(String name) throws ParseException {
        return switch (name) {
            case "SUBSCRIBED" -> Command.ListSelect.SUBSCRIBED;
            case "REMOTE" -> Command.ListSelect.REMOTE;
            case "RECURSIVEMATCH" -> Command.ListSelect.RECURSIVEMATCH;
            case "SPECIAL-USE" -> Command.ListSelect.SPECIAL_USE;
            default -> throw new ParseException("unknown LIST selection option " + name);
        };
    }

    private static Command.ListReturn returnOption(String name) throws ParseException {
        return switch (name) {
            case "SUBSCRIBED" -> Command.ListReturn.SUBSCRIBED;
            case "CHILDREN" -> Command.ListReturn.CHILDREN;
            case "SPECIAL-USE" -> Command.ListReturn.SPECIAL_USE;
            case "STATUS" -> Command.ListReturn.STATUS;
            default -> throw new ParseException("unknown LIST return option " + name);
        };
    }

    /** LSUB SP mailbox SP list-mailbox. */
    static Command lsub(Cursor in) throws ParseException {
        in.sp();
        String reference = in.pattern("the reference name");
        in.sp();
        String pattern = in.pattern("a mailbox pattern");
        in.end();
        return new Command.Lsub(reference, pattern);
    }

    /** STATUS SP mailbox SP "(" status-att *(SP status-att) ")". */
    static Command status(Cursor in) throws ParseException {
        in.sp();
        MailboxName mailbox = in.mailbox();
        in.sp();
        Set<Command.StatusItem> items = CommandParser.statusItems(in);
        in.end();
        return new Command.Status(mailbox, items);
    }
}
