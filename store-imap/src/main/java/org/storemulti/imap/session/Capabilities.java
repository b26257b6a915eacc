package org.storemulti.imap.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What CAPABILITY says, derived from the {@link CommandTable}: an extension is advertised
 * only when every command it needs has a handler that declares it provides the
 * extension. IMAP4rev1 is always listed (RFC 3501 requires it) and LITERAL+ is the
 * framer's own; STARTTLS, LOGINDISABLED and the AUTH= mechanisms depend on the connection.
 */
final class Capabilities {

    /** Each extension and the commands that must all provide it. */
    static final Map<String, List<String>> NEEDS = needs();

    /** Extensions a client may ENABLE (RFC 5161), when advertised. */
    static final Set<String> ENABLEABLE = Set.of("CONDSTORE", "QRESYNC", "UTF8=ACCEPT");

    /** The SASL mechanisms AUTHENTICATE offers. */
    static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");

    private Capabilities() {
    }

    private static Map<String, List<String>> needs() {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        needs.put("SASL-IR", List.of("AUTHENTICATE"));
        needs.put("ID", List.of("ID"));
        needs.put("ENABLE", List.of("ENABLE"));
        needs.put("IDLE", List.of("IDLE"));
        needs.put("NAMESPACE", List.of("NAMESPACE"));
        needs.put("UNSELECT", List.of("UNSELECT"));
        needs.put("UIDPLUS", List.of("APPEND", "COPY", "UID COPY", "UID EXPUNGE"));
        needs.put("MOVE", List.of("MOVE", "UID MOVE"));
        needs.put("MULTIAPPEND", List.of("APPEND"));
        needs.put("CHILDREN", List.of("LIST"));
        needs.put("LIST-EXTENDED", List.of("LIST"));
        needs.put("LIST-STATUS", List.of("LIST", "STATUS"));
        needs.put("SPECIAL-USE", List.of("LIST"));
        needs.put("CREATE-SPECIAL-USE", List.of("CREATE"));
        needs.put("ESEARCH", List.of("SEARCH", "UID SEARCH"));
        needs.put("SEARCHRES", List.of("SEARCH", "UID SEARCH", "FETCH", "UID FETCH", "STORE", "UID STORE", "COPY",
                "UID COPY"));
        needs.put("WITHIN", List.of("SEARCH", "UID SEARCH"));
        needs.put("CONDSTORE", List.of("SELECT", "EXAMINE", "FETCH", "UID FETCH", "STORE", "UID STORE", "SEARCH",
                "UID SEARCH", "STATUS"));
        needs.put("QRESYNC", List.of("SELECT", "EXAMINE", "UID FETCH", "ENABLE"));
        needs.put("BINARY", List.of("FETCH", "UID FETCH"));
        needs.put("QUOTA", List.of("GETQUOTA", "GETQUOTAROOT", "SETQUOTA"));
        needs.put("QUOTA=RES-STORAGE", List.of("GETQUOTA", "GETQUOTAROOT", "SETQUOTA"));
        needs.put("ACL", List.of("GETACL", "SETACL", "DELETEACL", "LISTRIGHTS", "MYRIGHTS"));
        needs.put("QUOTASET", List.of("SETQUOTA"));
        needs.put("STATUS=SIZE", List.of("STATUS"));
        needs.put("STARTTLS", List.of("STARTTLS"));
        return needs;
    }

    /**
     * The capability list for a session: {@code tlsAvailable} (STARTTLS can start now),
     * {@code plaintext} (password logins allowed on this connection), {@code loggedIn}.
     */
    static List<String> of(CommandTable table, boolean tlsAvailable, boolean plaintext, boolean loggedIn) {
        List<String> list = new ArrayList<>(List.of("IMAP4rev1", "LITERAL+"));
        for (Map.Entry<String, List<String>> e : NEEDS.entrySet()) {
            if (e.getKey().equals("STARTTLS") && (!tlsAvailable || loggedIn)) {
                continue;
            }
            if (provided(table, e.getKey(), e.getValue())) {
                list.add(e.getKey());
            }
        }
        if (!list.contains("CONDSTORE")) {
            list.remove("QRESYNC"); // RFC 7162 3.2: QRESYNC implies CONDSTORE
        }
        if (!loggedIn) {
            if (!plaintext) {
                list.add("LOGINDISABLED");
            } else if (table.row("AUTHENTICATE") != null) {
                MECHANISMS.forEach(m -> list.add("AUTH=" + m));
            }
        }
        return list;
    }

    private static boolean provided(CommandTable table, String capability, List<String> commands) {
        for (String command : commands) {
            CommandTable.Row row = table.row(command);
            if (row == null || !row.provides().contains(capability)) {
                return false;
            }
        }
        return true;
    }
}
