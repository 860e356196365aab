package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Conv1dParamsTest {
    @Test
    void outputLengthFollowsTheFormula() {
        Conv1dParams p = new Conv1dParams(2, 4, 3, 2, 1, 1, PaddingMode.ZEROS, 1, 1, true);
        assertEquals(4, p.outLength(7)); // floor((7 + 2 - 3) / 2) + 1
        assertArrayEquals(new int[] {3, 4, 4}, p.outputShape(new int[] {3, 2, 7}));
        assertArrayEquals(new int[] {4, 2, 3}, p.weightShape());
    }

    @Test
    void isTheHeightOneCaseOfConv2d() {
        Conv1dParams p = new Conv1dParams(4, 2, 5, 3, 2, 1, PaddingMode.REFLECT, 2, 2, false);
        Conv2dParams q = p.toConv2d();
        assertEquals(1, q.kernelH());
        assertEquals(5, q.kernelW());
        assertEquals(new Padding2d(0, 0, 2, 1), q.padding());
        assertEquals(PaddingMode.REFLECT, q.paddingMode());
        assertEquals(2, q.dilationW());
        assertEquals(2, q.groups());
        assertEquals(p.outLength(20), q.outWidth(20));
    }

    @Test
    void sameKeepsTheLength() {
        Conv1dParams p = Conv1dParams.same(1, 1, 4, 3, 1, PaddingMode.ZEROS, true);
        assertEquals(4, p.padLeft());
        assertEquals(5, p.padRight());
        assertEquals(11, p.outLength(11));
    }

    @Test
    void invalidCombinationsAreNamed() {
        var groups = assertThrows(IllegalArgumentException.class,
                () -> new Conv1dParams(3, 2, 3, 1, 0, 0, PaddingMode.ZEROS, 1, 2, true));
        assertTrue(groups.getMessage().contains("groups"));
        var rank = assertThrows(IllegalArgumentException.class, () -> Conv1dParams.of(1, 1, 3).outputShape(new int[] {1, 1, 1, 5}));
        assertTrue(rank.getMessage().contains("NCL"));
        var tooShort = assertThrows(IllegalArgumentException.class, () -> Conv1dParams.of(1, 1, 3).outLength(2));
        assertTrue(tooShort.getMessage().contains("below 1"));
    }
}
