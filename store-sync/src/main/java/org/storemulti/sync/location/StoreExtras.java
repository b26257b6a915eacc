package org.storemulti.sync.location;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What only a store keeps for a user ({@link Capability#QUOTAS_AND_ACLS}): the quota on the
 * user's mailbox tree and each mailbox's ACL (RFC 4314: identifier to rights letters, negative
 * identifiers with a leading {@code -}).
 */
public interface StoreExtras {

    /** The quota in kilobytes on the user's tree; empty: none. */
    OptionalLong quotaKb() throws IOException;

    /** Sets (or, empty, removes) the quota on the user's tree. */
    void setQuotaKb(OptionalLong kilobytes) throws IOException;

    /** Every mailbox's ACL in one call, by mailbox GUID (mailboxes without entries are absent). */
    Map<String, Map<String, String>> acls() throws IOException;

    /** The ACL of the mailbox {@code guid}: identifier to rights, sorted. */
    Map<String, String> acl(String guid) throws IOException;

    /** Makes the ACL of the mailbox {@code guid} exactly {@code entries}. */
    void setAcl(String guid, Map<String, String> entries) throws IOException;
}
