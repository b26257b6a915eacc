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
 * what changed). While mail still arrives at the source, a mirror that something changed under
 * (the seed's exit 2) is as good as it gets: the next one takes the rest. The final mirror, run
 * when nothing arrives there any more, must be perfect: it runs again at once a few times, then
 * gives up for the operator to run the move again; it is a full one ({@code -f}). A mirror that
 * fails ends the move.
 */
final class Mirror {

    /**
     * Runs of the final mirror before it gives up. Mail arriving at the target during a run makes
     * it imperfect too (a mirror goes both ways), and right after the switch the mail the source
     * deferred reaches the target in a burst: under load three runs could all meet that burst
     * (UserMovePostfixIT, once in a full CI run); five outlast it.
     */
    private static final int ATTEMPTS = 5;

    private Mirror() {
    }

    /** Mirrors {@code user}; returns the last run's report. */
    static UserReport run(Store source, Instance from, Store target, Instance to, String user, boolean perfect,
            PrintWriter err) {
        SyncLog log = (level, line) -> {
            if (level == SyncLog.Level.ERROR || perfect && level == SyncLog.Level.WARNING) {
                err.println("storemulti: user-move: " + line);
                err.flush();
            }
        };
        StoreLocation here = StoreLocation.of(source, "store:" + from.configDirectory());
        StoreLocation there = StoreLocation.of(target, "store:" + to.configDirectory());
        // the perfect one compares every message (-f): it must not trust what an earlier mirror,
        // run while mail arrived, recorded as synced
        Sync sync = new Sync(here, there, SyncOptions.of(SyncOptions.Mode.MIRROR).withFull(perfect), log);
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
            if (status == 0 || status == 2 && !perfect) {
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
