package org.storemulti.iterate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.storemulti.registry.Instance;
import org.storemulti.registry.Registry;
import org.storemulti.registry.Selection;

/** The ordered steps of a {@code -p} or {@code -x} run. */
public final class Plan {

    private Plan() {
    }

    /**
     * {@code -p}: start-like commands reach every selected instance (disabled ones get
     * {@code check}); stop-like ones the enabled ones in reverse; control ones the
     * enabled ones; others every selected instance. Disabled instances are dropped before
     * selection, so selecting only disabled ones for a stop is "No matching instances".
     */
    public static List<Step> storeCtl(Registry registry, Selection selection, List<String> command) {
        CommandClass kind = CommandClass.of(command.get(0), registry.primaryConfig());
        List<Step> steps = new ArrayList<>();
        for (Instance i : registry.select(selection)) {
            if (i.enabled() || kind == CommandClass.OTHER) {
                steps.add(new Step(i, command));
            } else if (kind == CommandClass.START) {
                List<String> check = new ArrayList<>(command);
                check.set(0, "check");
                steps.add(new Step(i, check));
            }
        }
        if (kind == CommandClass.STOP) {
            Collections.reverse(steps);
        }
        return nonEmpty(steps);
    }

    /** {@code -x}: every selected instance, enabled or not, forward or reversed ({@code -R}). */
    public static List<Step> exec(Registry registry, Selection selection, List<String> command, boolean reverse) {
        List<Step> steps = new ArrayList<>();
        for (Instance i : registry.select(selection)) {
            steps.add(new Step(i, command));
        }
        if (reverse) {
            Collections.reverse(steps);
        }
        return nonEmpty(steps);
    }

    /** Whether a {@code -p} command is stop-like (its waves run in reverse). */
    public static boolean stopLike(Registry registry, List<String> command) {
        return CommandClass.of(command.get(0), registry.primaryConfig()) == CommandClass.STOP;
    }

    private static List<Step> nonEmpty(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IterationException("No matching instances");
        }
        return List.copyOf(steps);
    }
}
