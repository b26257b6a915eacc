package org.storemulti.store.error;

/** The kinds of named objects the store keeps, as they appear in messages. */
public enum ObjectKind {
    DOMAIN("domain"),
    USER("user"),
    SITE_ADMINISTRATOR("site administrator"),
    DOMAIN_ADMINISTRATOR("domain administrator"),
    AUTH_ACCOUNT("auth account"),
    AUTH_ALIAS("auth alias"),
    MAILBOX("mailbox"),
    ACL_ENTRY("acl entry"),
    QUOTA("quota"),
    MESSAGE("message"),
    BACKUP("backup");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    /** The kind as written in messages, e.g. {@code auth account}. */
    public String label() {
        return label;
    }
}
