package org.storemulti.imap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SequenceSetTest {

    private static SequenceSet.Range r(long a, long b) {
        return new SequenceSet.Range(a, b);
    }

    @Test
    void starIsTheLargestNumberAndRangesGoEitherWay() {
        SequenceSet set = SequenceSet.of(List.of(r(SequenceSet.LAST, 4), r(2, 2)));
        assertEquals(List.of(r(2, 2), r(4, 10)), set.resolve(10));
        assertEquals(List.of(r(2, 4)), set.resolve(3), "*:4 with 3 messages is 3:4, merged with 2");
        assertEquals("*:4,2", set.toString());
    }

    @Test
    void overlappingAndAdjacentRangesMerge() {
        SequenceSet set = SequenceSet.of(List.of(r(5, 7), r(1, 3), r(4, 4), r(6, 9)));
        assertEquals(List.of(r(1, 9)), set.resolve(100));
        assertTrue(set.contains(8, 100));
        assertFalse(set.contains(10, 100));
    }
}
