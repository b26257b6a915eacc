package org.storemulti.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SelectionTest {

    private static Instance instance(String dir, String name, String group, boolean primary) {
        Path d = Path.of(dir);
        return new Instance(d, name, group, true, primary, d.resolve("q"), d.resolve("d"), Path.of("/usr/sbin"),
                Path.of("/usr/libexec/store"), name, List.of(), List.of());
    }

    private final Instance primary = instance("/etc/store", "", "", true);
    private final Instance a = instance("/etc/store-a", "store-a", "mta", false);
    private final Instance ab = instance("/etc/store-ab", "store-ab", "", false);
    private final Instance nameless = instance("/srv/conf", "", "mta", false);

    @Test
    void dashSelectsThePrimaryOnly() {
        Selection s = new Selection.Named("-");
        assertTrue(s.matches(primary));
        assertFalse(s.matches(a));
        assertFalse(s.matches(nameless));
    }

    @Test
    void aShortNameSelectsTheInstanceWithThePrefixButNotALongerName() {
        Selection s = new Selection.Named("a");
        assertTrue(s.matches(a));
        assertFalse(s.matches(ab));
    }

    @Test
    void theFullNameSelectsToo() {
        assertTrue(new Selection.Named("store-a").matches(a));
        assertFalse(new Selection.Named("store-a").matches(ab));
    }

    @Test
    void aPathSelectsByConfigDirectoryAlsoWithATrailingSlash() {
        assertTrue(new Selection.Named("/etc/store-a").matches(a));
        assertTrue(new Selection.Named("/etc/store-a/").matches(a));
        assertTrue(new Selection.Named("/etc/store").matches(primary));
    }

    @Test
    void aNamelessSecondaryIsSelectedOnlyByItsPath() {
        assertTrue(new Selection.Named("/srv/conf").matches(nameless));
        assertFalse(new Selection.Named("conf").matches(nameless));
    }

    @Test
    void aGroupMatchesExactlyAndInstancesWithoutAGroupNever() {
        Selection s = new Selection.Group("mta");
        assertTrue(s.matches(a));
        assertTrue(s.matches(nameless));
        assertFalse(s.matches(primary));
        assertFalse(new Selection.Group("").matches(primary));
    }
}
