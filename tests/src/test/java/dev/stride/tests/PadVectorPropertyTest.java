package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Ops;
import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The vectorized pad op against the reference in every mode, negative pads (crops) included: the
 * forward pass only copies, so it must match bit for bit (NaN payloads and -0 too); the backward pass
 * adds each output gradient into its source cell, within {@code 8 K 2^-24 sum|g|} where K bounds how
 * many output cells share a source. Cases come from {@link PadGen} (planes up to 6x6) and from wide rows
 * (up to 70 columns, so the row copies run past the vector width). Also runs at forced widths 0, 128
 * and 256 (tests/pom.xml).
 */
class PadVectorPropertyTest {
    private final Ops ref = Stride.reference();

    private void check(PadGen.PadCase c, int threads) {
        Ops v = Stride.vector(threads);
        Tensor x = VectorCompare.values(c.seed(), true, c.shape());
        Tensor copy = x.copy();
        Tensor expected = ref.pad(x, c.p());
        assertTrue(expected.bitwiseEquals(v.pad(x, c.p())), "pad differs from the reference for " + c);
        assertTrue(x.bitwiseEquals(copy), "pad modified its input for " + c);
        Tensor g = PoolGen.values(c.seed() + 1, expected.shape());
        int r = c.shape().length;
        long k = 4L * (c.shape()[r - 1] + 1) * (c.shape()[r - 2] + 1);
        VectorCompare.sums("pad backward", c, v.padBackward(c.shape(), g, c.p()), ref.padBackward(c.shape(), g, c.p()),
                ref.padBackward(c.shape(), VectorCompare.abs(g), c.p()), k);
    }

    @Test
    void smallPlanesInEveryMode() {
        qt().withExamples(300).forAll(PadGen.pads()).checkAssert(c -> check(c, 1 + (int) (c.seed() % 3)));
    }

    @Test
    void wideRows() {
        qt().withExamples(150).forAll(PadGen.pads()).checkAssert(c -> {
            int[] s = c.shape().clone();
            int r = s.length;
            s[r - 1] = 10 + (int) (c.seed() % 61);
            Pad2dParams p = c.p();
            // Pads drawn for the narrow width stay valid for a wider one in every mode.
            check(new PadGen.PadCase(s, p, c.seed()), 2);
        });
    }

    @Test
    void invalidInputsNameTheParameter() {
        Ops v = Stride.vector(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.pad(Tensor.zeros(2, 3), Pad2dParams.of(3, 0, 0, 0, PadMode.REFLECT)));
        assertTrue(e.getMessage().contains("left"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> v.padBackward(new int[] {2, 3}, Tensor.zeros(2, 4), Pad2dParams.constant(1, 1, 0, 0, 0f)));
        assertTrue(e.getMessage().contains("grad_output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.pad(Tensor.zeros(3), Pad2dParams.constant(1, 1, 0, 0, 0f)));
        assertTrue(e.getMessage().contains("2 dimensions"), e.getMessage());
    }
}
