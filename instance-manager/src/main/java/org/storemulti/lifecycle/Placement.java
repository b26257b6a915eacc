package org.storemulti.lifecycle;

import java.util.List;

import org.storemulti.registry.Instance;
import org.storemulti.registry.Selection;

/**
 * Where create and import put a new instance in {@code multi_instance_directories}:
 * at the end by default, first with {@code -a}, before the first secondary of the group
 * with {@code -g}, before the named secondary with {@code -i}. The primary is never an anchor.
 */
final class Placement {

    private Placement() {
    }

    /** The index among {@code secondaries} before which the new instance goes. */
    static int index(List<Instance> secondaries, Selection selection) {
        if (selection instanceof Selection.None) {
            return secondaries.size();
        }
        if (selection instanceof Selection.All) {
            return 0;
        }
        for (int i = 0; i < secondaries.size(); i++) {
            if (selection.matches(secondaries.get(i))) {
                return i;
            }
        }
        throw new LifecycleException("No matching secondary instances for " + describe(selection));
    }

    private static String describe(Selection selection) {
        if (selection instanceof Selection.Group g) {
            return "-g " + g.group();
        }
        return "-i " + ((Selection.Named) selection).name();
    }
}
