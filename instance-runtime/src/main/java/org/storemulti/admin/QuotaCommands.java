package org.storemulti.admin;

import static org.storemulti.admin.AdminCommand.of;

import java.util.List;

import org.storemulti.store.mailbox.QuotaUsage;

/** Quotas in kilobytes on a user's mailbox tree or a shared one, seed tables 12-7 and 12-8. */
final class QuotaCommands {

    private QuotaCommands() {
    }

    static List<AdminCommand> commands() {
        return List.of(
            of("quota user-get", "quota_user_get", "USER",
                "Print: LIMIT USAGE in kilobytes (LIMIT is none without a quota).",
                (s, a, out) -> out.println(line(s.store().quotas().getUser(s.domain(), a.get(0))))),
            of("quota user-set", "quota_user_set", "USER KB", "Set a quota of KB kilobytes on all of USER's mailboxes.",
                (s, a, out) -> s.store().quotas().setUser(s.domain(), a.get(0),
                        Kilobytes.parse("quota", a.get(1)).value())),
            of("quota user-del", "quota_user_del", "USER", "Remove USER's quota.",
                (s, a, out) -> s.store().quotas().deleteUser(s.domain(), a.get(0))),
            of("quota shared-get", "quota_shared_get", "MAILBOX",
                "Print: LIMIT USAGE in kilobytes for the shared MAILBOX tree.",
                (s, a, out) -> out.println(line(s.store().quotas().getShared(s.domain(),
                        MailboxCommands.shared(a.get(0)))))),
            of("quota shared-set", "quota_shared_set", "MAILBOX KB",
                "Set a quota of KB kilobytes on the shared MAILBOX and its sub-folders.",
                (s, a, out) -> s.store().quotas().setShared(s.domain(), MailboxCommands.shared(a.get(0)),
                        Kilobytes.parse("quota", a.get(1)).value())),
            of("quota shared-del", "quota_shared_del", "MAILBOX", "Remove the shared MAILBOX's quota.",
                (s, a, out) -> s.store().quotas().deleteShared(s.domain(), MailboxCommands.shared(a.get(0)))));
    }

    static String line(QuotaUsage usage) {
        return (usage.limitKb().isPresent() ? Long.toString(usage.limitKb().getAsLong()) : "none") + " "
                + usage.usedKb();
    }
}
