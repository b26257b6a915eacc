package org.storemulti.imap.parse;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.storemulti.imap.command.Command;
import org.storemulti.imap.command.Flag;
import org.storemulti.imap.command.Literal;
import org.storemulti.imap.command.MailboxName;
import org.storemulti.imap.command.SequenceSet;

/**
 * Parses a framed command: {@code tag SP command-name [arguments]} per RFC 3501 section 9
 * and the extensions' grammars. Which commands are valid in which state is the session's
 * business; this class only knows their syntax.
 */
public final class CommandParser {

    /** ID (RFC 2971): at most 30 fields, names up to 30 octets, values up to 1024. */
    private static final int ID_FIELDS = 30;

    private final int stringLimit;

    /** With {@code stringLimit} as the longest string argument (other than APPEND's messages). */
    public CommandParser(int stringLimit) {
        this.stringLimit = stringLimit;
    }

    /** The command; a {@link ParseException} carries the tag and name when they could be read. */
    public ParsedCommand parse(FramedCommand framed) throws ParseException {
        Cursor in = new Cursor(framed, stringLimit);
        String tag;
        try {
            tag = in.tag();
            in.sp();
        } catch (ParseException e) {
            throw new ParseException("a command starts with a tag and a space: " + e.getMessage());
        }
        String name = null;
        try {
            name = in.keyword("a command name");
            if (name.equals("UID")) {
                in.sp();
                name = "UID " + in.keyword("FETCH, STORE, SEARCH, COPY, MOVE or EXPUNGE after UID");
            }
            return new ParsedCommand(tag, name, command(in, name));
        } catch (ParseException e) {
            throw e.in(tag, name);
        }
    }

    private Command command(Cursor in, String name) throws ParseException {
        return switch (name) {
            case "CAPABILITY" -> done(in, new Command.Capability());
            case "NOOP" -> done(in, new Command.Noop());
            case "LOGOUT" -> done(in, new Command.Logout());
            case "STARTTLS" -> done(in, new Command.StartTls());
            case "CHECK" -> done(in, new Command.Check());
            case "CLOSE" -> done(in, new Command.Close());
            case "UNSELECT" -> done(in, new Command.Unselect());
            case "NAMESPACE" -> done(in, new Command.Namespace());
            case "IDLE" -> done(in, new Command.Idle());
            case "EXPUNGE" -> done(in, new Command.Expunge(Optional.empty()));
            case "LOGIN" -> login(in);
            case "AUTHENTICATE" -> authenticate(in);
            case "ENABLE" -> enable(in);
            case "ID" -> id(in);
            case "SELECT", "EXAMINE" -> select(in, name.equals("EXAMINE"));
            case "CREATE" -> create(in);
            case "DELETE" -> done(in, new Command.Delete(mailboxArgument(in)));
            case "SUBSCRIBE" -> done(in, new Command.Subscribe(mailboxArgument(in)));
            case "UNSUBSCRIBE" -> done(in, new Command.Unsubscribe(mailboxArgument(in)));
            case "RENAME" -> rename(in);
            case "LIST" -> ListParser.list(in);
            case "LSUB" -> ListParser.lsub(in);
            case "STATUS" -> ListParser.status(in);
            case "APPEND" -> append(in);
            case "SEARCH", "UID SEARCH" -> SearchParser.search(in, name.startsWith("UID"));
            case "FETCH", "UID FETCH" -> FetchParser.fetch(in, name.startsWith("UID"));
            case "STORE", "UID STORE" -> store(in, name.startsWith("UID"));
            case "COPY", "UID COPY" -> copyOrMove(in, name.startsWith("UID"), false);
            case "MOVE", "UID MOVE" -> copyOrMove(in, name.startsWith("UID"), true);
            case "UID EXPUNGE" -> uidExpunge(in);
            case "GETQUOTA" -> done(in, new Command.GetQuota(argument(in, "a quota root")));
            case "GETQUOTAROOT" -> done(in, new Command.GetQuotaRoot(mailboxArgument(in)));
            case "SETQUOTA" -> setQuota(in);
            case "GETACL" -> done(in, new Command.GetAcl(mailboxArgument(in)));
            case "MYRIGHTS" -> done(in, new Command.MyRights(mailboxArgument(in)));
            case "SETACL" -> setAcl(in);
            case "DELETEACL" -> deleteAcl(in);
            case "LISTRIGHTS" -> listRights(in);
            default -> throw new ParseException("unknown command " + name);
        };
    }

    private static Command done(Cursor in, Command command) throws ParseException {
        in.end();
        return command;
    }

    private static MailboxName mailboxArgument(Cursor in) throws ParseException {
        in.sp();
        return in.mailbox();
    }

    private static String argument(Cursor in, String what) throws ParseException {
        in.sp();
        return in.astring(what);
    }

    private static Command login(Cursor in) throws ParseException {
        String user = argument(in, "the user name");
        String password = argument(in, "the password");
        return done(in, new Command.Login(user, password));
    }

