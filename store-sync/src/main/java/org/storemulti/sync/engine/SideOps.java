package org.storemulti.sync.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.storemulti.store.message.Flags;

/**
 * What one side of a mailbox pair must do, in this order: expunge {@link #removes}; then the
 * {@link #targets} by ascending target UID (new UIDs for messages here, copies from the other
 * side), so every UID asked for is at least UIDNEXT when its turn comes; then set
 * {@link #flags}. {@link #expected} is what the touched UIDs hold afterwards, {@link #gone} the
 * UIDs that no longer hold anything: what the check after the run compares with.
 */
final class SideOps {

    /** A message given a new UID here, or copied here from the other side (read there at {@code sourceUid}). */
    sealed interface TargetOp permits Renumber, Copy {
        long target();
    }

    record Renumber(long from, long target) implements TargetOp {
    }

    record Copy(long sourceUid, long target, String guid, Flags flags, Instant internalDate) implements TargetOp {
    }

    /** What a UID holds after the run. */
    record Expected(String guid, Flags flags) {
    }

    final TreeSet<Long> removes = new TreeSet<>();
    final TreeMap<Long, TargetOp> targets = new TreeMap<>();
    final Map<Long, Flags> flags = new LinkedHashMap<>();
    final Map<Long, Expected> expected = new TreeMap<>();
    final TreeSet<Long> gone = new TreeSet<>();

    void remove(long uid) {
        removes.add(uid);
        gone.add(uid);
    }

    void renumber(long from, long target, String guid, Flags now, Flags wanted) {
        targets.put(target, new Renumber(from, target));
        gone.add(from);
        setFlags(target, guid, now, wanted);
    }

    void copy(long sourceUid, long target, String guid, Flags wanted, Instant date) {
        targets.put(target, new Copy(sourceUid, target, guid, wanted, date));
        expected.put(target, new Expected(guid, wanted));
    }

    /** Flags for a message that is (or will be) at {@code uid} with {@code now}. */
    void setFlags(long uid, String guid, Flags now, Flags wanted) {
        if (!now.equals(wanted)) {
            flags.put(uid, wanted);
        }
        expected.put(uid, new Expected(guid, wanted));
    }

    boolean isEmpty() {
        return removes.isEmpty() && targets.isEmpty() && flags.isEmpty();
    }

    /** How many messages are copied here. */
    int copies() {
        return (int) targets.values().stream().filter(op -> op instanceof Copy).count();
    }

    /** The target operations in runs of one kind, in order: one call or batch each. */
    List<List<TargetOp>> runs() {
        List<List<TargetOp>> runs = new ArrayList<>();
        List<TargetOp> run = new ArrayList<>();
        for (TargetOp op : targets.values()) {
            if (!run.isEmpty() && run.get(0).getClass() != op.getClass()) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(op);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }
}
