package org.storemulti.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.storemulti.cli.Progress;
import org.storemulti.store.Store;
import org.storemulti.store.error.NotFoundException;
import org.storemulti.store.error.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bulkdel} ({@code msadm_bulkdel}): deletes the users ({@code user@domain}) or whole
 * domains ({@code @domain}) a data file lists, with their mailboxes, messages and password
 * account, in chunked transactions. Not reversible.
 */
@Command(name = "bulkdel", separator = " ",
        description = {"Delete the users listed in DATAFILE, one <user>@<domain> per line, with their mailboxes,",
            "messages and password account; a line @<domain> (empty user) deletes the whole domain. Not reversible."})
final class BulkDel extends ToolCommand {

    @Parameters(paramLabel = "datafile", description = "The data file.")
    Path dataFile;

    private int users;
    private int domains;

    BulkDel(AdminSession session) {
        super(session);
    }

    @Override
    public Integer call() throws IOException {
        BulkReport report = new BulkReport("bulkdel", dataFile.toString(), err());
        List<String> lines = BulkAdd.read(dataFile, report);
        Progress progress = Progress.start(err(), "bulkdel");
        for (int from = 0; from < lines.size(); from += BulkAdd.CHUNK) {
            int start = from;
            int end = Math.min(lines.size(), from + BulkAdd.CHUNK);
            session.store().bulk(() -> {
                for (int i = start; i < end; i++) {
                    deleteLine(lines.get(i).strip(), i + 1, report);
                    progress.update(i + 1, lines.size());
                }
            });
        }
        progress.finish();
        out().println(report.summary(lines.size(), users + " users deleted, " + domains + " domains deleted"));
        return report.status();
    }

    private void deleteLine(String text, int number, BulkReport report) {
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        int at = text.lastIndexOf('@');
        try {
            if (at < 0) {
                throw new AdminException("expected <user>@<domain>, or @<domain> to delete the domain");
            }
            String user = text.substring(0, at);
            String domain = text.substring(at + 1);
            Store store = session.store();
            if (user.isEmpty()) {
                store.domains().delete(domain);
                domains++;
                return;
            }
            store.mailboxes().deleteUser(domain, user);
            deleteAccount(store, session.authIdIn(user, domain));
            users++;
        } catch (StoreException | AdminException e) {
            report.failed(number, e.getMessage());
        }
    }

    private static void deleteAccount(Store store, String authId) {
        try {
            store.authAccounts().delete(authId);
        } catch (NotFoundException e) {
            // a user without a password account: nothing more to delete
        }
    }
}
