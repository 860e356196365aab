package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Adaptive pooling windows: {@code [floor(i*in/out), ceil((i+1)*in/out))}, shapes and validation. */
class AdaptivePool2dParamsTest {
    private static int[][] windows(int in, int out) {
        int[][] w = new int[out][];
        for (int i = 0; i < out; i++) w[i] = new int[] {AdaptivePool2dParams.start(i, in, out), AdaptivePool2dParams.end(i, in, out)};
        return w;
    }

    @Test
    void windowsOnWorkedCases() {
        assertArrayEquals(new int[][] {{0, 2}, {1, 4}, {3, 5}}, windows(5, 3));
        assertArrayEquals(new int[][] {{0, 3}, {2, 5}, {5, 8}, {7, 10}}, windows(10, 4));
        assertArrayEquals(new int[][] {{0, 1}, {0, 2}, {1, 2}}, windows(2, 3)); // output larger than input
        assertArrayEquals(new int[][] {{0, 7}}, windows(7, 1));                 // global
    }

    @Test
    void windowsCoverTheInputInOrderAndAreNeverEmpty() {
        for (int in = 1; in <= 24; in++) {
            for (int out = 1; out <= 24; out++) {
                int[][] w = windows(in, out);
                assertEquals(0, w[0][0]);
                assertEquals(in, w[out - 1][1]);
                for (int i = 0; i < out; i++) {
                    assertTrue(w[i][0] < w[i][1], "empty window " + i + " for in " + in + ", out " + out);
                    if (i > 0) {
                        assertTrue(w[i][0] >= w[i - 1][0] && w[i][0] <= w[i - 1][1], "gap before window " + i);
                    }
                }
            }
        }
    }

    @Test
    void largeSizesDoNotOverflow() {
        int big = 1 << 20;
        assertEquals(big - 1, AdaptivePool2dParams.start(big - 1, big, big));
        assertEquals(big, AdaptivePool2dParams.end(big - 1, big, big));
    }

    @Test
    void shapesAndValidation() {
        AdaptivePool2dParams p = new AdaptivePool2dParams(3, 5);
        assertArrayEquals(new int[] {2, 4, 3, 5}, p.outputShape(new int[] {2, 4, 1, 9}));
        assertEquals(new AdaptivePool2dParams(1, 1), AdaptivePool2dParams.global());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdaptivePool2dParams(0, 1));
        assertTrue(e.getMessage().contains("output_size height"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.outputShape(new int[] {2, 4, 0, 9}));
        assertTrue(e.getMessage().contains("input height"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.outputShape(new int[] {4, 1, 9}));
        assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
    }
}
