package org.storemulti.sync.engine;

import org.storemulti.sync.UserReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.location.Saved;

/**
 * Copies messages from one side to the other, streamed: the source hands each body to the
 * destination's save batch as it reads it, never whole. One batch (one commit) per
 * {@link #BATCH} messages, so a crash loses at most a batch's work and never leaves half a
 * message. A message that lands elsewhere than planned (a delivery took its UID meanwhile), or
 * that the source no longer has, leaves the run imperfect; a refusal (over quota) fails it.
 */
final class Copier {

    static final int BATCH = 200;

    private final UserReport report;

    Copier(UserReport report) {
        this.report = report;
    }

    /** Copies {@code copies} (in target order) from {@code from} to {@code to}; false if not all landed as planned. */
    boolean copy(FolderSync.End from, FolderSync.End to, List<SideOps.Copy> copies) throws IOException {
        boolean done = true;
        for (int start = 0; start < copies.size(); start += BATCH) {
            done &= batch(from, to, copies.subList(start, Math.min(copies.size(), start + BATCH)));
        }
        return done;
    }

    private boolean batch(FolderSync.End from, FolderSync.End to, List<SideOps.Copy> copies) throws IOException {
        Map<Long, SideOps.Copy> bySource = new HashMap<>();
        List<Long> sourceUids = new ArrayList<>();
        for (SideOps.Copy copy : copies) {
            bySource.put(copy.sourceUid(), copy);
            sourceUids.add(copy.sourceUid());
        }
        List<SideOps.Copy> added = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Saved> saved;
        try (SaveBatch batch = to.folder().saveBatch()) {
            from.folder().read(sourceUids, (meta, content) -> {
                SideOps.Copy copy = bySource.get(meta.uid());
                if (copy == null || !copy.guid().equals(meta.guid())) {
                    return; // not the message planned (the source changed meanwhile): the check afterwards says so
                }
                batch.add(new MessageMeta(copy.target(), copy.guid(), 0, copy.flags(), copy.internalDate(), -1), content);
                added.add(copy);
                sizes.add(Math.max(meta.size(), 0));
            });
            saved = batch.commit();
        }
        report.debug(to.label() + " " + to.info().name() + ": saved " + added.size() + " messages from "
                + from.label());
        boolean done = added.size() == copies.size();
        if (!done) {
            report.imperfect(from.label() + " mailbox " + from.info().name() + ": " + (copies.size() - added.size())
                    + " messages went away during the run");
        }
        for (int i = 0; i < saved.size(); i++) {
            Saved one = saved.get(i);
            SideOps.Copy copy = added.get(i);
            if (!one.isStored()) {
                report.failed(to.label() + " mailbox " + to.info().name() + ": message " + copy.guid()
                        + " not saved: " + one.refusal());
                done = false;
            } else if (copy.target() != 0 && (one.uid() != copy.target() || !one.guid().equals(copy.guid()))) {
                report.imperfect(to.label() + " mailbox " + to.info().name() + ": UID " + copy.target()
                        + " was taken during the run (saved as " + one.uid() + ")");
                done = false;
            } else {
                report.copied(sizes.get(i));
            }
        }
        return done;
    }
}
