package org.storemulti.iterate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ordered steps into waves for {@code -P N}: consecutive instances of the same
 * group (instances without a group count as one group) form one wave; the primary is
 * always a wave of its own. Waves run one after the other in the steps' order, which
 * is already reversed for stop-like commands, so "sink before source" between groups holds.
 */
public final class Waves {

    private Waves() {
    }

    public static List<List<Step>> of(List<Step> steps) {
        List<List<Step>> waves = new ArrayList<>();
        List<Step> current = new ArrayList<>();
        for (Step step : steps) {
            if (!current.isEmpty() && !sameWave(current.get(current.size() - 1), step)) {
                waves.add(List.copyOf(current));
                current.clear();
            }
            current.add(step);
        }
        if (!current.isEmpty()) {
            waves.add(List.copyOf(current));
        }
        return List.copyOf(waves);
    }

    private static boolean sameWave(Step a, Step b) {
        return !a.instance().primary() && !b.instance().primary()
                && a.instance().group().equals(b.instance().group());
    }
}
