package org.storemulti.admin;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

import org.storemulti.cli.Progress;
import org.storemulti.cli.Terminal;
import org.storemulti.config.Utf8Lines;
import org.storemulti.fs.AccessDenied;
import org.storemulti.store.auth.PasswordHash;
import org.storemulti.store.error.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulkadd} ({@code msadm_bulkadd}): creates the accounts a data file lists. Lines are
 * parsed first, passwords hashed on every core, then the lines are applied in chunks, each
 * chunk one transaction; every line is all-or-nothing. Bad lines are reported as
 * {@code FILE:LINE: message} and make the exit status 1 once the good lines are in.
 */
@Command(name = "bulkadd", separator = " ", sortOptions = false,
        description = {"Add the users listed in DATAFILE, one per line: <domain>:<user>:<passwd>:<quota>:<inbox>:",
            "<domain>:::<quota>: creates a domain with a quota. Missing domains are created. Empty fields take "
                + "the command line's values (-d, -q, -n); with -O the options given override the file.",
            "PASSWORD is plain (hashed here, SHA512-CRYPT) or an already hashed {SCHEME}value.",
            "The authentication account is USER, or USER@DOMAIN when admin_append_domain_auth = yes and "
                + "DOMAIN is not default_domain."})
final class BulkAdd extends ToolCommand {

    /** Lines per transaction: one durable commit per chunk, not per line. */
    static final int CHUNK = 5000;

    @Option(names = "-n", description = "Do not create the users' INBOX.")
    boolean noInbox;

    @Option(names = "-O", description = "Options given override the data file's fields.")
    boolean override;

    @Option(names = "-v", description = "Print each line as interpreted.")
    boolean verbose;

    @Option(names = "-d", paramLabel = "domain", description = "Domain of lines without one (default: default_domain).")
    String domain;

    @Option(names = "-q", paramLabel = "quota", description = "Quota in KB of lines without one; 0 means no quota.")
    String quota;

    @Parameters(paramLabel = "datafile", description = "The data file.")
    Path dataFile;

    BulkAdd(AdminSession session) {
        super(session);
    }

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        BulkReport report = new BulkReport("bulkadd", dataFile.toString(), err());
        List<String> lines = read(dataFile, report);
        List<BulkAccount> accounts = interpret(lines, report);
        Progress progress = Progress.start(err(), "bulkadd", Terminal.stderr() && !verbose);
        BulkApplier applier = new BulkApplier(session, report);
        ForkJoinPool hashers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            Future<List<BulkAccount>> next = hashAsync(hashers, accounts, 0, report);
            for (int from = 0; from < accounts.size(); from += CHUNK) {
                List<BulkAccount> chunk = next.get();
                next = hashAsync(hashers, accounts, from + CHUNK, report);
                int done = from;
                session.store().bulk(() -> applier.apply(chunk, n -> progress.update(done + n, accounts.size())));
            }
        } finally {
            hashers.shutdownNow();
        }
        progress.finish();
        out().println(report.summary(lines.size(), applier.counts()));
        return report.status();
    }

    /**
     * The lines of a bulk file; a line that is not UTF-8 is reported as {@code FILE:LINE: not
     * valid UTF-8 ...} and read as blank, so only that line is rejected.
     */
    static List<String> read(Path file, BulkReport report) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AdminException("open " + file + ": No such file or directory");
        } catch (AccessDeniedException e) {
            throw new AdminException("read " + file + ": " + AccessDenied.explain(e));
        }
        List<String> lines = new ArrayList<>();
        for (Utf8Lines.Line line : Utf8Lines.lines(bytes)) {
            if (line.problem() != null) {
                report.failed(line.number(), line.problem() + ": line skipped, save the file as UTF-8");
            }
            lines.add(line.text() == null ? "" : line.text());
        }
        return lines;
    }

    private List<BulkAccount> interpret(List<String> lines, BulkReport report) {
        Long defaultQuota = quota == null ? null : positive(Kilobytes.parse("quota (-q)", quota).value());
        String defaultDomain = domain != null ? domain : session.defaultDomain();
        List<BulkAccount> accounts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                BulkAccount account = resolve(BulkLine.parse(i + 1, text), defaultDomain, defaultQuota);
                if (verbose) {
                    out().println(dataFile + ":" + (i + 1) + ": " + account.describe());
                }
                accounts.add(account);
            } catch (AdminException e) {
                report.failed(i + 1, e.getMessage());
            }
        }
        return accounts;
    }

    private BulkAccount resolve(BulkLine line, String defaultDomain, Long defaultQuota) {
        String lineDomain = override && domain != null || line.domain().isEmpty() ? defaultDomain : line.domain();
        Long lineQuota = override && quota != null || line.quota().isEmpty() ? defaultQuota
                : positive(Kilobytes.parse("quota", line.quota()).value());
        if (line.isDomainLine()) {
            return new BulkAccount(line.number(), lineDomain, null, null, lineQuota, false);
        }
        if (line.user().isEmpty()) {
            throw new AdminException("a user line needs <user> (a domain line is <domain>:::<quota>:)");
        }
        boolean inbox = override && noInbox || line.inbox().isEmpty() ? !noInbox : flag(line.inbox());
        String password = line.password().isEmpty() ? null : line.password();
        return new BulkAccount(line.number(), lineDomain, line.user(), password, lineQuota, inbox);
    }

    private static Long positive(long kilobytes) {
        return kilobytes == 0 ? null : kilobytes;
    }

    private static boolean flag(String inbox) {
        return switch (inbox) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new AdminException("invalid <inbox> \"" + inbox + "\": expected 1 or 0");
        };
    }

    /** Hashes the chunk starting at {@code from} while the previous one is being applied. */
    private static Future<List<BulkAccount>> hashAsync(ForkJoinPool hashers, List<BulkAccount> accounts, int from,
            BulkReport report) {
        List<BulkAccount> chunk = accounts.subList(Math.min(from, accounts.size()),
                Math.min(accounts.size(), from + CHUNK));
        return hashers.submit(() -> hash(chunk, report));
    }

    /** Hashes the chunk's plain passwords on every core; a malformed hash fails its line only. */
    private static List<BulkAccount> hash(List<BulkAccount> chunk, BulkReport report) {
        return chunk.parallelStream().map(account -> {
            if (account.password() == null) {
                return account;
            }
            try {
                return account.withPassword(PasswordHash.of(account.password()));
            } catch (StoreException e) {
                report.failed(account.line(), e.getMessage());
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }
}
