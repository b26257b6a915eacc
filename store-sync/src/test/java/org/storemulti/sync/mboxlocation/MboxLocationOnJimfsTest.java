package org.storemulti.sync.mboxlocation;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationContract;
import org.storemulti.sync.mbox.FileSystems;

/** The mbox: location keeps the location contract on jimfs too. */
class MboxLocationOnJimfsTest extends LocationContract {

    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    protected Location newLocation(Path directory) {
        return MboxLocationTest.location(FileSystems.jimfs(), "/home/m" + COUNT.incrementAndGet() + "/mail", null);
    }
}
