/**
 * Authentication accounts (login name, hashed password, expiry, enabled flag), auth
 * aliases mapping a login to an authorization identity, password hashing and
 * authentication (seed tables 12-5 and 12-6).
 *
 * <p>Owns the {@code auth_account} and {@code auth_alias} tables. Reads the {@code domain}
 * table only to refuse logins into disabled domains. Never stores a plain password.
 */
package org.storemulti.store.auth;
