package org.storemulti.store.auth;

/** A mapping from a login name to the identity it is authorized as ({@code user@domain}). */
public record AuthAlias(String authId, String userId) {
}
