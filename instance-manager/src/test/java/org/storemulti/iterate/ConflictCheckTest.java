package org.storemulti.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.storemulti.registry.Registry;
import org.storemulti.testing.InstanceSet;

class ConflictCheckTest {

    private final InstanceSet set = InstanceSet.onJimfs();

    @Test
    void freshInstancesDoNotConflict() {
        set.ok("-e", "init");
        set.ok("-e", "create", "-I", "store-a");
        set.ok("-e", "create", "-I", "store-b");
        assertEquals(List.of(), ConflictCheck.problems(Registry.load(set.primary())));
    }

    @Test
    void aSharedListenAddressIsNamedWithBothInstances() {
        set.ok("-e", "init");
        set.ok("-e", "create", "-I", "store-a");
        set.ok("-e", "create", "-I", "store-b");
        set.write("etc/store-a/main.cf", set.mainCf(set.path("etc/store-a")).text() + "imap_listen = inet:127.0.0.1:143\n");
        set.write("etc/store-b/main.cf", set.mainCf(set.path("etc/store-b")).text() + "lmtp_listen = inet:127.0.0.1:143\n");
        List<String> problems = ConflictCheck.problems(Registry.load(set.primary()));
        assertEquals(List.of("instance store-b, lmtp_listen=inet:127.0.0.1:143 conflicts with instance store-a, "
                + "imap_listen=inet:127.0.0.1:143"), problems);
    }

    @Test
    void anImapsEntryTakesTheSamePortAsAnInetEntry() {
        set.ok("-e", "init");
        set.ok("-e", "create", "-I", "store-a");
        set.ok("-e", "create", "-I", "store-b");
        set.write("etc/store-a/main.cf", set.mainCf(set.path("etc/store-a")).text() + "imap_listen = imaps:127.0.0.1:993\n");
        set.write("etc/store-b/main.cf", set.mainCf(set.path("etc/store-b")).text() + "imap_listen = inet:127.0.0.1:993\n");
        assertEquals(List.of("instance store-b, imap_listen=inet:127.0.0.1:993 conflicts with instance store-a, "
                + "imap_listen=imaps:127.0.0.1:993"), ConflictCheck.problems(Registry.load(set.primary())));
    }

    @Test
    void twoNamelessInstancesShareTheDefaultSyslogName() {
        set.ok("-e", "init");
        set.ok("-e", "create", "config_directory=" + set.path("c"), "queue_directory=" + set.path("q"),
                "data_directory=" + set.path("d"));
        List<String> problems = ConflictCheck.problems(Registry.load(set.primary()));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("syslog_name=store conflicts with"), problems.get(0));
    }

    @Test
    void checkModeReportsConflictsAndFails() {
        set.ok("-e", "init");
        set.ok("-e", "create", "config_directory=" + set.path("c"), "queue_directory=" + set.path("q"),
                "data_directory=" + set.path("d"));
        InstanceSet.Result r = set.run("-p", "check");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("storemulti: error: instance " + set.path("c") + ", syslog_name=store conflicts with instance "
                + set.primary() + ", syslog_name=store"), r.err());
    }
}
