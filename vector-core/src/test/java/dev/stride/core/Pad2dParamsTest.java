package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The pad record: F.pad's (left, right, top, bottom) order, output shapes and each mode's PyTorch rules. */
class Pad2dParamsTest {
    private static void assertRejects(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) assertTrue(e.getMessage().contains(m), "'" + e.getMessage() + "' does not mention '" + m + "'");
    }

    @Test
    void padsTheLastTwoDimensionsInFPadOrder() {
        Pad2dParams p = Pad2dParams.constant(1, 2, 3, 4, 0f);
        assertArrayEquals(new int[] {2, 3, 5 + 7, 6 + 3}, p.outputShape(new int[] {2, 3, 5, 6}));
        assertArrayEquals(new int[] {5 + 7, 6 + 3}, p.outputShape(new int[] {5, 6}));
        assertArrayEquals(new int[] {1, 1, 1, 4, 4}, Pad2dParams.of(1, 1, 1, 1, PadMode.REFLECT).outputShape(new int[] {1, 1, 1, 2, 2}));
        assertEquals(PadMode.CONSTANT, p.mode());
    }

    @Test
    void negativePadsCropInEveryMode() {
        for (PadMode mode : PadMode.values()) {
            assertArrayEquals(new int[] {1, 4, 3}, new Pad2dParams(-1, 0, 1, -2, mode, 0f).outputShape(new int[] {1, 5, 4}), mode.name());
        }
    }

    @Test
    void reflectPadsMustBeBelowTheDimension() {
        Pad2dParams.of(2, 2, 0, 0, PadMode.REFLECT).outputShape(new int[] {1, 1, 3});
        assertRejects(() -> Pad2dParams.of(3, 0, 0, 0, PadMode.REFLECT).outputShape(new int[] {1, 1, 3}), "pad left 3", "width 3", "reflect");
        assertRejects(() -> Pad2dParams.of(0, 0, 0, 1, PadMode.REFLECT).outputShape(new int[] {1, 1, 3}), "pad bottom 1", "height 1");
    }

    @Test
    void circularPadsWrapAtMostOnce() {
        Pad2dParams.of(3, 3, 0, 0, PadMode.CIRCULAR).outputShape(new int[] {1, 1, 3});
        assertRejects(() -> Pad2dParams.of(0, 4, 0, 0, PadMode.CIRCULAR).outputShape(new int[] {1, 1, 3}), "pad right 4", "circular");
        // after cropping 2 of 3 cells on the left, only 1 cell is left to wrap
        Pad2dParams.of(-2, 1, 0, 0, PadMode.CIRCULAR).outputShape(new int[] {1, 1, 3});
        assertRejects(() -> Pad2dParams.of(-2, 2, 0, 0, PadMode.CIRCULAR).outputShape(new int[] {1, 1, 3}), "pad right 2", "crop");
    }

    @Test
    void outputsKeepAtLeastOneCellAndCropsStayInsideTheInput() {
        assertRejects(() -> Pad2dParams.constant(-2, -1, 0, 0, 0f).outputShape(new int[] {1, 3}), "pad left -2", "at least 1");
        assertRejects(() -> Pad2dParams.of(0, 0, -3, 0, PadMode.REPLICATE).outputShape(new int[] {3, 3}), "pad top -3");
        assertRejects(() -> Pad2dParams.constant(-4, 5, 0, 0, 0f).outputShape(new int[] {1, 3}), "crop more than the input width 3");
        Pad2dParams.constant(-3, 2, 0, 0, 1f).outputShape(new int[] {1, 3});
    }

    @Test
    void otherRules() {
        assertRejects(() -> Pad2dParams.constant(1, 1, 0, 0, 0f).outputShape(new int[] {4}), "at least 2 dimensions");
        assertRejects(() -> Pad2dParams.of(1, 1, 0, 0, PadMode.REPLICATE).outputShape(new int[] {1, 0}), "replicate", "width");
        assertRejects(() -> new Pad2dParams(0, 0, 0, 0, PadMode.CIRCULAR, 2f), "value 2.0", "circular");
        assertRejects(() -> new Pad2dParams(0, 0, 0, 0, null, 0f), "mode");
        assertEquals(PadMode.REFLECT, PadMode.parse("reflect"));
        assertRejects(() -> PadMode.parse("mirror"), "mirror");
    }
}
