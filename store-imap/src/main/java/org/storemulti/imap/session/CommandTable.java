package org.storemulti.imap.session;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.storemulti.imap.command.Command;

/**
 * Every command the parser knows, by wire name: the states it is valid in, its handler
 * (none yet: {@code NO [UNAVAILABLE]}) and the capabilities its handler provides. The one
 * place that says what this server implements; CAPABILITY is derived from it.
 */
final class CommandTable {

    /** One command name. */
    record Row(String name, Class<? extends Command> type, Set<SessionState> states, Handler<? extends Command> handler,
            Set<String> provides) {

        boolean validIn(SessionState state) {
            return states.contains(state);
        }
    }

    private static final Set<SessionState> ANY = EnumSet.of(SessionState.NOT_AUTHENTICATED,
            SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> BEFORE_LOGIN = EnumSet.of(SessionState.NOT_AUTHENTICATED);
    private static final Set<SessionState> AUTHENTICATED = EnumSet.of(SessionState.AUTHENTICATED);
    private static final Set<SessionState> AFTER_LOGIN = EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);
    private static final Set<String> QUOTA = Set.of("QUOTA", "QUOTA=RES-STORAGE", "QUOTASET");

    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** This server's commands. */
    static CommandTable standard() {
        CommandTable t = new CommandTable();
        t.add(ANY, Command.Capability.class, ConnectionCommands::capability, Set.of(), "CAPABILITY");
        t.add(ANY, Command.Noop.class, ConnectionCommands::noop, Set.of(), "NOOP");
        t.add(ANY, Command.Logout.class, ConnectionCommands::logout, Set.of(), "LOGOUT");
        t.add(ANY, Command.Id.class, ConnectionCommands::id, Set.of("ID"), "ID");
        t.add(BEFORE_LOGIN, Command.StartTls.class, ConnectionCommands::startTls, Set.of("STARTTLS"), "STARTTLS");
        t.add(BEFORE_LOGIN, Command.Login.class, LoginCommands::login, Set.of(), "LOGIN");
        t.add(BEFORE_LOGIN, Command.Authenticate.class, LoginCommands::authenticate, Set.of("SASL-IR"), "AUTHENTICATE");
        t.add(AUTHENTICATED, Command.Enable.class, ConnectionCommands::enable, Set.of("ENABLE", "QRESYNC"), "ENABLE");
        t.add(AFTER_LOGIN, Command.Idle.class, IdleCommand::idle, Set.of("IDLE"), "IDLE");
        t.add(AFTER_LOGIN, Command.Select.class, SelectCommand::select, Set.of("CONDSTORE", "QRESYNC"), "SELECT",
                "EXAMINE");
        t.add(AFTER_LOGIN, Command.Create.class, CreateCommand::create, Set.of("CREATE-SPECIAL-USE"), "CREATE");
        t.add(AFTER_LOGIN, Command.Delete.class, DeleteCommand::delete, Set.of(), "DELETE");
        t.add(AFTER_LOGIN, Command.Rename.class, RenameCommand::rename, Set.of(), "RENAME");
        t.add(AFTER_LOGIN, Command.Subscribe.class, SubscribeCommand::subscribe, Set.of(), "SUBSCRIBE");
        t.add(AFTER_LOGIN, Command.Unsubscribe.class, SubscribeCommand::unsubscribe, Set.of(), "UNSUBSCRIBE");
        t.add(AFTER_LOGIN, Command.ListMailboxes.class, ListCommand::list,
                Set.of("CHILDREN", "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE"), "LIST");
        t.add(AFTER_LOGIN, Command.Lsub.class, ListCommand::lsub, Set.of(), "LSUB");
        t.add(AFTER_LOGIN, Command.Status.class, StatusCommand::status, Set.of("CONDSTORE", "LIST-STATUS", "STATUS=SIZE"),
                "STATUS");
        t.add(AFTER_LOGIN, Command.Append.class, AppendCommand::append, Set.of("UIDPLUS", "MULTIAPPEND"), "APPEND");
        t.add(AFTER_LOGIN, Command.Namespace.class, ListCommand::namespace, Set.of("NAMESPACE"), "NAMESPACE");
        t.add(AFTER_LOGIN, Command.GetQuota.class, QuotaCommands::getQuota, QUOTA, "GETQUOTA");
        t.add(AFTER_LOGIN, Command.GetQuotaRoot.class, QuotaCommands::getQuotaRoot, QUOTA, "GETQUOTAROOT");
        t.add(AFTER_LOGIN, Command.SetQuota.class, QuotaCommands::setQuota, QUOTA, "SETQUOTA");
        t.add(AFTER_LOGIN, Command.GetAcl.class, AclCommands::getAcl, Set.of("ACL"), "GETACL");
        t.add(AFTER_LOGIN, Command.SetAcl.class, AclCommands::setAcl, Set.of("ACL"), "SETACL");
        t.add(AFTER_LOGIN, Command.DeleteAcl.class, AclCommands::deleteAcl, Set.of("ACL"), "DELETEACL");
        t.add(AFTER_LOGIN, Command.ListRights.class, AclCommands::listRights, Set.of("ACL"), "LISTRIGHTS");
        t.add(AFTER_LOGIN, Command.MyRights.class, AclCommands::myRights, Set.of("ACL"), "MYRIGHTS");
        t.add(SELECTED, Command.Check.class, SelectCommand::check, Set.of(), "CHECK");
        t.add(SELECTED, Command.Close.class, SelectCommand::close, Set.of(), "CLOSE");
        t.add(SELECTED, Command.Unselect.class, SelectCommand::unselect, Set.of("UNSELECT"), "UNSELECT");
        t.add(SELECTED, Command.Expunge.class, ExpungeCommand::expunge, Set.of("UIDPLUS"), "EXPUNGE", "UID EXPUNGE");
        t.add(SELECTED, Command.Search.class, SearchCommand::search, Set.of("ESEARCH", "SEARCHRES", "WITHIN", "CONDSTORE"),
                "SEARCH", "UID SEARCH");
        t.add(SELECTED, Command.Fetch.class, FetchCommand::fetch, Set.of("CONDSTORE", "QRESYNC", "BINARY", "SEARCHRES"),
                "FETCH", "UID FETCH");
        t.add(SELECTED, Command.StoreFlags.class, StoreCommand::store, Set.of("CONDSTORE", "SEARCHRES"), "STORE",
                "UID STORE");
        t.add(SELECTED, Command.Copy.class, CopyCommand::copy, Set.of("UIDPLUS", "SEARCHRES"), "COPY", "UID COPY");
        t.add(SELECTED, Command.Move.class, CopyCommand::move, Set.of("MOVE"), "MOVE", "UID MOVE");
        return t;
    }

    private <C extends Command> void add(Set<SessionState> states, Class<C> type, Handler<C> handler,
            Set<String> provides, String... names) {
        for (String name : names) {
            rows.put(name, new Row(name, type, states, handler, provides));
        }
    }

    /** The row of a wire name ({@code FETCH}, {@code UID FETCH}); null for an unknown command. */
    Row row(String name) {
        return name == null ? null : rows.get(name);
    }

    /** All rows, in table order. */
    Iterable<Row> rows() {
        return rows.values();
    }
}
