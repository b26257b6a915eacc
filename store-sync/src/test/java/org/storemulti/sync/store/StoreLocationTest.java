package org.storemulti.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.storemulti.sync.location.FolderInfo;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationContract;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.StoreExtras;

/** The store: location keeps the whole contract, plus what only a store has. */
class StoreLocationTest extends LocationContract {

    @Override
    protected Location newLocation(Path directory) {
        return StoreLocation.open(directory.resolve("data"), "store:test");
    }

    @Test
    void theIdentityIsMadeOnceAndKeptAcrossOpenings() throws IOException {
        String first = location.identity();
        assertEquals(first, location.identity());
        try (Location again = StoreLocation.open(directory.resolve("data"), "store:/elsewhere")) {
            assertEquals(first, again.identity());
        }
        try (Location other = StoreLocation.open(directory.resolve("other"), "store:other")) {
            assertThrows(AssertionError.class, () -> assertEquals(first, other.identity()));
        }
    }

    @Test
    void usersAreListedAsNameAtDomainAndOpenedWhateverTheirCase() throws IOException {
        location.open("ann@example.org", true).close();
        assertEquals(List.of("joe@example.com", "ann@example.org"), location.users());
        assertEquals("joe@example.com", location.open("JOE@Example.com", false).user());
        LocationException missing = assertThrows(LocationException.class, () -> location.open("bob@example.com", false));
        assertEquals(LocationException.Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void quotasAndAclsAreKeptExactly() throws IOException {
        StoreExtras extras = mail.extras().orElseThrow();
        assertEquals(OptionalLong.empty(), extras.quotaKb());
        extras.setQuotaKb(OptionalLong.of(2048));
        assertEquals(OptionalLong.of(2048), extras.quotaKb());
        extras.setQuotaKb(OptionalLong.empty());
        assertEquals(OptionalLong.empty(), extras.quotaKb());
        FolderInfo work = mail.create("Work", null, 0);
        extras.setAcl(work.guid(), Map.of("ann", "lr", "-anyone", "w"));
        assertEquals(Map.of("ann", "lr", "-anyone", "w"), extras.acl(work.guid()));
        assertEquals(Map.of("ann", "lr", "-anyone", "w"), extras.acls().get(work.guid()));
    }

    @Test
    void aPairStateIsKeptPerPeerAndUserAndItsLockIsExclusive() throws IOException {
        assertEquals(java.util.Optional.empty(), location.loadPeerState("store:peer", "joe@example.com"));
        location.savePeerState("store:peer", "joe@example.com", "state 1\n");
        assertEquals("state 1\n", location.loadPeerState("store:peer", "joe@example.com").orElseThrow());
        try (var lock = location.lockPeerState("store:peer", "joe@example.com")) {
            LocationException busy = assertThrows(LocationException.class,
                    () -> location.lockPeerState("store:peer", "joe@example.com"));
            assertEquals(LocationException.Kind.CONFLICT, busy.kind());
        }
        location.lockPeerState("store:peer", "joe@example.com").close();
    }
}
