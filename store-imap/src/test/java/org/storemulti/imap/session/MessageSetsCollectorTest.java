package org.storemulti.imap.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class MessageSetsCollectorTest {

    private static int[] collect(int... indices) {
        MessageSets.Collector out = new MessageSets.Collector();
        for (int i : indices) {
            out.add(i);
        }
        return out.done();
    }

    @Test
    void indicesComeOutAscendingAndEachOnce() {
        assertArrayEquals(new int[] {0, 1, 2, 7}, collect(7, 2, 0, 2, 1, 7, 0, 7));
    }

    @Test
    void nothingAddedIsNothing() {
        assertArrayEquals(new int[0], collect());
    }

    @Test
    void aLongRunGrowsPastTheFirstArray() {
        int[] many = new int[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = many.length - 1 - i / 2 * 2; // every index twice over, descending
        }
        int[] expected = new int[2500];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = 1 + 2 * i;
        }
        assertArrayEquals(expected, collect(many));
    }
}
