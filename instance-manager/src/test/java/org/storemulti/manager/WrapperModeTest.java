package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storemulti.testing.InstanceSet;

/** {@code -p} through the in-process storectl API, whatever storectl answers today. */
class WrapperModeTest {

    private final InstanceSet set = InstanceSet.onJimfs();

    @BeforeEach
    void twoInstances() {
        set.ok("-e", "init");
        set.ok("-e", "create", "-I", "store-a");
        set.ok("-e", "create", "-I", "store-b");
        set.ok("-i", "a", "-e", "enable");
    }

    @Test
    void everyLineAnInstanceSaysIsPrefixedWithItsLabel() {
        InstanceSet.Result r = set.run("-p", "status");
        for (String line : (r.out() + r.err()).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            assertTrue(line.startsWith("storemulti: ") || line.startsWith(set.primary() + ": ")
                    || line.startsWith("store-a: ") || line.startsWith("store-b: "), line);
        }
    }

    @Test
    void aFailingInstanceMakesTheRunFailAndIsNamed() {
        InstanceSet.Result r = set.run("-p", "status");
        if (r.exit() != 0) {
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("storemulti: fatal: "), r.err());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("storemulti: warning: instance ")), r.err());
        }
    }

    @Test
    void aStopThatSelectsOnlyDisabledInstancesIsNoMatchingInstances() {
        InstanceSet.Result r = set.run("-i", "b", "-p", "stop");
        assertEquals(1, r.exit());
        assertEquals("storemulti: fatal: No matching instances\n", r.err());
    }

    @Test
    void aListSelectingNothingPrintsNothingAndSucceeds() {
        InstanceSet.Result r = set.run("-l", "-g", "nosuch");
        assertEquals(0, r.exit());
        assertEquals("", r.out());
    }

    @Test
    void listReversesWithRAndTogglesBack() {
        assertEquals(List.of("store-b", "store-a", "-"), names(set.ok("-R", "-l").out()));
        assertEquals(List.of("-", "store-a", "store-b"), names(set.ok("-R", "-R", "-l").out()));
    }

    @Test
    void yamlAndJsonRecordsCarryDirectoriesAndRunningState() {
        String yaml = set.ok("-l", "-i", "a", "--format", "yaml").out();
        assertTrue(yaml.contains("name: store-a"), yaml);
        assertTrue(yaml.contains("queue_directory: " + set.path("var/spool/store-a")), yaml);
        assertTrue(yaml.contains("running: false"), yaml);
        String json = set.ok("-l", "-i", "b", "--format", "json").out();
        assertTrue(json.contains("\"data_directory\" : \"" + set.path("var/lib/store-b") + "\""), json);
    }

    private static List<String> names(String listing) {
        return listing.lines().map(l -> l.split("\\s+")[0]).toList();
    }
}