    /** AUTHENTICATE mechanism [SP (base64 / "=")] (RFC 4959 SASL-IR). */
    private static Command authenticate(Cursor in) throws ParseException {
        in.sp();
        String mechanism = in.keyword("a SASL mechanism name");
        Optional<String> initial = Optional.empty();
        if (in.trySp()) {
            initial = Optional.of(in.atom("an initial response in BASE64, or '='"));
        }
        return done(in, new Command.Authenticate(mechanism, initial));
    }

    private static Command enable(Cursor in) throws ParseException {
        List<String> names = new ArrayList<>();
        do {
            in.sp();
            names.add(in.keyword("a capability name"));
        } while (!in.atEnd());
        return new Command.Enable(names);
    }

    /** ID SP (NIL / "(" [string SP nstring *(SP string SP nstring)] ")"). */
    private static Command id(Cursor in) throws ParseException {
        in.sp();
        if (in.tryWord("NIL")) {
            return done(in, new Command.Id(List.of()));
        }
        List<Command.IdField> fields = in.list("the ID field list", () -> {
            String name = new String(in.string("an ID field name"), StandardCharsets.UTF_8);
            in.sp();
            Optional<String> value = in.nstring("an ID field value").map(b -> new String(b, StandardCharsets.UTF_8));
            if (name.length() > 30 || value.map(String::length).orElse(0) > 1024) {
                throw new ParseException("ID field " + name + ": names are limited to 30 octets, values to 1024"
                        + " (RFC 2971)");
            }
            return new Command.IdField(name, value);
        }, true);
        if (fields.size() > ID_FIELDS) {
            throw new ParseException("more than " + ID_FIELDS + " ID fields (RFC 2971)");
        }
        return done(in, new Command.Id(fields));
    }

    /** SELECT/EXAMINE mailbox [SP "(" select-param *(SP select-param) ")"] (RFC 4466, 7162). */
    private static Command select(Cursor in, boolean readOnly) throws ParseException {
        MailboxName mailbox = mailboxArgument(in);
        boolean condstore = false;
        Optional<Command.Qresync> qresync = Optional.empty();
        if (in.trySp()) {
            in.expect('(', "'(' starting the select parameters");
            do {
                String parameter = in.keyword("a select parameter (CONDSTORE or QRESYNC)");
                if (parameter.equals("CONDSTORE")) {
                    condstore = true;
                } else if (parameter.equals("QRESYNC")) {
                    in.sp();
                    qresync = Optional.of(qresync(in));
                } else {
                    throw new ParseException("unknown select parameter " + parameter);
                }
            } while (in.trySp());
            in.expect(')', "')' closing the select parameters");
        }
        return done(in, new Command.Select(mailbox, readOnly, condstore, qresync));
    }

    /** "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")". */
    private static Command.Qresync qresync(Cursor in) throws ParseException {
        in.expect('(', "'(' starting the QRESYNC parameters");
        long uidValidity = in.nzNumber("the UIDVALIDITY");
        in.sp();
        long modseq = in.number64("a mod-sequence value");
        Optional<SequenceSet> knownUids = Optional.empty();
        Optional<SequenceSet> knownSeqs = Optional.empty();
        Optional<SequenceSet> knownSeqUids = Optional.empty();
        if (in.trySp()) {
            if (!in.at('(')) {
                knownUids = Optional.of(in.sequenceSet());
            }
            if (knownUids.isEmpty() || in.trySp()) {
                in.expect('(', "'(' starting the sequence match data");
                knownSeqs = Optional.of(in.sequenceSet());
                in.sp();
                knownSeqUids = Optional.of(in.sequenceSet());
                in.expect(')', "')' closing the sequence match data");
            }
        }
        in.expect(')', "')' closing the QRESYNC parameters");
        return new Command.Qresync(uidValidity, modseq, knownUids, knownSeqs, knownSeqUids);
    }

    /** CREATE mailbox [SP "(" "USE" SP "(" use-attr *(SP use-attr) ")" ")"] (RFC 6154). */
    private static Command create(Cursor in) throws ParseException {
        MailboxName mailbox = mailboxArgument(in);
        List<Flag> use = List.of();
        if (in.trySp()) {
            in.expect('(', "'(' starting the CREATE parameters");
            if (!in.tryWord("USE")) {
                throw in.error("USE (the only CREATE parameter, RFC 6154)");
            }
            in.sp();
            use = in.list("the special-use attributes", () -> {
                in.expect('\\', "a special-use attribute such as \\Drafts");
                return Flag.of("\\" + in.atom("a special-use attribute"));
            }, false);
            in.expect(')', "')' closing the CREATE parameters");
        }
        return done(in, new Command.Create(mailbox, use));
    }

    private static Command rename(Cursor in) throws ParseException {
        MailboxName from = mailboxArgument(in);
        MailboxName to = mailboxArgument(in);
        return done(in, new Command.Rename(from, to));
    }

