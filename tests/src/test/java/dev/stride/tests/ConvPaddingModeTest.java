package dev.stride.tests;

import static dev.stride.tests.ConvCaseGen.between;
import static dev.stride.tests.ConvCaseGen.seeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.tests.ConvCaseGen.Conv2dCase;
import org.junit.jupiter.api.Test;

/**
 * Every padding mode equals PyTorch's definition: pad the input explicitly with that mode, then convolve
 * with zero padding 0. The padded input is built here by index arithmetic written independently of the
 * library (reflection by folding a period of {@code 2*(size-1)}, wrapping by {@code floorMod}).
 */
class ConvPaddingModeTest {
    private static final Ops REF = Stride.reference();

    /** The input cell that padded position {@code i} (relative to the input's first cell) copies; -1 for zero. */
    static int source(int i, int size, PaddingMode mode) {
        return switch (mode) {
            case ZEROS -> i >= 0 && i < size ? i : -1;
            case REPLICATE -> Math.min(size - 1, Math.max(0, i));
            case CIRCULAR -> Math.floorMod(i, size);
            case REFLECT -> {
                if (size == 1) yield 0;
                int period = 2 * (size - 1);
                int t = Math.floorMod(i, period);
                yield t < size ? t : period - t;
            }
        };
    }

    /** The input padded on its last two axes with {@code mode}, as a new tensor. */
    static Tensor padExplicitly(Tensor x, Padding2d pad, PaddingMode mode) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int ph = h + pad.top() + pad.bottom(), pw = w + pad.left() + pad.right();
        Tensor out = Tensor.zeros(n, c, ph, pw);
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < ph; r++) {
                    int sr = source(r - pad.top(), h, mode);
                    for (int q = 0; q < pw; q++) {
                        int sq = source(q - pad.left(), w, mode);
                        if (sr >= 0 && sq >= 0) out.set(x.get(b, ch, sr, sq), b, ch, r, q);
                    }
                }
            }
        }
        return out;
    }

    static Conv2dParams unpadded(Conv2dParams p) {
        return new Conv2dParams(p.inChannels(), p.outChannels(), p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                Padding2d.of(0), PaddingMode.ZEROS, p.dilationH(), p.dilationW(), p.groups(), p.bias());
    }

    @Test
    void everyModeEqualsExplicitPaddingThenUnpaddedConv() {
        qt().withExamples(300).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Conv2dParams p = c.params();
            Tensor expected = REF.conv2d(padExplicitly(x, p.padding(), p.paddingMode()), w, b, unpadded(p));
            Tensor actual = REF.conv2d(x, w, b, p);
            assertArrayEquals(expected.shape(), actual.shape(), c::toString);
            assertTrue(actual.allClose(expected, 1e-6f, 1e-6f), () -> c + " max diff " + actual.maxAbsDiff(expected));
        });
    }

    /** Small hand-checked rows: reflect does not repeat the edge, replicate does, circular wraps. */
    @Test
    void oneRowPaddedByTwoInEachMode() {
        Tensor row = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 1, 4);
        assertRow(row, PaddingMode.REFLECT, 3, 2, 1, 2, 3, 4, 3, 2);
        assertRow(row, PaddingMode.REPLICATE, 1, 1, 1, 2, 3, 4, 4, 4);
        assertRow(row, PaddingMode.CIRCULAR, 3, 4, 1, 2, 3, 4, 1, 2);
        assertRow(row, PaddingMode.ZEROS, 0, 0, 1, 2, 3, 4, 0, 0);
    }

    // A 1x1 kernel of weight 1 with padding 2 on the left and right shows the padded row itself.
    private static void assertRow(Tensor row, PaddingMode mode, float... expected) {
        Conv2dParams p = new Conv2dParams(1, 1, 1, 1, 1, 1, new Padding2d(0, 0, 2, 2), mode, 1, 1, 1, false);
        Tensor y = REF.conv2d(row, Tensor.full(1f, 1, 1, 1, 1), null, p);
        assertArrayEquals(expected, y.data(), mode.toString());
    }

    /** A non-zero mode only changes what the padding reads: without padding every mode gives the same output. */
    @Test
    void modesAgreeWithoutPadding() {
        qt().withExamples(50).forAll(between(1, 3), between(1, 3), between(1, 4), seeds()).checkAssert((k, s, extra, seed) -> {
            Tensor x = Tensor.uniform(seed, -1, 1, 1, 2, k + extra, k + extra + 1);
            Tensor w = Tensor.uniform(seed + 1L, -1, 1, 3, 2, k, k);
            Tensor zeros = REF.conv2d(x, w, null, Conv2dParams.builder(2, 3, k).stride(s).bias(false).build());
            for (PaddingMode mode : PaddingMode.values()) {
                Tensor y = REF.conv2d(x, w, null, Conv2dParams.builder(2, 3, k).stride(s).bias(false).paddingMode(mode).build());
                assertTrue(y.bitwiseEquals(zeros), mode::toString);
            }
        });
    }

    /** The generator draws every mode and padding; a sanity check that the property above sees them all. */
    @Test
    void generatorCoversEveryMode() {
        java.util.EnumSet<PaddingMode> seen = java.util.EnumSet.noneOf(PaddingMode.class);
        qt().withExamples(200).forAll(ConvCaseGen.conv2d()).checkAssert((Conv2dCase c) -> {
            if (c.params().padding().top() > 0) seen.add(c.params().paddingMode());
        });
        assertEquals(java.util.EnumSet.allOf(PaddingMode.class), seen);
    }
}
