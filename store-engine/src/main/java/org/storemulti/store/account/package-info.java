/**
 * Users of a domain and the administrators among them: site administrators (users of the
 * administrative domain) and domain administrators (seed tables 12-3 and 12-5).
 *
 * <p>Owns the {@code store_user} and {@code administrator} tables. Renaming a user renames
 * its personal mailboxes ({@code user/NAME/...}), its quota root and its ACL entries
 * because the name is part of them; deleting one drops its ACL entries. Must not otherwise
 * touch mailboxes, messages or auth accounts.
 */
package org.storemulti.store.account;
