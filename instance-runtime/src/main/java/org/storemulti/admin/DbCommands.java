package org.storemulti.admin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.storemulti.cli.JsonLines;
import org.storemulti.cli.Progress;
import org.storemulti.cli.OutputOptions;
import org.storemulti.store.Store;
import org.storemulti.store.tools.BackupResult;
import org.storemulti.store.tools.DatabaseTools;
import org.storemulti.store.tools.Problem;
import org.storemulti.store.tools.RestoreResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The database tools ({@code storeadm db ...}, seed names {@code msdb_*}) on the engine's
 * {@link DatabaseTools}. The store is SQLite in WAL mode, so the seed's "log files" are
 * the write-ahead log {@code store.db-wal}.
 */
final class DbCommands {

    private DbCommands() {
    }

    static List<CommandTable.Entry> entries() {
        return List.of(
            new CommandTable.Entry("db backup", "msdb_backup", CommandTable.annotated(Backup::new)),
            new CommandTable.Entry("db restore", "msdb_restore", CommandTable.annotated(Restore::new)),
            new CommandTable.Entry("db recover", "msdb_recover", CommandTable.annotated(Recover::new)),
            new CommandTable.Entry("db verify", "msdb_test", CommandTable.annotated(Verify::new)),
            new CommandTable.Entry("db test", null, CommandTable.annotated(Verify::new)),
            new CommandTable.Entry("db upgrade", "msdb_upgrade", CommandTable.annotated(Upgrade::new)),
            new CommandTable.Entry("db archive", "msdb_archive", CommandTable.annotated(Archive::new)));
    }

    /** Prints problems one per line; returns the exit status: 1 if any is left unrepaired. */
    static int report(List<Problem> problems, PrintWriter out) {
        problems.forEach(out::println);
        return problems.stream().allMatch(Problem::repaired) ? 0 : 1;
    }

    @Command(name = "backup", separator = " ",
            description = {"Live, consistent backup while the daemon delivers: the database (VACUUM INTO) and "
                + "hard links of the message files, into $data_directory/backup/STORE_Backup_<timestamp>/ "
                + "or DIRECTORY. It is written under a hidden temporary name, finished with a MANIFEST (counts, "
                + "sizes, digest of store.db) and renamed into place last; directories 0700, files 0600. "
                + "Prints the backup directory."})
    static final class Backup extends ToolCommand {
        @Parameters(paramLabel = "DIRECTORY", arity = "0..1", description = "Where to put it (must not exist).")
        Path target;

        Backup(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() {
            DatabaseTools tools = session.store().tools();
            Progress progress = Progress.start(err(), "db backup");
            BackupResult r;
            try {
                r = target == null ? tools.backup(progress) : tools.backup(target.toAbsolutePath(), progress);
            } finally {
                progress.finish();
            }
            out().println(r.directory() + " linked=" + r.linked() + " copied=" + r.copied()
                    + " expunged_meanwhile=" + r.expungedMeanwhile());
            return 0;
        }
    }

    @Command(name = "restore", separator = " ",
            description = {"Restore BACKUP_PATH into the stopped instance. The backup is checked completely first "
                + "(its MANIFEST, the digest of its store.db, SQLite's integrity check, every message file the "
                + "index references, the counts): an incomplete or damaged backup is refused and nothing changes. "
                + "Then the current store.db and messages/ are kept as NAME.asof<timestamp> and the backup's take "
                + "their place; if that fails, the previous store is put back."})
    static final class Restore extends ToolCommand {
        @Parameters(paramLabel = "BACKUP_PATH", description = "A directory made by db backup.")
        Path backup;

        Restore(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() {
            session.close();
            Progress progress = Progress.start(err(), "db restore");
            RestoreResult r;
            try {
                r = DatabaseTools.restore(session.dataDirectory(), backup.toAbsolutePath(), Clock.systemUTC(),
                        progress);
            } finally {
                progress.finish();
            }
            r.setAside().forEach(p -> out().println("kept " + p));
            out().println("restored " + backup.toAbsolutePath() + ": " + r.messages() + " messages in "
                    + r.messageFiles() + " files");
            return report(r.problems(), out());
        }
    }

