package org.storemulti.sync.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationContract;
import org.storemulti.sync.store.StoreLocation;

/** A store reached through the sync protocol keeps the whole location contract. */
class RemoteLocationTest extends LocationContract {

    private StoreLocation store;
    private LoopbackServer server;

    @Override
    protected Location newLocation(Path directory) throws IOException {
        store = StoreLocation.open(directory.resolve("data"), "store:remote");
        server = new LoopbackServer(store, UnaryOperator.identity());
        return RemoteLocation.connect(server.connector(), "remote");
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        store.close();
        assertEquals(java.util.List.of(), server.failures);
    }

    @Test
    void theRemoteSaysItsStoresIdentityAndCapabilities() throws IOException {
        assertEquals(store.identity(), location.identity());
        assertEquals(store.capabilities(), location.capabilities());
    }
}
