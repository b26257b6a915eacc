package org.storemulti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storeconf names an out-of-range value with its main.cf line, and never writes one. */
class StoreConfRangeTest {

    @TempDir
    Path dir;

    @Test
    void printingAnOutOfRangeValueShowsItThenFailsNamingItsLine() throws IOException {
        Files.writeString(dir.resolve("main.cf"), "# limits\nmessage_size_limit = 99999999999999999999\n");
        StoreConfTest.Result r = StoreConfTest.storeconf("-c", dir.toString(), "message_size_limit", "myhostname");
        assertEquals(new StoreConfTest.Result(1, "message_size_limit = 99999999999999999999\nmyhostname =\n",
                "storeconf: error: " + dir.resolve("main.cf") + ":2: message_size_limit = 99999999999999999999:"
                        + " out of range: expected from 0 to 2000000000\n"), r);
        assertEquals(0, StoreConfTest.storeconf("-c", dir.toString(), "myhostname").status(),
                "only the parameters shown are judged");
        assertEquals(0, StoreConfTest.storeconf("-c", dir.toString(), "-d", "message_size_limit").status());
    }

    @Test
    void anEditThatWouldSetAnOutOfRangeValueIsRefusedAndChangesNothing() throws IOException {
        String text = "# limits\nlmtp_session_limit = 100\n";
        Files.writeString(dir.resolve("main.cf"), text);
        StoreConfTest.Result r = StoreConfTest.storeconf("-c", dir.toString(), "-e", "myhostname=mx.example",
                "lmtp_session_limit=4294967296");
        assertEquals(new StoreConfTest.Result(1, "", "storeconf: fatal: " + dir.resolve("main.cf")
                + ":2: lmtp_session_limit = 4294967296: out of range: expected from 1 to 10000; main.cf is unchanged\n"), r);
        assertEquals(text, Files.readString(dir.resolve("main.cf")));

        assertEquals(0, StoreConfTest.storeconf("-c", dir.toString(), "-e", "lmtp_session_limit=10000").status());
        assertEquals("# limits\nlmtp_session_limit = 10000\n", Files.readString(dir.resolve("main.cf")));
    }
}
