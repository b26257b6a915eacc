package org.storemulti.move;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.storemulti.registry.Instance;
import org.storemulti.store.Store;
import org.storemulti.store.tools.WorkProgress;
import org.storemulti.sync.Sync;
import org.storemulti.sync.SyncLog;
import org.storemulti.sync.SyncOptions;
import org.storemulti.sync.UserReport;
import org.storemulti.sync.store.StoreLocation;

/**
 * One {@code sync mirror} of the user between the source's and the target's stores (store-sync's
 * algorithm, its pair state kept in both stores, so every mirror after the first compares only
 * what changed). A mirror that something changed under (the seed's exit 2) runs again at once, a
 * few times; one that fails ends the move, to be run again.
 */
final class Mirror {

    private static final int ATTEMPTS = 3;

    private Mirror() {
    }

    /** Mirrors {@code user}; returns the last run's report. */
    static UserReport run(Store source, Instance from, Store target, Instance to, String user, PrintWriter err) {
        SyncLog log = (level, line) -> {
            if (level == SyncLog.Level.ERROR || level == SyncLog.Level.WARNING) {
                err.println("storemulti: user-move: " + line);
                err.flush();
            }
        };
        StoreLocation here = StoreLocation.of(source, "store:" + from.configDirectory());
        StoreLocation there = StoreLocation.of(target, "store:" + to.configDirectory());
        Sync sync = new Sync(here, there, SyncOptions.of(SyncOptions.Mode.MIRROR), log);
        UserReport report = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<UserReport> reports;
            try {
                reports = sync.run(List.of(user), 1, WorkProgress.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException("mirror of " + user + " from " + from.label() + " to " + to.label()
                        + ": " + e.getMessage(), e);
            }
            report = reports.get(0);
            int status = Sync.status(reports);
            if (status == 0) {
                return report;
            }
            if (status == 1) {
                throw new MoveException("mirror of " + user + " from " + from.label() + " to " + to.label()
                        + " failed (the lines above say why); run the move again");
            }
        }
        throw new MoveException("mirror of " + user + " from " + from.label() + " to " + to.label() + ": the mailboxes"
                + " kept changing over " + ATTEMPTS + " runs; run the move again");
    }
}
