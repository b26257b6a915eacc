package org.storemulti.admin;

import static org.storemulti.admin.AdminCommand.of;

import java.util.List;

import org.storemulti.store.mailbox.MailboxLocation;
import org.storemulti.store.mailbox.MailboxName;
import org.storemulti.store.message.MailboxStatus;

/**
 * Personal and shared mailboxes, seed tables 12-7 and 12-8 ({@code mailbox status} is
 * {@link MailboxStatusCommand}, for its output options).
 * Personal folders are named as the seed does ({@code INBOX}, {@code Important/work});
 * shared mailboxes without their {@code shared/} prefix (a full name is accepted too).
 */
final class MailboxCommands {

    private MailboxCommands() {
    }

    static List<AdminCommand> commands() {
        return List.of(
            of("mailbox user-path", "mbox_get_user_path", "USER MAILBOX",
                "Print where USER's MAILBOX lives: DATABASE mailbox=ID messages=DIRECTORY.",
                (s, a, out) -> out.println(path(s.store().mailboxes().locate(s.domain(),
                        personal(a.get(0), a.get(1)))))),
            of("mailbox user-add", "mbox_user_add", "USER", "Create the user (unless it exists) and its INBOX.",
                (s, a, out) -> {
                    s.store().mailboxes().addUser(s.domain(), s.newUser(a.get(0)));
                    s.rememberUser(a.get(0));
                }),
            of("mailbox user-del", "mbox_user_del", "USER", "Delete the user with all its mailboxes and messages.",
                (s, a, out) -> s.store().mailboxes().deleteUser(s.domain(), a.get(0))),
            of("mailbox user-list", "mbox_user_list", "[PATTERN]",
                "Print the domain's personal mailboxes (user/NAME/...) matching PATTERN.",
                (s, a, out) -> s.store().mailboxes().listUser(s.domain(), ListPattern.of(a.orElse(0, "*")).value())
                        .forEach(out::println)),
            of("mailbox user-rename", "mbox_user_rename", "OLD NEW",
                "Rename user OLD to NEW with each of its mailboxes.",
                (s, a, out) -> s.store().mailboxes().renameUser(s.domain(), a.get(0), s.newUser(a.get(1)))),
            of("mailbox user-to-shared", "mbox_user_to_shared", "USER SHARED",
                "Turn user/USER/INBOX into shared/SHARED and user/USER/X into shared/SHARED/X.",
                (s, a, out) -> s.store().mailboxes().userToShared(s.domain(), a.get(0), shared(a.get(1)))),
            of("mailbox usersub-add", "mbox_usersub_add", "USER [MAILBOX]",
                "Create sub-folder MAILBOX of USER; with one argument, of the user last added in this session.",
                (s, a, out) -> s.store().mailboxes().addUserFolder(s.domain(), user(s, a, "mbox_usersub_add"),
                        a.has(1) ? a.get(1) : a.get(0))),
            of("mailbox usersub-del", "mbox_usersub_del", "USER MAILBOX", "Delete USER's sub-folder and its messages.",
                (s, a, out) -> s.store().mailboxes().deleteUserFolder(s.domain(), a.get(0), a.get(1))),
            of("mailbox usersub-rename", "mbox_usersub_rename", "USER OLD NEW",
                "Rename USER's sub-folder OLD (and the folders below it) to NEW.",
                (s, a, out) -> s.store().mailboxes().renameUserFolder(s.domain(), a.get(0), a.get(1), a.get(2))),
            of("mailbox shared-path", "mbox_get_shared_path", "MAILBOX",
                "Print where the shared MAILBOX lives: DATABASE mailbox=ID messages=DIRECTORY.",
                (s, a, out) -> out.println(path(s.store().mailboxes().locate(s.domain(),
                        "shared/" + shared(a.get(0)))))),
            of("mailbox shared-add", "mbox_shared_add", "MAILBOX [OWNER]",
                "Create shared MAILBOX owned by OWNER (not needed below an owned mailbox).",
                (s, a, out) -> s.store().mailboxes().addShared(s.domain(), shared(a.get(0)), a.orElse(1, null))),
            of("mailbox shared-del", "mbox_shared_del", "MAILBOX", "Delete the shared mailbox and its messages.",
                (s, a, out) -> s.store().mailboxes().deleteShared(s.domain(), shared(a.get(0)))),
            of("mailbox shared-list", "mbox_shared_list", "[PATTERN]", "Print the shared mailboxes matching PATTERN.",
                (s, a, out) -> s.store().mailboxes().listShared(s.domain(), ListPattern.of(a.orElse(0, "*")).value())
                        .forEach(out::println)),
            of("mailbox shared-rename", "mbox_shared_rename", "OLD NEW",
                "Rename shared mailbox OLD (and those below it) to NEW.",
                (s, a, out) -> s.store().mailboxes().renameShared(s.domain(), shared(a.get(0)), shared(a.get(1)))));
    }

    /** {@code user/USER/FOLDER}; a full {@code user/...} or {@code shared/...} name is kept. */
    static String personal(String user, String folder) {
        if (folder.startsWith("user/") || folder.startsWith("shared/")) {
            return folder;
        }
        return "user/" + user + "/" + folder;
    }

    /** A shared name without its {@code shared/} prefix. */
    static String shared(String name) {
        return name.startsWith("shared/") ? name.substring("shared/".length()) : name;
    }

    private static String user(AdminSession s, AdminCommand.Args a, String command) {
        return a.has(1) ? a.get(0) : s.lastUser(command);
    }

    private static String path(MailboxLocation location) {
        return location.database() + " mailbox=" + location.mailboxId() + " messages=" + location.messagesDirectory();
    }

    /** The status of {@code address}'s personal {@code mailbox}: its domain, full name and counts. */
    record Status(String domain, String mailbox, MailboxStatus counts) {
    }

    /** {@code USER@DOMAIN} (or USER of the current or default domain) and a folder, or a full mailbox name. */
    static Status status(AdminSession s, String address, String mailbox) {
        int at = address.lastIndexOf('@');
        String user = at < 0 ? address : address.substring(0, at);
        String domain = at >= 0 ? address.substring(at + 1) : s.hasDomain() ? s.domain() : s.defaultDomain();
        String name = personal(user, mailbox);
        new MailboxName(name);
        String stored = s.store().domains().get(domain).name();
        return new Status(stored, name, s.store().messages().status(stored, name));
    }
}
