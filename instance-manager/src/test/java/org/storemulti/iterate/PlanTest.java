package org.storemulti.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storemulti.registry.Registry;
import org.storemulti.registry.Selection;
import org.storemulti.testing.InstanceSet;

class PlanTest {

    private final InstanceSet set = InstanceSet.onJimfs();

    @BeforeEach
    void threeSecondariesOneDisabled() {
        set.ok("-e", "init");
        set.ok("-e", "create", "-I", "store-sink", "-G", "sink");
        set.ok("-e", "create", "-I", "store-a", "-G", "mta");
        set.ok("-e", "create", "-I", "store-b", "-G", "mta");
        set.ok("-i", "sink", "-e", "enable");
        set.ok("-i", "a", "-e", "enable");
    }

    private List<String> plan(Selection selection, String... command) {
        return Plan.storeCtl(Registry.load(set.primary()), selection, List.of(command)).stream()
                .map(s -> s.instance().label().replace(set.primary().toString(), "-") + " " + String.join(" ", s.command()))
                .toList();
    }

    @Test
    void startLikeCommandsReachEveryInstanceAndDisabledOnesGetCheck() {
        assertEquals(List.of("- start", "store-sink start", "store-a start", "store-b check"),
                plan(new Selection.None(), "start"));
    }

    @Test
    void checkReplacesOnlyTheCommandWordAndKeepsArguments() {
        assertEquals(List.of("store-b check -v"), plan(new Selection.Named("b"), "start-fg", "-v"));
    }

    @Test
    void stopLikeCommandsRunInReverseAndSkipDisabledInstances() {
        assertEquals(List.of("store-a stop", "store-sink stop", "- stop"), plan(new Selection.None(), "stop"));
    }

    @Test
    void controlCommandsSkipDisabledInstancesInForwardOrder() {
        assertEquals(List.of("- reload", "store-sink reload", "store-a reload"), plan(new Selection.All(), "reload"));
    }

    @Test
    void otherCommandsReachEverySelectedInstance() {
        assertEquals(List.of("store-a status", "store-b status"), plan(new Selection.Group("mta"), "status"));
    }

    @Test
    void aStopSelectingOnlyDisabledInstancesIsNoMatchingInstances() {
        IterationException e = assertThrows(IterationException.class, () -> plan(new Selection.Named("b"), "stop"));
        assertEquals("No matching instances", e.getMessage());
    }

    @Test
    void theCommandClassesComeFromThePrimaryMainCf() {
        set.write("etc/store/main.cf", set.mainCf(set.primary()).text() + "storemulti_stop_commands = halt\n");
        assertEquals(List.of("store-a halt", "store-sink halt", "- halt"), plan(new Selection.None(), "halt"));
        assertEquals(4, plan(new Selection.None(), "stop").size(), "stop is now an ordinary command");
    }

    @Test
    void execReachesEveryInstanceEnabledOrNotAndReversesWithR() {
        Registry r = Registry.load(set.primary());
        assertEquals(List.of("store-b", "store-a"),
                Plan.exec(r, new Selection.Group("mta"), List.of("true"), true).stream()
                        .map(s -> s.instance().label()).toList());
        assertEquals(List.of("store-b", "store-a", "store-sink"),
                Plan.exec(r, new Selection.None(), List.of("true"), true).stream()
                        .map(s -> s.instance().label()).toList().subList(0, 3));
    }

    @Test
    void wavesGroupConsecutiveMembersOfOneGroupAndKeepThePrimaryAlone() {
        List<List<Step>> waves = Waves.of(Plan.storeCtl(Registry.load(set.primary()), new Selection.None(), List.of("start")));
        assertEquals(List.of(1, 1, 2), waves.stream().map(List::size).toList());
        List<List<Step>> stopWaves = Waves.of(Plan.storeCtl(Registry.load(set.primary()), new Selection.None(), List.of("stop")));
        assertEquals(List.of("store-a", "store-sink"),
                stopWaves.stream().limit(2).map(w -> w.get(0).instance().label()).toList(),
                "stop-like: the mta wave before the sink wave");
    }
}
