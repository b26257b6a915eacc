package org.storemulti.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.storemulti.testing.InstanceSet;

class RegistryTest {

    private final InstanceSet set = InstanceSet.onJimfs();

    private void secondary(String name, String extra) {
        set.write("etc/" + name + "/main.cf", "queue_directory = " + set.path("var/spool/" + name) + "\n"
                + "data_directory = " + set.path("var/lib/" + name) + "\n"
                + "multi_instance_name = " + name + "\n" + extra);
    }

    private void list(String... names) {
        StringBuilder value = new StringBuilder();
        for (String n : names) {
            value.append(' ').append(set.path("etc/" + n));
        }
        set.write("etc/store/main.cf", set.mainCf(set.primary()).text() + "multi_instance_directories =" + value + "\n");
    }

    @Test
    void thePrimaryComesFirstThenTheSecondariesInListOrder() {
        secondary("store-b", "multi_instance_group = g\n");
        secondary("store-a", "multi_instance_enable = YES\n");
        list("store-b", "store-a");
        Registry r = Registry.load(set.primary());
        assertEquals(List.of("", "store-b", "store-a"), r.instances().stream().map(Instance::name).toList());
        assertEquals("g", r.instances().get(1).group());
        assertTrue(r.instances().get(2).enabled(), "YES is yes, whatever the case");
        assertEquals(set.path("var/spool/store-b"), r.instances().get(1).queueDirectory());
    }

    @Test
    void aSingleInstancePrimaryCountsAsEnabledWhateverItsFlag() {
        assertTrue(Registry.load(set.primary()).primary().enabled());
        assertFalse(Registry.load(set.primary()).multiInstance());
    }

    @Test
    void withSecondariesThePrimaryUsesItsOwnFlag() {
        secondary("store-a", "");
        list("store-a");
        assertFalse(Registry.load(set.primary()).primary().enabled());
    }

    @Test
    void anEnableFlagOtherThanYesOrNoIsFatal() {
        secondary("store-a", "multi_instance_enable = maybe\n");
        list("store-a");
        RegistryException e = assertThrows(RegistryException.class, () -> Registry.load(set.primary()));
        assertTrue(e.getMessage().contains("Unexpected " + set.path("etc/store-a/main.cf") + ":4 entry: multi_instance_enable = maybe"),
                e.getMessage());
    }

    @Test
    void aMissingSecondaryMainCfAbortsTheWholeLoad() {
        list("store-gone");
        RegistryException e = assertThrows(RegistryException.class, () -> Registry.load(set.primary()));
        assertTrue(e.getMessage().contains("open " + set.path("etc/store-gone/main.cf") + ": No such file or directory"),
                e.getMessage());
    }

    @Test
    void aRelativeListEntryIsRefused() {
        set.write("etc/store/main.cf", set.mainCf(set.primary()).text() + "multi_instance_directories = etc/x\n");
        assertThrows(RegistryException.class, () -> Registry.load(set.primary()));
    }

    @Test
    void twoInstancesSharingADirectoryConflictAcrossParameters() {
        secondary("store-a", "");
        set.write("etc/store-b/main.cf", "queue_directory = " + set.path("var/lib/store-a") + "\n"
                + "data_directory = " + set.path("var/lib/store-b") + "\nmulti_instance_name = store-b\n");
        list("store-a", "store-b");
        RegistryException e = assertThrows(RegistryException.class, () -> Registry.load(set.primary()));
        assertEquals("instance " + set.path("etc/store-b") + ", queue_directory=" + set.path("var/lib/store-a")
                + " conflicts with instance " + set.path("etc/store-a") + ", data_directory=" + set.path("var/lib/store-a"),
                e.getMessage());
    }

    @Test
    void nestedDirectoriesAreDetected() {
        set.write("etc/store-a/main.cf", "queue_directory = " + set.path("var/spool/store/inner") + "\n"
                + "data_directory = " + set.path("var/lib/store-a") + "\n");
        list("store-a");
        RegistryException e = assertThrows(RegistryException.class, () -> Registry.load(set.primary()));
        assertTrue(e.getMessage().contains("lies inside instance " + set.path("etc/store") + ", queue_directory="),
                e.getMessage());
    }

    @Test
    void pathsAreComparedNormalized() {
        set.write("etc/store-a/main.cf", "queue_directory = " + set.path("var/spool/x/../store") + "/\n"
                + "data_directory = " + set.path("var/lib/store-a") + "\n");
        list("store-a");
        assertThrows(Claims.ClaimConflictException.class, () -> Registry.load(set.primary()));
    }

    @Test
    void theSameDirectoryListedTwiceIsNoConflictAndIsListedTwice() {
        secondary("store-a", "");
        list("store-a", "store-a");
        assertEquals(3, Registry.load(set.primary()).instances().size());
    }

    @Test
    void commandAndDaemonDirectoryMayBeTheSameForThePrimary() {
        // the test primary keeps both in ROOT/bin, as the README sandbox does
        assertEquals(set.primary().getFileSystem().getPath(set.path("bin").toString()),
                Registry.load(set.primary()).primary().daemonDirectory());
    }

    @Test
    void aSecondaryNamedLikeAnotherConflicts() {
        secondary("store-a", "");
        set.write("etc/store-b/main.cf", "queue_directory = " + set.path("var/spool/store-b") + "\n"
                + "data_directory = " + set.path("var/lib/store-b") + "\nmulti_instance_name = store-a\n");
        list("store-a", "store-b");
        RegistryException e = assertThrows(RegistryException.class, () -> Registry.load(set.primary()));
        assertTrue(e.getMessage().contains("multi_instance_name=store-a conflicts with"), e.getMessage());
    }
}
