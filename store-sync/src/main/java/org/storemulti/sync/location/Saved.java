package org.storemulti.sync.location;

/**
 * A message {@link SaveBatch#commit} saved: the {@code uid}, {@code guid} and {@code modseq} it
 * got; or, when {@code refusal} is not null, why it was not saved (over quota), with uid 0.
 */
public record Saved(long uid, String guid, long modseq, String refusal) {

    public static Saved stored(long uid, String guid, long modseq) {
        return new Saved(uid, guid, modseq, null);
    }

    public static Saved refused(String why) {
        return new Saved(0, null, 0, why);
    }

    public boolean isStored() {
        return refusal == null;
    }
}
