package org.storemulti.admin;

import static org.storemulti.admin.AdminCommand.of;

import java.util.List;

/** Site administrators, domain administrators and user accounts, seed tables 12-3 and 12-5. */
final class AccountCommands {

    private AccountCommands() {
    }

    static List<AdminCommand> commands() {
        return List.of(
            of("site-admin domain", "get_admin_domain", "",
                "Print the administrative domain (admin_domain in main.cf, else default_domain).",
                (s, a, out) -> out.println(s.adminDomain())),
            of("site-admin add", "site_admin_add", "USER",
                "Make USER of the administrative domain a site administrator.",
                (s, a, out) -> s.store().administrators().addSite(s.adminDomain(), a.get(0))),
            of("site-admin del", "site_admin_del", "USER", "Remove USER's site administrator rights.",
                (s, a, out) -> s.store().administrators().deleteSite(s.adminDomain(), a.get(0))),
            of("site-admin list", "site_admin_list", "[PATTERN]",
                "Print the site administrators (user@domain) matching PATTERN.",
                (s, a, out) -> s.store().administrators().listSite(ListPattern.of(a.orElse(0, "*")).value())
                        .forEach(out::println)),
            of("admin add", "admin_add", "USER", "Make USER an administrator of the current domain.",
                (s, a, out) -> s.store().administrators().addDomain(s.domain(), a.get(0))),
            of("admin del", "admin_del", "USER", "Remove USER's administrator rights on the current domain.",
                (s, a, out) -> s.store().administrators().deleteDomain(s.domain(), a.get(0))),
            of("admin list", "admin_list", "[PATTERN]",
                "Print the current domain's administrators matching PATTERN.",
                (s, a, out) -> s.store().administrators().listDomain(s.domain(),
                        ListPattern.of(a.orElse(0, "*")).value()).forEach(out::println)),
            of("user add", "user_add", "USER", "Create the user account (no mailbox) in the current domain.",
                (s, a, out) -> {
                    s.store().users().add(s.domain(), s.newUser(a.get(0)));
                    s.rememberUser(a.get(0));
                }),
            of("user del", "user_del", "USER",
                "Delete the user account; refused while it has mailboxes (use mailbox user-del).",
                (s, a, out) -> s.store().users().delete(s.domain(), a.get(0))),
            of("user list", "user_list", "[PATTERN]", "Print the current domain's users matching PATTERN.",
                (s, a, out) -> s.store().users().list(s.domain(), ListPattern.of(a.orElse(0, "*")).value())
                        .forEach(out::println)),
            of("user rename", "user_rename", "OLD NEW", "Rename user OLD to NEW with its mailboxes.",
                (s, a, out) -> s.store().users().rename(s.domain(), a.get(0), s.newUser(a.get(1)))));
    }
}
