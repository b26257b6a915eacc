package org.storemulti.imap.session;

/** RFC 3501 section 3's states. */
enum SessionState {
    NOT_AUTHENTICATED("before login"),
    AUTHENTICATED("after login without a selected mailbox"),
    SELECTED("with a selected mailbox"),
    LOGOUT("after LOGOUT");

    private final String description;

    SessionState(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
