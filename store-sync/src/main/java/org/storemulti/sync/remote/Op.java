package org.storemulti.sync.remote;

/**
 * The requests of protocol version 1, one byte each (the ordinal). A request is answered by one
 * reply ({@link Wire#OK} with its results, or {@link Wire#ERROR} with a kind and a line), except
 * that {@link #READ} answers with a stream of bodies and {@link #ADD} is not answered (its errors
 * come with {@link #COMMIT}).
 *
 * <p>Requests added later go at the end, so the codes of the others never change, and are sent
 * only to a server that announces the capability they came with: a server that does not know a
 * code ends the connection. {@link #LOCK_STATE} and {@link #UNLOCK_STATE} came with
 * {@code PEER_LOCK}.
 */
enum Op {
    USERS, OPEN, CLOSE_USER, FOLDERS, FOLDER_INFO, CREATE, RENAME, DELETE, SPECIAL_USE, SUBSCRIPTIONS, SUBSCRIBE,
    UNSUBSCRIBE, HAS_EXTRAS, QUOTA, SET_QUOTA, ACLS, ACL, SET_ACL, MESSAGES, CHANGES, READ, BEGIN, ADD, COMMIT,
    ABORT, SET_FLAGS, REMOVE, RENUMBER, RESET_IDENTITY, LOAD_STATE, SAVE_STATE, BYE,
    /** Takes a pair's lock, held until {@link #UNLOCK_STATE} or the end of the connection; answers a handle. */
    LOCK_STATE,
    /** Releases the lock of a handle. */
    UNLOCK_STATE;

    private static final Op[] ALL = values();

    static Op of(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new IllegalArgumentException("unknown request " + code);
        }
        return ALL[code];
    }
}
