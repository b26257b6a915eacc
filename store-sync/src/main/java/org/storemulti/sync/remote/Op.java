package org.storemulti.sync.remote;

/**
 * The requests of protocol version 1, one byte each. A request is answered by one reply
 * ({@link Wire#OK} with its results, or {@link Wire#ERROR} with a kind and a line), except that
 * {@link #READ} answers with a stream of bodies and {@link #ADD} is not answered (its errors come
 * with {@link #COMMIT}).
 */
enum Op {
    USERS, OPEN, CLOSE_USER, FOLDERS, FOLDER_INFO, CREATE, RENAME, DELETE, SPECIAL_USE, SUBSCRIPTIONS, SUBSCRIBE,
    UNSUBSCRIBE, HAS_EXTRAS, QUOTA, SET_QUOTA, ACLS, ACL, SET_ACL, MESSAGES, CHANGES, READ, BEGIN, ADD, COMMIT,
    ABORT, SET_FLAGS, REMOVE, RENUMBER, RESET_IDENTITY, LOAD_STATE, SAVE_STATE, BYE;

    private static final Op[] ALL = values();

    static Op of(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new IllegalArgumentException("unknown request " + code);
        }
        return ALL[code];
    }
}
