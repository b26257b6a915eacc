package org.storemulti.store.mailbox;

/**
 * One access control entry: an identifier (a user name, {@code anyone}, or either with a
 * leading {@code -} for negative rights) and its rights.
 */
public record AclEntry(String identifier, Rights rights) {
}
