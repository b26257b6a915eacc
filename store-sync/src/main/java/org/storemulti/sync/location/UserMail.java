package org.storemulti.sync.location;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One user's mail at a location: mailboxes by GUID, subscriptions, and between two stores
 * quotas and ACLs. Mailbox names are the user's folder names, {@code /} between levels
 * ({@code INBOX}, {@code Archive/2024}). Used by one thread at a time.
 */
public interface UserMail extends Closeable {

    /** The user, {@code name@domain}. */
    String user();

    /** Every mailbox of the user with its state, by name. */
    List<FolderInfo> folders() throws IOException;

    /** The mailbox with {@code guid}; {@link LocationException.Kind#NOT_FOUND} if it is gone. */
    Folder folder(String guid) throws IOException;

    /**
     * Creates mailbox {@code name} (parents the location needs are made too), taking {@code guid}
     * and {@code uidValidity} where it can ({@link Capability#GUIDS}, {@link Capability#UIDS});
     * returns the state it got. {@link LocationException.Kind#CONFLICT} if the name is taken.
     */
    FolderInfo create(String name, String guid, long uidValidity) throws IOException;

    /**
     * Renames the mailbox and every mailbox below it (as IMAP RENAME does); GUIDs, UIDs and UID
     * validity stay. {@link LocationException.Kind#CONFLICT} if {@code newName} is taken. The
     * INBOX is never renamed ({@link LocationException.Kind#REFUSED}).
     */
    void rename(String guid, String newName) throws IOException;

    /**
     * Deletes the mailbox and its messages, not the mailboxes below it. The INBOX is never deleted
     * ({@link LocationException.Kind#REFUSED}).
     */
    void delete(String guid) throws IOException;

    /** Sets the mailbox's RFC 6154 special-use attributes ({@code \Sent}, ...; empty: none). */
    void setSpecialUse(String guid, Set<String> uses) throws IOException;

    /** The names the user subscribed to (they may name mailboxes that do not exist). */
    Set<String> subscriptions() throws IOException;

    void subscribe(String name) throws IOException;

    void unsubscribe(String name) throws IOException;

    /**
     * {@code name} as this location can hold it: characters it cannot store replaced by
     * {@code altChar} (the sync's {@code -C}); {@code name} itself when it fits.
     */
    default String fitName(String name, char altChar) {
        return name;
    }

    /** Quotas and ACLs, with {@link Capability#QUOTAS_AND_ACLS}; else empty. */
    default Optional<StoreExtras> extras() {
        return Optional.empty();
    }

    /** Releases what the user's mail holds open; the location stays open. */
    @Override
    void close() throws IOException;
}
