package org.storemulti.admin;

import static org.storemulti.admin.AdminCommand.of;

import java.util.List;

import org.storemulti.store.auth.AuthAccount;
import org.storemulti.store.auth.AuthAlias;

/**
 * Password accounts and auth aliases, seed tables 12-5 and 12-6. Account names follow the
 * admin-append-domain-auth rule ({@link AdminSession#authId}); alias targets without a
 * domain fall in {@code default_domain}.
 */
final class AuthCommands {

    private AuthCommands() {
    }

    static List<AdminCommand> commands() {
        return List.of(
            of("auth add", "auth_add", "AUTHID PASSWORD",
                "Add an enabled password account; PASSWORD is plain (hashed here) or {SCHEME}hash.",
                (s, a, out) -> s.store().authAccounts().add(s.authId(a.get(0)), a.get(1))),
            of("auth del", "auth_del", "AUTHID", "Delete the password account.",
                (s, a, out) -> s.store().authAccounts().delete(s.authId(a.get(0)))),
            of("auth disable", "auth_disable", "AUTHID", "Refuse the account's stored password.",
                (s, a, out) -> s.store().authAccounts().disable(s.authId(a.get(0)))),
            of("auth enable", "auth_enable", "AUTHID", "Accept the account's stored password again.",
                (s, a, out) -> s.store().authAccounts().enable(s.authId(a.get(0)))),
            of("auth get", "auth_get", "AUTHID",
                "Print: AUTHID EXPIRY ENABLED (expiry 0 or YYYYMMDDHHNNSS, enabled 1 or 0).",
                (s, a, out) -> out.println(s.store().authAccounts().get(s.authId(a.get(0))).toLine())),
            of("auth list", "auth_list", "[PATTERN]", "Print the accounts matching PATTERN, as auth get does.",
                (s, a, out) -> s.store().authAccounts().list(ListPattern.of(a.orElse(0, "*")).value()).stream()
                        .map(AuthAccount::toLine).forEach(out::println)),
            of("auth mod", "auth_mod", "AUTHID EXPIRY",
                "Set when the password expires: 0 (never) or YYYYMMDDHHNNSS (UTC).",
                (s, a, out) -> s.store().authAccounts().modifyExpiry(s.authId(a.get(0)), a.get(1))),
            of("auth passwd", "auth_passwd", "AUTHID PASSWORD", "Replace the account's password.",
                (s, a, out) -> s.store().authAccounts().setPassword(s.authId(a.get(0)), a.get(1))),
            of("auth rename", "auth_rename", "OLD NEW", "Rename the password account OLD to NEW.",
                (s, a, out) -> s.store().authAccounts().rename(s.authId(a.get(0)), s.authId(a.get(1)))),
            of("auth alias-add", "auth_alias_add", "AUTHID USERID",
                "Let login AUTHID be authorized as USERID (user@domain; a bare user is in default_domain).",
                (s, a, out) -> s.store().authAliases().add(a.get(0), s.qualify(a.get(1)))),
            of("auth alias-del", "auth_alias_del", "AUTHID", "Remove the alias of login AUTHID.",
                (s, a, out) -> s.store().authAliases().delete(a.get(0))),
            of("auth alias-mod", "auth_alias_mod", "AUTHID USERID", "Point the alias of AUTHID at USERID.",
                (s, a, out) -> s.store().authAliases().modify(a.get(0), s.qualify(a.get(1)))),
            of("auth alias-list", "auth_alias_list", "[PATTERN]", "Print: AUTHID USERID for aliases matching PATTERN.",
                (s, a, out) -> s.store().authAliases().list(ListPattern.of(a.orElse(0, "*")).value()).stream()
                        .map(AuthCommands::line).forEach(out::println)));
    }

    private static String line(AuthAlias alias) {
        return alias.authId() + " " + alias.userId();
    }
}
