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

        boolean implemented() {
            return handler != null;
        }
    }

    private static final Set<SessionState> ANY = EnumSet.of(SessionState.NOT_AUTHENTICATED,
            SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> BEFORE_LOGIN = EnumSet.of(SessionState.NOT_AUTHENTICATED);
    private static final Set<SessionState> AUTHENTICATED = EnumSet.of(SessionState.AUTHENTICATED);
    private static final Set<SessionState> AFTER_LOGIN = EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);

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
        // awaiting the engine's read side (issue 12): valid where RFC 3501 says, not implemented yet
        t.add(AFTER_LOGIN, Command.Select.class, SelectCommand::select, Set.of("CONDSTORE", "QRESYNC"), "SELECT",
                "EXAMINE");
        t.notYet(AFTER_LOGIN, Command.Create.class, "CREATE");
        t.notYet(AFTER_LOGIN, Command.Delete.class, "DELETE");
        t.notYet(AFTER_LOGIN, Command.Rename.class, "RENAME");
        t.notYet(AFTER_LOGIN, Command.Subscribe.class, "SUBSCRIBE");
        t.notYet(AFTER_LOGIN, Command.Unsubscribe.class, "UNSUBSCRIBE");
        t.notYet(AFTER_LOGIN, Command.ListMailboxes.class, "LIST");
        t.notYet(AFTER_LOGIN, Command.Lsub.class, "LSUB");
        t.notYet(AFTER_LOGIN, Command.Status.class, "STATUS");
        t.notYet(AFTER_LOGIN, Command.Append.class, "APPEND");
        t.notYet(AFTER_LOGIN, Command.Namespace.class, "NAMESPACE");
        t.notYet(AFTER_LOGIN, Command.GetQuota.class, "GETQUOTA");
        t.notYet(AFTER_LOGIN, Command.GetQuotaRoot.class, "GETQUOTAROOT");
        t.notYet(AFTER_LOGIN, Command.SetQuota.class, "SETQUOTA");
        t.notYet(AFTER_LOGIN, Command.GetAcl.class, "GETACL");
        t.notYet(AFTER_LOGIN, Command.SetAcl.class, "SETACL");
        t.notYet(AFTER_LOGIN, Command.DeleteAcl.class, "DELETEACL");
        t.notYet(AFTER_LOGIN, Command.ListRights.class, "LISTRIGHTS");
        t.notYet(AFTER_LOGIN, Command.MyRights.class, "MYRIGHTS");
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

    private void notYet(Set<SessionState> states, Class<? extends Command> type, String... names) {
        for (String name : names) {
            rows.put(name, new Row(name, type, states, null, Set.of()));
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
