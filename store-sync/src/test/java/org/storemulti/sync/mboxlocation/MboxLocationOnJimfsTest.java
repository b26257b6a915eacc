package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationContract;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/** The mbox: location keeps the location contract on jimfs too. */
class MboxLocationOnJimfsTest extends LocationContract {

    private static final FileSystem JIMFS = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private static int count;

    @AfterAll
    static void closeJimfs() throws IOException {
        JIMFS.close();
    }

    @Override
    protected Location newLocation(Path directory) {
        return MboxLocationTest.location(JIMFS, "/home/t" + (++count) + "/mail", null);
    }
}
