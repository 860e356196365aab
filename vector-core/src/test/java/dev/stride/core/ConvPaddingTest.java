package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stride.core.reference.ConvPadding;
import org.junit.jupiter.api.Test;

/** Where each padding mode reads, on an axis of 4 cells (indices -2..5 around 0..3). */
class ConvPaddingTest {
    private static int[] sources(PaddingMode mode) {
        int[] s = new int[8];
        for (int i = -2; i <= 5; i++) s[i + 2] = ConvPadding.sourceIndex(i, 4, mode);
        return s;
    }

    @Test
    void eachModeMapsThePaddingLikeFPad() {
        assertArrayEquals(new int[] {-1, -1, 0, 1, 2, 3, -1, -1}, sources(PaddingMode.ZEROS));
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 2, 1}, sources(PaddingMode.REFLECT));
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 3, 3, 3}, sources(PaddingMode.REPLICATE));
        assertArrayEquals(new int[] {2, 3, 0, 1, 2, 3, 0, 1}, sources(PaddingMode.CIRCULAR));
    }

    @Test
    void refusesMoreThanOneReflectionOrWrap() {
        assertThrows(IllegalArgumentException.class, () -> ConvPadding.sourceIndex(-4, 4, PaddingMode.REFLECT));
        assertThrows(IllegalArgumentException.class, () -> ConvPadding.sourceIndex(8, 4, PaddingMode.CIRCULAR));
        assertEquals(-1, ConvPadding.sourceIndex(100, 4, PaddingMode.ZEROS));
    }
}
