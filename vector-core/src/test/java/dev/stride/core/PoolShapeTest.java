package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PyTorch's pooling output-size arithmetic and padding rule, on hand-worked cases. */
class PoolShapeTest {
    private static int out(int in, int k, int s, int p, int d, boolean ceil) {
        return PoolShape.outSize("pool", "width", in, k, s, p, d, ceil);
    }

    @Test
    void floorModeFollowsTheFormula() {
        assertEquals(3, out(5, 3, 1, 0, 1, false));   // (5 - 3) / 1 + 1
        assertEquals(5, out(5, 3, 1, 1, 1, false));   // (5 + 2 - 3) / 1 + 1
        assertEquals(3, out(5, 3, 2, 1, 1, false));   // (5 + 2 - 3) / 2 + 1
        assertEquals(2, out(4, 2, 2, 0, 1, false));   // the 4x4, 2x2 stride 2 example
        assertEquals(56, out(112, 3, 2, 1, 1, false)); // ResNet's stem max pool
        assertEquals(3, out(7, 3, 1, 0, 2, false));   // dilation 2: effective kernel 5
    }

    @Test
    void ceilModeRoundsUpButTheLastWindowMustStartInsideTheInputOrLeftPadding() {
        assertEquals(2, out(6, 3, 2, 0, 1, false));
        assertEquals(3, out(6, 3, 2, 0, 1, true));    // ceil(3 / 2) + 1; last start 4 < 6
        // ceil((5 + 2 - 2) / 2) + 1 = 4, but window 3 would start at padded position 6 = 5 + 1: dropped
        assertEquals(3, out(5, 2, 2, 1, 1, true));
        assertEquals(1, out(2, 3, 3, 0, 1, true));    // a partial window is allowed in ceil mode
        assertEquals(4, out(7, 2, 2, 0, 1, true));    // last window [6, 8) starts inside the input
    }

    @Test
    void anOutputBelowOneIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out(2, 3, 1, 0, 1, false));
        assertTrue(e.getMessage().contains("output width 0"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> out(0, 1, 1, 0, 1, false));
        assertTrue(e.getMessage().contains("input width"), e.getMessage());
    }

    @Test
    void paddingIsAtMostHalfTheKernel() {
        PoolShape.checkPad("max_pool2d", "height", 1, 3, 1);
        PoolShape.checkPad("max_pool2d", "height", 2, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolShape.checkPad("max_pool2d", "height", 2, 3, 1));
        assertTrue(e.getMessage().contains("padding height 2"), e.getMessage());
        // PyTorch checks against the kernel, not the dilated kernel
        assertThrows(IllegalArgumentException.class, () -> PoolShape.checkPad("max_pool2d", "width", 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> PoolShape.checkPad("avg_pool2d", "width", 1, 1, 1));
    }

    @Test
    void ranksAndLeadingSizesAreChecked() {
        PoolShape.checkNchw("max_pool2d", new int[] {1, 1, 2, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolShape.checkNchw("max_pool2d", new int[] {1, 2, 2}));
        assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolShape.checkNchw("max_pool2d", new int[] {0, 1, 2, 2}));
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolShape.checkNcl("max_pool1d", new int[] {1, 1, 1, 2}));
        assertTrue(e.getMessage().contains("NCL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolShape.checkNcl("max_pool1d", new int[] {1, 0, 2}));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }
}
