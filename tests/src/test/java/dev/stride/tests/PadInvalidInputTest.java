package dev.stride.tests;

import static dev.stride.tests.PoolInvalidInputTest.assertRejects;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Ops;
import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Invalid pad arguments are {@link IllegalArgumentException}s naming the parameter: reflect pads not
 * below the dimension, circular pads that would wrap more than once, empty outputs, over-crops, ranks
 * below 2, a value in a non-constant mode, mismatched gradients and nulls.
 */
class PadInvalidInputTest {
    private final Ops ops = Stride.reference();

    @Test
    void reflectPadsMustBeBelowTheDimension() {
        qt().withExamples(60).forAll(integers().between(1, 6), integers().between(0, 3)).checkAssert((n, extra) -> {
            Tensor x = Tensor.zeros(1, 2, n, 6);
            assertRejects(() -> ops.pad(x, Pad2dParams.of(0, 0, n + extra, 0, PadMode.REFLECT)), "pad top", "reflect");
            assertRejects(() -> ops.pad(x, Pad2dParams.of(0, 0, 0, n + extra, PadMode.REFLECT)), "pad bottom", "reflect");
            Tensor y = Tensor.zeros(1, 2, 6, n);
            assertRejects(() -> ops.pad(y, Pad2dParams.of(n + extra, 0, 0, 0, PadMode.REFLECT)), "pad left");
            assertRejects(() -> ops.padBackward(new int[] {1, 2, 6, n}, Tensor.zeros(1, 2, 6, 2 * n + extra),
                    Pad2dParams.of(0, n + extra, 0, 0, PadMode.REFLECT)), "pad right");
        });
    }

    @Test
    void circularPadsMayWrapOnlyOnce() {
        qt().withExamples(60).forAll(integers().between(1, 6), integers().between(1, 3)).checkAssert((n, extra) -> {
            Tensor x = Tensor.zeros(1, 1, 3, n);
            assertRejects(() -> ops.pad(x, Pad2dParams.of(n + extra, 0, 0, 0, PadMode.CIRCULAR)), "pad left", "circular");
            assertRejects(() -> ops.pad(x, Pad2dParams.of(0, n + extra, 0, 0, PadMode.CIRCULAR)), "pad right", "circular");
        });
        // a crop on one side leaves fewer cells to wrap into the other side's pad (PyTorch rejects these too)
        assertRejects(() -> ops.pad(Tensor.zeros(1, 1, 2, 2), Pad2dParams.of(-1, 2, 0, 0, PadMode.CIRCULAR)), "pad right");
        assertRejects(() -> ops.pad(Tensor.zeros(1, 1, 2, 2), Pad2dParams.of(0, 0, 2, -1, PadMode.CIRCULAR)), "pad top");
    }

    @Test
    void outputsMustKeepAtLeastOneCell() {
        for (PadMode mode : PadMode.values()) {
            assertRejects(() -> ops.pad(Tensor.zeros(1, 4, 4), Pad2dParams.of(-2, -2, 0, 0, mode)), "pad left", "at least 1");
            assertRejects(() -> ops.pad(Tensor.zeros(1, 4, 4), Pad2dParams.of(0, 0, -3, -3, mode)), "pad top", "at least 1");
        }
        assertRejects(() -> ops.pad(Tensor.zeros(1, 2, 2), Pad2dParams.constant(-3, 2, 0, 0, 0f)), "pad left", "crop");
    }

    @Test
    void otherInvalidArgumentsAreNamed() {
        assertRejects(() -> ops.pad(Tensor.zeros(5), Pad2dParams.constant(1, 1, 0, 0, 0f)), "2 dimensions");
        assertRejects(() -> new Pad2dParams(1, 1, 1, 1, PadMode.REFLECT, 1f), "value");
        assertRejects(() -> new Pad2dParams(1, 1, 1, 1, null, 0f), "mode");
        assertRejects(() -> ops.pad(null, Pad2dParams.constant(1, 1, 1, 1, 0f)), "input");
        assertRejects(() -> ops.padBackward(new int[] {1, 3, 3}, Tensor.zeros(1, 5, 4), Pad2dParams.of(1, 1, 1, 1, PadMode.REPLICATE)),
                "grad_output");
        assertRejects(() -> ops.padBackward(null, Tensor.zeros(1, 5, 5), Pad2dParams.of(1, 1, 1, 1, PadMode.REPLICATE)), "input shape");
        assertRejects(() -> ops.padBackward(new int[] {-1, 3, 3}, Tensor.zeros(1, 5, 5), Pad2dParams.of(1, 1, 1, 1, PadMode.REPLICATE)),
                "input shape");
    }
}
