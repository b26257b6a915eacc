package org.storemulti.admin;

import static org.storemulti.admin.AdminCommand.of;

import java.io.PrintWriter;
import java.util.List;

import org.storemulti.store.Store;

/**
 * Access control lists on personal and shared mailboxes (RFC 4314 rights
 * {@code lrswipkxtecdan}). {@code set} takes {@code RIGHTS} (replace), {@code +RIGHTS} or
 * {@code -RIGHTS}; {@code del} with RIGHTS removes those rights, without removes the entry.
 */
final class AclCommands {

    private AclCommands() {
    }

    static List<AdminCommand> commands() {
        return List.of(
            of("acl user-get", "acl_user_get", "USER MAILBOX", "Print: IDENTIFIER RIGHTS for each entry.",
                (s, a, out) -> print(s.store(), s.domain(), MailboxCommands.personal(a.get(0), a.get(1)), out)),
            of("acl user-set", "acl_user_set", "USER MAILBOX IDENTIFIER RIGHTS",
                "Set IDENTIFIER's RIGHTS on USER's MAILBOX, then print the list.",
                (s, a, out) -> set(s, MailboxCommands.personal(a.get(0), a.get(1)), a.get(2), a.get(3), out)),
            of("acl user-del", "acl_user_del", "USER MAILBOX IDENTIFIER [RIGHTS]",
                "Remove RIGHTS (or the whole entry) of IDENTIFIER on USER's MAILBOX.",
                (s, a, out) -> delete(s, MailboxCommands.personal(a.get(0), a.get(1)), a.get(2), a.orElse(3, null))),
            of("acl shared-get", "acl_shared_get", "MAILBOX", "Print: IDENTIFIER RIGHTS for each entry.",
                (s, a, out) -> print(s.store(), s.domain(), sharedName(a.get(0)), out)),
            of("acl shared-set", "acl_shared_set", "MAILBOX IDENTIFIER RIGHTS",
                "Set IDENTIFIER's RIGHTS on the shared MAILBOX, then print the list.",
                (s, a, out) -> set(s, sharedName(a.get(0)), a.get(1), a.get(2), out)),
            of("acl shared-del", "acl_shared_del", "MAILBOX IDENTIFIER [RIGHTS]",
                "Remove RIGHTS (or the whole entry) of IDENTIFIER on the shared MAILBOX.",
                (s, a, out) -> delete(s, sharedName(a.get(0)), a.get(1), a.orElse(2, null))));
    }

    private static String sharedName(String mailbox) {
        return "shared/" + MailboxCommands.shared(mailbox);
    }

    private static void set(AdminSession s, String mailbox, String identifier, String rights, PrintWriter out) {
        s.store().acls().set(s.domain(), mailbox, identifier, rights);
        print(s.store(), s.domain(), mailbox, out);
    }

    private static void delete(AdminSession s, String mailbox, String identifier, String rights) {
        if (rights == null) {
            s.store().acls().delete(s.domain(), mailbox, identifier);
        } else {
            String bare = rights.startsWith("-") || rights.startsWith("+") ? rights.substring(1) : rights;
            s.store().acls().set(s.domain(), mailbox, identifier, "-" + bare);
        }
    }

    private static void print(Store store, String domain, String mailbox, PrintWriter out) {
        store.acls().get(domain, mailbox).forEach(e -> out.println(e.identifier() + " " + e.rights()));
    }
}
