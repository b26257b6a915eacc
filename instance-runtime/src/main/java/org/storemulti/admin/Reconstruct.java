package org.storemulti.admin;

import java.util.List;

import org.storemulti.cli.Progress;
import org.storemulti.cli.VersionProvider;
import org.storemulti.store.tools.ReconstructResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reconstruct [-r] [-u user] domain [mailbox]} (seed table 12-16): rebuild mailbox
 * indexes from the message files, keeping the flags and internal dates the index still
 * holds. MAILBOX is a full name ({@code user/joe}, {@code shared/admin}), a folder of
 * {@code -u}'s user, or a shared name.
 */
@Command(name = "reconstruct", separator = " ", sortOptions = false,
        description = {"Rebuild mailbox indexes of DOMAIN from the message files; prints, per mailbox: "
            + "DOMAIN MAILBOX kept=N added=N removed=N.",
            "Examples: -r example.com (every mailbox); -r -u joe example.com (all of joe's); "
                + "-u joe example.com INBOX; example.com admin (shared/admin)."})
final class Reconstruct extends ToolCommand {

    @Option(names = "-r", description = "Also every mailbox below; without MAILBOX, the whole domain (or user).")
    boolean recursive;

    @Option(names = "-u", paramLabel = "user", description = "The mailboxes of this user.")
    String user;

    @Option(names = "-v", description = "Print the version on standard error and exit.")
    boolean version;

    @Parameters(index = "0", paramLabel = "domain", arity = "0..1", description = "The domain.")
    String domain;

    @Parameters(index = "1", paramLabel = "mailbox", arity = "0..1", description = "The mailbox or mailbox prefix.")
    String mailbox;

    Reconstruct(AdminSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        if (version) {
            err().println("reconstruct " + VersionProvider.version());
            return 0;
        }
        if (domain == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing domain");
        }
        String target = target();
        // no counts yet: the engine's reconstruct reports no progress (WorkProgress), so the line shows the time
        Progress progress = Progress.start(err(), "reconstruct");
        List<ReconstructResult> results;
        try {
            results = recursive ? session.store().tools().reconstructTree(domain, target)
                    : List.of(session.store().tools().reconstruct(domain, target));
        } finally {
            progress.finish();
        }
        results.forEach(r -> out().println(r.domain() + " " + r.mailbox() + " kept=" + r.kept() + " added="
                + r.added() + " removed=" + r.removed()));
        return 0;
    }

    /** The mailbox or tree root the arguments name; {@code ""} for the whole domain. */
    private String target() {
        if (mailbox != null && (mailbox.startsWith("user/") || mailbox.startsWith("shared/"))) {
            return mailbox;
        }
        if (user != null) {
            String root = "user/" + user;
            return mailbox != null ? root + "/" + mailbox : recursive ? root : root + "/INBOX";
        }
        if (mailbox != null) {
            return "shared/" + mailbox;
        }
        if (!recursive) {
            throw new AdminException("reconstruct: give a mailbox, -u USER, or -r for the whole domain");
        }
        return "";
    }
}
