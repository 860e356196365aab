package dev.stride.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The max/avg pooling records, 2-D and 1-D: defaults, shapes, conversions and validation. */
class PoolParamsTest {
    private static void assertRejects(Executable call, String mention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(mention), "'" + e.getMessage() + "' does not mention '" + mention + "'");
    }

    @Test
    void maxPoolDefaultsToStrideEqualToTheKernel() {
        MaxPool2dParams p = MaxPool2dParams.of(2);
        assertEquals(new MaxPool2dParams(2, 2, 2, 2, 0, 0, 1, 1, false), p);
        assertArrayEquals(new int[] {1, 1, 2, 2}, p.outputShape(new int[] {1, 1, 4, 4}));
        MaxPool2dParams resnet = MaxPool2dParams.of(3, 2, 1);
        assertArrayEquals(new int[] {8, 64, 56, 56}, resnet.outputShape(new int[] {8, 64, 112, 112}));
        assertTrue(resnet.withCeilMode(true).ceilMode());
        assertEquals(resnet, resnet.withCeilMode(true).withCeilMode(false));
    }

    @Test
    void maxPoolAxesAreIndependent() {
        MaxPool2dParams p = new MaxPool2dParams(3, 2, 2, 1, 1, 0, 1, 2, true);
        assertEquals(4, p.outHeight(7));  // ceil((7 + 2 - 3) / 2) + 1, last start 6 < 8
        assertEquals(4, p.outWidth(6));   // (6 - 3) / 1 + 1, effective kernel 3
        assertArrayEquals(new int[] {2, 3, 4, 4}, p.outputShape(new int[] {2, 3, 7, 6}));
    }

    @Test
    void maxPoolValidation() {
        assertRejects(() -> new MaxPool2dParams(0, 1, 1, 1, 0, 0, 1, 1, false), "kernel_size height");
        assertRejects(() -> new MaxPool2dParams(1, 1, 0, 1, 0, 0, 1, 1, false), "stride height");
        assertRejects(() -> new MaxPool2dParams(1, 1, 1, 1, 0, 0, 1, 0, false), "dilation width");
        assertRejects(() -> new MaxPool2dParams(2, 2, 1, 1, 0, 2, 1, 1, false), "padding width");
        assertRejects(() -> MaxPool2dParams.of(2).outputShape(new int[] {1, 4, 4}), "NCHW");
        assertRejects(() -> MaxPool2dParams.of(5).outputShape(new int[] {1, 1, 4, 4}), "output height");
    }

    @Test
    void avgPoolDefaultsFollowPyTorch() {
        AvgPool2dParams p = AvgPool2dParams.of(2);
        assertEquals(2, p.strideH());
        assertTrue(p.countIncludePad());
        assertFalse(p.hasDivisorOverride());
        assertTrue(new AvgPool2dParams(2, 2, 2, 2, 0, 0, false, true, 3).hasDivisorOverride());
        assertArrayEquals(new int[] {1, 64, 56, 56}, p.outputShape(new int[] {1, 64, 112, 112}));
        assertRejects(() -> new AvgPool2dParams(3, 3, 1, 1, 2, 0, false, true, 0), "padding height");
        assertRejects(() -> new AvgPool2dParams(3, 3, 1, 1, 0, -1, false, true, 0), "padding width");
        assertRejects(() -> AvgPool2dParams.of(3).outputShape(new int[] {1, 1, 2, 9}), "output height");
    }

    @Test
    void oneDimensionalPoolsAreTheHeightOneCase() {
        MaxPool1dParams m = new MaxPool1dParams(3, 2, 1, 2, true);
        MaxPool2dParams m2 = m.toPool2d();
        assertEquals(new MaxPool2dParams(1, 3, 1, 2, 0, 1, 1, 2, true), m2);
        for (int len = 4; len < 20; len++) {
            assertEquals(m2.outWidth(len), m.outLength(len));
            assertEquals(1, m2.outHeight(1));
        }
        assertArrayEquals(new int[] {2, 3, 5}, m.outputShape(new int[] {2, 3, 10}));
        assertEquals(MaxPool1dParams.of(4), new MaxPool1dParams(4, 4, 0, 1, false));

        AvgPool1dParams a = new AvgPool1dParams(4, 3, 2, false, false, 5);
        assertEquals(new AvgPool2dParams(1, 4, 1, 3, 0, 2, false, false, 5), a.toPool2d());
        for (int len = 1; len < 20; len++) assertEquals(a.toPool2d().outWidth(len), a.outLength(len));
        assertEquals(AvgPool1dParams.of(2), new AvgPool1dParams(2, 2, 0, false, true, 0));
    }

    @Test
    void oneDimensionalValidation() {
        assertRejects(() -> new MaxPool1dParams(2, 1, 2, 1, false), "padding");
        assertRejects(() -> new MaxPool1dParams(2, 0, 0, 1, false), "stride");
        assertRejects(() -> new AvgPool1dParams(0, 1, 0, false, true, 0), "kernel_size");
        assertRejects(() -> MaxPool1dParams.of(2).outputShape(new int[] {1, 1, 1, 4}), "NCL");
        assertRejects(() -> AvgPool1dParams.of(3).outputShape(new int[] {1, 1, 2}), "output length");
    }
}
