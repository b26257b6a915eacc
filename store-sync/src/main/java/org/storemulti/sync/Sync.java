package org.storemulti.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.storemulti.store.tools.WorkProgress;
import org.storemulti.sync.engine.UserSync;
import org.storemulti.sync.location.Capability;
import org.storemulti.sync.location.Location;

/**
 * A sync run between the local location (the instance's store) and a peer: one user, or many
 * in parallel on a few worker threads (one process for {@code -A}, its progress counted in users).
 * Locations are the caller's to open and close.
 */
public final class Sync {

    private final Location local;
    private final Location peer;
    private final SyncOptions options;
    private final SyncLog log;

    public Sync(Location local, Location peer, SyncOptions options, SyncLog log) {
        this.local = local;
        this.peer = peer;
        this.options = options;
        this.log = log;
    }

    /** The users of {@code users} synced by {@code workers} threads; one report per user, in the order given. */
    public List<UserReport> run(List<String> users, int workers, WorkProgress progress) throws IOException {
        UserSync sync = new UserSync(local, peer, local.identity(), peer.identity(), options);
        if (peer.capabilities().contains(Capability.PEER_STATE) && !peer.capabilities().contains(Capability.PEER_LOCK)) {
            log.line(SyncLog.Level.WARNING, peer.description() + ": the peer keeps the pair's sync state but cannot"
                    + " lock it (its storeadm is older): a sync of the same pair started there at the same time is not"
                    + " kept apart; update storeadm there");
        }
        if (users.size() == 1 || workers <= 1) {
            List<UserReport> reports = new ArrayList<>();
            for (String user : users) {
                reports.add(one(sync, user));
                progress.advanced("users", reports.size(), users.size());
            }
            return reports;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, users.size()), runnable -> {
            Thread thread = new Thread(runnable, "sync");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong done = new AtomicLong();
        try {
            List<Future<UserReport>> futures = new ArrayList<>();
            for (String user : users) {
                futures.add(pool.submit(() -> {
                    UserReport report = one(sync, user);
                    progress.advanced("users", done.incrementAndGet(), users.size());
                    return report;
                }));
            }
            List<UserReport> reports = new ArrayList<>();
            for (Future<UserReport> future : futures) {
                reports.add(future.get());
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a sync worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private UserReport one(UserSync sync, String user) {
        UserReport report = new UserReport(user, log);
        try {
            sync.run(user, report);
        } catch (RuntimeException e) {
            // a bug or a broken store: this user fails, the others go on; the cause is in the line
            report.failed("sync failed: " + e);
        }
        return report;
    }

    /** The run's exit status from its users': 1 if any failed, else 2 if any left something, else 0. */
    public static int status(List<UserReport> reports) {
        int status = 0;
        for (UserReport report : reports) {
            if (report.status() == 1) {
                return 1;
            }
            status = Math.max(status, report.status());
        }
        return status;
    }
}
