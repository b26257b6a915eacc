package org.storemulti.admin;

import static org.storemulti.admin.AdminCommand.of;

import java.util.List;

import org.storemulti.store.domain.Domain;

/** Domain management, seed table 12-4. */
final class DomainCommands {

    private DomainCommands() {
    }

    static List<AdminCommand> commands() {
        return List.of(
            of("domain add", "domain_add", "DOMAIN",
                "Create the domain (enabled, anonymous logins allowed) with the users anonymous and anyone.",
                (s, a, out) -> s.store().domains().add(a.get(0))),
            of("domain allow-anon", "domain_allow_anon", "DOMAIN", "Allow anonymous logins for the domain.",
                (s, a, out) -> s.store().domains().allowAnonymous(a.get(0))),
            of("domain del", "domain_del", "DOMAIN",
                "Remove the domain with all its users and mailboxes. Not reversible.",
                (s, a, out) -> s.store().domains().delete(a.get(0))),
            of("domain del-quota", "domain_del_quota", "DOMAIN", "Remove the domain's quota.",
                (s, a, out) -> s.store().domains().deleteQuota(a.get(0))),
            of("domain disable", "domain_disable", "DOMAIN",
                "Refuse authentication to the domain's users; mail is still delivered.",
                (s, a, out) -> s.store().domains().disable(a.get(0))),
            of("domain disable-anon", "domain_disable_anon", "DOMAIN", "Refuse anonymous logins for the domain.",
                (s, a, out) -> s.store().domains().disableAnonymous(a.get(0))),
            of("domain enable", "domain_enable", "DOMAIN", "Let the domain's users authenticate again.",
                (s, a, out) -> s.store().domains().enable(a.get(0))),
            of("domain get", "domain_get", "DOMAIN",
                "Print: DOMAIN enabled=1|0 anonymous=1|0 quota=KB|none used=KB.",
                (s, a, out) -> out.println(line(s.store().domains().get(a.get(0))))),
            of("domain list", "domain_list", "[PATTERN]", "Print the domains matching the glob PATTERN (* and ?).",
                (s, a, out) -> s.store().domains().list(ListPattern.of(a.orElse(0, "*")).value())
                        .forEach(d -> out.println(d.name()))),
            of("domain rename", "domain_rename", "OLD NEW",
                "Rename domain OLD to NEW; password accounts keep their names.",
                (s, a, out) -> s.store().domains().rename(a.get(0), a.get(1))),
            of("domain set", "domain_set", "DOMAIN",
                "Make DOMAIN the current domain for the following account and mailbox commands.",
                (s, a, out) -> s.setDomain(a.get(0))),
            of("domain set-quota", "domain_set_quota", "DOMAIN KB", "Set a quota of KB kilobytes on the whole domain.",
                (s, a, out) -> s.store().domains().setQuota(a.get(0), Kilobytes.parse("quota", a.get(1)).value())));
    }

    static String line(Domain d) {
        return d.name() + " enabled=" + (d.enabled() ? 1 : 0) + " anonymous=" + (d.anonymousAllowed() ? 1 : 0)
                + " quota=" + (d.quotaKb().isPresent() ? Long.toString(d.quotaKb().getAsLong()) : "none")
                + " used=" + (d.usedBytes() + 1023) / 1024;
    }
}
