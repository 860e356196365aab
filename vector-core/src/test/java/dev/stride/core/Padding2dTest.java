package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Padding2d.AutoPad;
import org.junit.jupiter.api.Test;

class Padding2dTest {
    @Test
    void factories() {
        assertEquals(new Padding2d(2, 2, 2, 2), Padding2d.of(2));
        assertEquals(new Padding2d(1, 1, 3, 3), Padding2d.of(1, 3));
        assertTrue(Padding2d.of(1, 3).symmetric());
        assertFalse(new Padding2d(0, 1, 0, 0).symmetric());
    }

    @Test
    void sameTotalsDilationTimesKernelMinusOne() {
        assertEquals(new Padding2d(1, 1, 1, 2), Padding2d.same(3, 4, 1, 1));
        assertEquals(new Padding2d(2, 2, 0, 0), Padding2d.same(3, 1, 2, 5));
    }

    @Test
    void onnxSameUpperAndLower() {
        // in 5, kernel 2, stride 2: out 3, total (3-1)*2 + 2 - 5 = 1.
        assertEquals(new Padding2d(0, 1, 0, 1), Padding2d.onnxAuto(AutoPad.SAME_UPPER, 5, 5, 2, 2, 2, 2, 1, 1));
        assertEquals(new Padding2d(1, 0, 1, 0), Padding2d.onnxAuto(AutoPad.SAME_LOWER, 5, 5, 2, 2, 2, 2, 1, 1));
        // in 6, kernel 1, stride 2: windows already cover it, no padding.
        assertEquals(Padding2d.of(0), Padding2d.onnxAuto(AutoPad.SAME_UPPER, 6, 6, 1, 1, 2, 2, 1, 1));
        assertEquals(Padding2d.of(0), Padding2d.onnxAuto(AutoPad.VALID, 6, 6, 3, 3, 1, 1, 1, 1));
    }

    @Test
    void errorsNameTheSide() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Padding2d(0, 0, -2, 0));
        assertTrue(e.getMessage().contains("padding left -2"), e.getMessage());
        var notSet = assertThrows(IllegalArgumentException.class,
                () -> Padding2d.onnxAuto(AutoPad.NOTSET, 4, 4, 3, 3, 1, 1, 1, 1));
        assertTrue(notSet.getMessage().contains("NOTSET"), notSet.getMessage());
        var parse = assertThrows(IllegalArgumentException.class, () -> AutoPad.parse("SAME"));
        assertTrue(parse.getMessage().contains("auto_pad"), parse.getMessage());
        assertEquals(AutoPad.SAME_LOWER, AutoPad.parse("same_lower"));
    }
}
