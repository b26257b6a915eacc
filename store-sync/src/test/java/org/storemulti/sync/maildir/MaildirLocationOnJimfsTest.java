package org.storemulti.sync.maildir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationContract;
import org.storemulti.sync.mbox.FileSystems;

/** The maildir: location keeps the location contract on jimfs too (no java.io.File, no real fsync). */
class MaildirLocationOnJimfsTest extends LocationContract {

    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    protected Location newLocation(Path directory) {
        return MaildirLocationTest.location(FileSystems.jimfs(), "/home/t" + COUNT.incrementAndGet() + "/Maildir");
    }
}
