package org.storemulti.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.storemulti.spool.SpoolRecover;
import org.storemulti.spool.SpoolSave;
import org.storemulti.sync.mbox.LockPolicy;
import org.storemulti.sync.mbox.MboxFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code storeadm spool save|recover}: the seed's mailasm(8) for a Unix mail spool, on
 * {@link SpoolSave} and {@link SpoolRecover}. They work on files, not on the instance's store,
 * so they need no instance and run as whoever runs them (root, to read every user's mailbox).
 * The seed has no command names of its own (NetWorker's save and recover ran mailasm), so
 * there is no second name.
 */
final class SpoolCommands {

    /** The group name; StoreAdm lets these commands run as the caller, not as mail_owner. */
    static final String GROUP = "spool";

    private SpoolCommands() {
    }

    static List<CommandTable.Entry> entries() {
        return List.of(
            new CommandTable.Entry("spool save", null, CommandTable.annotated(session -> new Save())),
            new CommandTable.Entry("spool recover", null, CommandTable.annotated(session -> new Recover())));
    }

    /** What both commands share: {@code --help}, {@code --exclude}, output, the lock notices. */
    abstract static class SpoolCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--exclude", paramLabel = "GLOB",
                description = "Leave out mailboxes whose name matches (*, ?, [..], {a,b}); may be repeated.")
        List<String> excludes = new ArrayList<>();

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** The mail locks with Debian's defaults; a stale lock broken is said on stderr. */
        LockPolicy locks() {
            return LockPolicy.defaults().withNotices(notice -> err().println("storeadm: spool: " + notice));
        }
    }

    @Command(name = "save", separator = " ", sortOptions = false,
            description = {"Save the mailbox files of SPOOL_DIR into a new dated archive under ARCHIVE_DIR: each file "
                + "whose size or mtime changed since the last archive is copied under the mail locks (dotlock and "
                + "fcntl, as Postfix takes them) and gets its atime and mtime back; each other one is hard-linked "
                + "from the last archive without being opened. The MANIFEST (name, size, times, owner, group, mode, "
                + "SHA-256) is written last. Hidden files, NAME.lock files, links and directories are not mailboxes.",
                "Prints the archive and what was copied and linked; a mailbox that could not be saved is one line "
                    + "on stderr and makes the exit status 1."})
    static final class Save extends SpoolCommand {

        @Parameters(paramLabel = "SPOOL_DIR", description = "The mail spool, e.g. /var/mail.")
        Path spool;

        @Option(names = "--to", paramLabel = "ARCHIVE_DIR", required = true,
                description = "Where the dated archives go (mode 0700; one spool per ARCHIVE_DIR).")
        Path archives;

        @Override
        public Integer call() throws IOException {
            SpoolSave.Report report = SpoolSave.save(spool, archives,
                    new SpoolSave.Options(excludes, locks(), java.time.Clock.systemUTC()));
            out().println(report.archive() + ": " + report.copied() + " copied (" + report.bytesCopied() + " bytes), "
                    + report.linked() + " unchanged and linked, " + report.skipped() + " skipped");
            report.problems().forEach(problem -> err().println("storeadm: spool save: " + problem));
            return report.problems().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "recover", separator = " ", sortOptions = false,
            description = {"Put mailboxes back from ARCHIVE_DIR (one dated archive, or a directory of them: the newest) "
                + "with their owner, group, mode and times. A mailbox that is absent, empty or as archived is "
                + "recovered (or left alone); one that changed since the archive was taken is refused, unless "
                + "--merge (the archived messages it lacks are added, matched by Message-ID and digest) or --force "
                + "(it is replaced). Every change is a whole file renamed into place under the mail locks.",
                "Prints one line per mailbox; refusals and failures go to stderr and make the exit status 1."})
    static final class Recover extends SpoolCommand {

        @Parameters(index = "0", paramLabel = "ARCHIVE_DIR", description = "An archive made by spool save.")
        Path archive;

        @Parameters(index = "1..*", paramLabel = "MAILBOX", description = "Only these mailboxes (default: all).")
        List<String> mailboxes = new ArrayList<>();

        @Option(names = "--to", paramLabel = "SPOOL_DIR",
                description = "Recover into this directory (default: the spool the archive was saved from).")
        Path target;

        @Option(names = "--merge", description = "Add the archived messages a changed mailbox lacks.")
        boolean merge;

        @Option(names = "--force", description = "Replace a changed mailbox with the archived copy.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (merge && force) {
                throw new ParameterException(spec.commandLine(), "--merge and --force exclude each other");
            }
            SpoolRecover.Mode mode = merge ? SpoolRecover.Mode.MERGE : force ? SpoolRecover.Mode.FORCE
                    : SpoolRecover.Mode.REFUSE;
            List<SpoolRecover.Outcome> outcomes = SpoolRecover.recover(archive, new SpoolRecover.Options(target, mode,
                    excludes, mailboxes, locks(), MboxFormat.mboxo()));
            boolean failed = false;
            for (SpoolRecover.Outcome outcome : outcomes) {
                if (outcome.failed()) {
                    err().println("storeadm: spool recover: " + outcome);
                    failed = true;
                } else {
                    out().println(outcome);
                }
            }
            return failed ? 1 : 0;
        }
    }
}
