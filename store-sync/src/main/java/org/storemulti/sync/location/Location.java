package org.storemulti.sync.location;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One side of a sync: a store instance, a Maildir++ tree, a Unix mailbox, a remote peer. Opened
 * once per run and shared by the worker threads of {@code sync -A}: implementations are
 * thread-safe, and each {@link UserMail} is used by one thread at a time.
 */
public interface Location extends Closeable {

    /** How the command line named it, for messages: {@code store:/etc/store-b}. */
    String description();

    /**
     * What names this location across runs, for the sync state of a pair: the same mail must give
     * the same identity whatever path or command reached it ({@code store:UUID} for a store, the
     * real path for a Maildir). Asked once per run.
     */
    String identity() throws IOException;

    /** What this location can do beyond the minimum. */
    Set<Capability> capabilities();

    /**
     * Every user the location holds, as {@code name@domain}, sorted (for {@code sync -A}); a
     * location of one user's mail throws {@link LocationException} ({@link LocationException.Kind#REFUSED}).
     */
    List<String> users() throws IOException;

    /**
     * Opens {@code user}'s mail ({@code name@domain}). With {@code create}, a user the location
     * does not have yet is made (with an INBOX); without, {@link LocationException.Kind#NOT_FOUND}.
     */
    UserMail open(String user, boolean create) throws IOException;

    /**
     * The sync state this location keeps for {@code peerIdentity} and {@code user}, as
     * {@link #savePeerState} stored it; empty when none (or without {@link Capability#PEER_STATE}).
     */
    default Optional<String> loadPeerState(String peerIdentity, String user) throws IOException {
        return Optional.empty();
    }

    /**
     * Keeps {@code state} (opaque text, replaced atomically) for {@code peerIdentity} and
     * {@code user}; does nothing without {@link Capability#PEER_STATE}.
     */
    default void savePeerState(String peerIdentity, String user, String state) throws IOException {
        // nowhere to keep it
    }

    /**
     * Takes the lock of the pair state for {@code peerIdentity} and {@code user}, so two syncs of
     * one pair never run at once; {@link LocationException.Kind#CONFLICT} at once if another holds
     * it. Close to release, on the thread that took it. A sync takes it on both sides, its own
     * first. Without {@link Capability#PEER_LOCK}, a lock that guards nothing.
     */
    default Closeable lockPeerState(String peerIdentity, String user) throws IOException {
        return () -> { };
    }
}