    @Command(name = "recover", separator = " ",
            description = {"Bring the store to a consistent state after a crash: committed transactions are kept, "
                + "leftover temporary files removed, index and files reconciled, then checkpointed. "
                + "Prints what it repaired."})
    static final class Recover extends ToolCommand {
        @Option(names = "-c", description = "After a catastrophic failure and restore: also verify afterwards.")
        boolean catastrophic;

        @Option(names = "-v", description = "Say what was done.")
        boolean verbose;

        Recover(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() {
            List<Problem> problems = session.store().tools().recover();
            int status = report(problems, out());
            if (catastrophic) {
                status = Math.max(status, report(session.store().tools().verify(false), out()));
            }
            if (verbose) {
                out().println("recovered " + session.dataDirectory() + ": " + problems.size() + " problems found");
            }
            return status;
        }
    }

    @Command(name = "verify", separator = " ",
            description = {"Check the database (integrity, foreign keys, usage) and the database against the "
                + "message files (missing, orphan, size). Prints one line per problem; exit status 1 if any. "
                + "With -j, one JSON object: data_directory, schema_version, problems (kind, where, detail, repaired)."})
    static final class Verify extends ToolCommand {
        @Option(names = "-r", description = "Recover first (as db recover).")
        boolean recover;

        @Option(names = "-v", description = "Also print the state when all is well.")
        boolean verbose;

        @Mixin
        OutputOptions output;

        Verify(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() {
            Store store = session.store();
            boolean json = output.json();
            List<Problem> recovered = recover ? store.tools().recover() : List.of();
            Progress progress = Progress.start(err(), "db verify");
            List<Problem> problems;
            try {
                problems = store.tools().verify(false, progress);
            } finally {
                progress.finish();
            }
            if (json) {
                return json(store, recovered, problems);
            }
            int status = Math.max(report(recovered, out()), report(problems, out()));
            if (verbose) {
                out().println(session.dataDirectory() + ": schema version " + store.schemaVersion() + ", "
                        + problems.size() + " problems");
            }
            return status;
        }

        /** The whole result as one object; the exit status as the text's. */
        private int json(Store store, List<Problem> recovered, List<Problem> problems) {
            List<Problem> all = new ArrayList<>(recovered);
            all.addAll(problems);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("data_directory", session.dataDirectory().toString());
            json.put("schema_version", store.schemaVersion());
            json.put("problems", all.stream().map(p -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("kind", p.kind().label());
                problem.put("where", p.where());
                problem.put("detail", p.detail());
                problem.put("repaired", p.repaired());
                return problem;
            }).toList());
            JsonLines.print(out(), json);
            return all.stream().allMatch(Problem::repaired) ? 0 : 1;
        }
    }

    @Command(name = "upgrade", separator = " ",
            description = {"Create the database or apply pending schema migrations; needs the data directory "
                + "to itself (instance stopped). Prints the schema version reached."})
    static final class Upgrade extends ToolCommand {
        Upgrade(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() {
            session.close();
            out().println("schema version " + Store.upgrade(session.dataDirectory()));
            return 0;
        }
    }

    @Command(name = "archive", separator = " ",
            description = {"List the files a backup must copy: the database, its write-ahead log and every "
                + "referenced message file, relative to data_directory."})
    static final class Archive extends ToolCommand {
        @Option(names = "-a", description = "Absolute path names.")
        boolean absolute;

        @Option(names = "-l", description = "Only the log files (store.db-wal).")
        boolean logs;

        @Option(names = "-s", description = "Only the database and message files, not the log.")
        boolean data;

        @Option(names = "-v", description = "Also print how many files were listed.")
        boolean verbose;

        Archive(AdminSession session) {
            super(session);
        }

        @Override
        public Integer call() {
            Path root = session.dataDirectory().toAbsolutePath().normalize();
            List<Path> files = session.store().tools().archiveList().stream()
                    .filter(p -> !logs || p.getFileName().toString().endsWith("-wal"))
                    .filter(p -> !data || !p.getFileName().toString().endsWith("-wal"))
                    .toList();
            files.forEach(p -> out().println(absolute ? p : root.relativize(p)));
            if (verbose) {
                out().println(files.size() + " files at " + Instant.now());
            }
            return 0;
        }
    }
}
