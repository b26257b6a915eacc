package org.storemulti.sync;

/**
 * What one sync run does, as {@code storeadm sync} was told: {@code mode}; {@code full} (-f:
 * compare every mailbox whole, skip nothing); {@code mailbox} (-m: only this one, by its name on
 * the local side; {@code null}: all); {@code altChar} (-C: replaces characters a name cannot have
 * on the other side).
 */
public record SyncOptions(Mode mode, boolean full, String mailbox, char altChar) {

    /** Which way mail goes. */
    public enum Mode {
        /** Both ways: changes on either side reach the other, nothing is lost. */
        MIRROR,
        /** This instance to the location; the source is never changed, the destination's own changes are discarded. */
        BACKUP,
        /** The location to this instance ({@code backup -R}). */
        BACKUP_REVERSE
    }

    public SyncOptions {
        if (mode == null) {
            throw new IllegalArgumentException("no mode");
        }
    }

    /** A mirror of everything in fast mode, {@code _} for invalid characters. */
    public static SyncOptions of(Mode mode) {
        return new SyncOptions(mode, false, null, '_');
    }

    public SyncOptions withFull(boolean fullSync) {
        return new SyncOptions(mode, fullSync, mailbox, altChar);
    }

    public SyncOptions withMailbox(String name) {
        return new SyncOptions(mode, full, name, altChar);
    }

    public SyncOptions withAltChar(char replacement) {
        return new SyncOptions(mode, full, mailbox, replacement);
    }
}