    /** APPEND mailbox 1*(SP [flag-list SP] [date-time SP] literal) (RFC 3501, RFC 3502). */
    private static Command append(Cursor in) throws ParseException {
        MailboxName mailbox = mailboxArgument(in);
        List<Command.AppendMessage> messages = new ArrayList<>();
        do {
            in.sp();
            List<Flag> flags = List.of();
            if (in.at('(')) {
                flags = flagList(in);
                in.sp();
            }
            Optional<OffsetDateTime> date = Optional.empty();
            if (in.at('"')) {
                date = Optional.of(Dates.dateTime(in));
                in.sp();
            }
            Literal message = in.literal("the message");
            messages.add(new Command.AppendMessage(flags, date, message));
        } while (!in.atEnd());
        return new Command.Append(mailbox, messages);
    }

    /** {@code flag-list}: "(" [flag *(SP flag)] ")"; \Recent and \* may not be set by a client. */
    static List<Flag> flagList(Cursor in) throws ParseException {
        return in.list("the flag list", () -> flag(in), true);
    }

    static Flag flag(Cursor in) throws ParseException {
        boolean system = in.tryChar('\\');
        Flag flag = Flag.of((system ? "\\" : "") + in.atom(system ? "a flag name after '\\'" : "a flag"));
        if (flag.equals(Flag.RECENT)) {
            throw new ParseException("\\Recent is set by the server and cannot be stored or appended");
        }
        return flag;
    }

    /** STORE sequence-set [SP "(" "UNCHANGEDSINCE" SP modseq ")"] SP store-att-flags (RFC 3501, 7162). */
    private static Command store(Cursor in, boolean uid) throws ParseException {
        in.sp();
        SequenceSet set = in.sequenceSet();
        in.sp();
        OptionalLong unchangedSince = OptionalLong.empty();
        if (in.tryChar('(')) {
            if (!in.tryWord("UNCHANGEDSINCE")) {
                throw in.error("UNCHANGEDSINCE (the only STORE modifier, RFC 7162)");
            }
            in.sp();
            unchangedSince = OptionalLong.of(in.number64("a mod-sequence value"));
            in.expect(')', "')' closing the STORE modifier");
            in.sp();
        }
        Command.StoreMode mode = in.tryChar('+') ? Command.StoreMode.ADD
                : in.tryChar('-') ? Command.StoreMode.REMOVE : Command.StoreMode.REPLACE;
        String item = in.name("FLAGS or FLAGS.SILENT");
        if (!item.equals("FLAGS") && !item.equals("FLAGS.SILENT")) {
            throw new ParseException("unknown STORE item " + item + ": expected FLAGS or FLAGS.SILENT");
        }
        in.sp();
        List<Flag> flags;
        if (in.at('(')) {
            flags = flagList(in);
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(flag(in));
            } while (in.trySp());
        }
        return done(in, new Command.StoreFlags(uid, set, unchangedSince, mode, item.endsWith(".SILENT"), flags));
    }

    private static Command copyOrMove(Cursor in, boolean uid, boolean move) throws ParseException {
        in.sp();
        SequenceSet set = in.sequenceSet();
        MailboxName target = mailboxArgument(in);
        in.end();
        return move ? new Command.Move(uid, set, target) : new Command.Copy(uid, set, target);
    }

    private static Command uidExpunge(Cursor in) throws ParseException {
        in.sp();
        return done(in, new Command.Expunge(Optional.of(in.sequenceSet())));
    }

    /** SETQUOTA quota-root SP "(" [resource SP number64 *(SP resource SP number64)] ")" (RFC 9208). */
    private static Command setQuota(Cursor in) throws ParseException {
        String root = argument(in, "a quota root");
        in.sp();
        Map<String, Long> limits = new LinkedHashMap<>();
        in.expect('(', "'(' starting the resource limits");
        if (!in.tryChar(')')) {
            do {
                String resource = in.keyword("a resource name such as STORAGE");
                in.sp();
                limits.put(resource.toUpperCase(Locale.ROOT), in.number64("a resource limit"));
            } while (in.trySp());
            in.expect(')', "')' closing the resource limits");
        }
        return done(in, new Command.SetQuota(root, limits));
    }

    private static Command setAcl(Cursor in) throws ParseException {
        MailboxName mailbox = mailboxArgument(in);
        String identifier = argument(in, "an identifier");
        String rights = argument(in, "the rights");
        return done(in, new Command.SetAcl(mailbox, identifier, rights));
    }

    private static Command deleteAcl(Cursor in) throws ParseException {
        MailboxName mailbox = mailboxArgument(in);
        return done(in, new Command.DeleteAcl(mailbox, argument(in, "an identifier")));
    }

    private static Command listRights(Cursor in) throws ParseException {
        MailboxName mailbox = mailboxArgument(in);
        return done(in, new Command.ListRights(mailbox, argument(in, "an identifier")));
    }

    /** The STATUS items a name stands for; used by STATUS and LIST RETURN (STATUS ...). */
    static Set<Command.StatusItem> statusItems(Cursor in) throws ParseException {
        List<Command.StatusItem> items = in.list("the status items", () -> {
            String name = in.keyword("a status item");
            try {
                return Command.StatusItem.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ParseException("unknown status item " + name
                        + ": expected MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ or SIZE");
            }
        }, false);
        return EnumSet.copyOf(items);
    }
}
