package org.storemulti.store.mime;

/**
 * One address of an envelope field, as IMAP's ENVELOPE lists it: display name (raw: encoded
 * words are not decoded), obsolete source route ({@code @a,@b}), mailbox (local part) and
 * host. Group syntax is two markers around the members: a start with the group's name as
 * {@code mailbox} and a null {@code host}, and an end with every field null. A missing local
 * part or domain reads {@code MISSING_MAILBOX} / {@code MISSING_DOMAIN}, as Dovecot writes them.
 */
public record Address(String name, String route, String mailbox, String host) {

    /** Whether this is the start of a group ({@code mailbox} holds the group's name). */
    public boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    /** Whether this ends a group. */
    public boolean isGroupEnd() {
        return host == null && mailbox == null;
    }
}
