package dev.stride.tests;

import static dev.stride.tests.PoolGradientCheck.absDot;
import static dev.stride.tests.PoolGradientCheck.assertAdjoint;
import static dev.stride.tests.PoolGradientCheck.assertMatches;
import static dev.stride.tests.PoolGradientCheck.centralDifferences;
import static dev.stride.tests.PoolGradientCheck.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AvgPool1dParams;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The 1-D pools ({@link Ops} default methods over the 2-D reference on {@code [N, C, 1, L]}): values and
 * indices against a plain 1-D window loop written here, shapes, gradients (finite differences for max,
 * the adjoint identity for average), and rank errors.
 */
class Pool1dTest {
    private final Ops ops = Stride.reference();

    @Test
    void maxPool1dMatchesAOneDimensionalWindowLoop() {
        qt().withExamples(150).forAll(PoolGen.maxPool1d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            MaxPool1dParams p = c.p();
            MaxPoolResult r = ops.maxPool1dWithIndices(x, p);
            int len = c.shape()[2], outLen = p.outLength(len);
            assertArrayEquals(new int[] {c.shape()[0], c.shape()[1], outLen}, r.output().shape(), c.toString());
            assertTrue(ops.maxPool1d(x, p).bitwiseEquals(r.output()), c.toString());
            for (int row = 0; row < c.shape()[0] * c.shape()[1]; row++) {
                for (int o = 0; o < outLen; o++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int k = 0; k < p.kernel(); k++) {
                        int pos = o * p.stride() - p.padding() + k * p.dilation();
                        if (pos >= 0 && pos < len && (at < 0 || x.data()[row * len + pos] > best)) {
                            best = x.data()[row * len + pos];
                            at = pos;
                        }
                    }
                    assertEquals(best, r.output().data()[row * outLen + o], "value " + o + " of " + c);
                    if (at >= 0) assertEquals(at, r.indices()[row * outLen + o], "index " + o + " of " + c);
                }
            }
        });
    }

    @Test
    void avgPool1dMatchesAOneDimensionalWindowLoop() {
        qt().withExamples(150).forAll(PoolGen.avgPool1d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            AvgPool1dParams p = c.p();
            Tensor y = ops.avgPool1d(x, p);
            int len = c.shape()[2], outLen = p.outLength(len);
            assertArrayEquals(new int[] {c.shape()[0], c.shape()[1], outLen}, y.shape(), c.toString());
            for (int row = 0; row < c.shape()[0] * c.shape()[1]; row++) {
                for (int o = 0; o < outLen; o++) {
                    double sum = 0;
                    int inside = 0, inPadded = 0;
                    for (int k = 0; k < p.kernel(); k++) {
                        int pos = o * p.stride() - p.padding() + k;
                        if (pos >= -p.padding() && pos < len + p.padding()) inPadded++;
                        if (pos >= 0 && pos < len) {
                            inside++;
                            sum += x.data()[row * len + pos];
                        }
                    }
                    double divisor = p.divisorOverride() != 0 ? p.divisorOverride() : p.countIncludePad() ? inPadded : inside;
                    double expected = sum / divisor;
                    assertEquals(expected, y.data()[row * outLen + o], 1e-6 * (1 + Math.abs(expected)), "element " + o + " of " + c);
                }
            }
        });
    }

    @Test
    void maxPool1dBackwardMatchesFiniteDifferences() {
        qt().withExamples(40).forAll(PoolGen.maxPool1d()).checkAssert(c -> {
            Tensor x = PoolGen.distinctValues(c.seed(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            Tensor analytic = ops.maxPool1dBackward(x, g, c.p());
            assertArrayEquals(c.shape(), analytic.shape());
            assertMatches(analytic, centralDifferences(t -> ops.maxPool1d(t, c.p()), x, g, 0.01f), 1e-3, c);
        });
    }

    @Test
    void avgPool1dBackwardIsTheAdjointOfTheForward() {
        qt().withExamples(100).forAll(PoolGen.avgPool1d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor y = ops.avgPool1d(x, c.p());
            Tensor g = PoolGen.values(c.seed() + 1, y.shape());
            Tensor back = ops.avgPool1dBackward(c.shape(), g, c.p());
            assertArrayEquals(c.shape(), back.shape());
            assertAdjoint(dot(y, g), dot(x, back), absDot(y, g) + absDot(x, back), c);
            assertMatches(back, centralDifferences(t -> ops.avgPool1d(t, c.p()), x, g, 0.01f), 1e-3, c);
        });
    }

    @Test
    void oneDimensionalPoolsNeedThreeDimensions() {
        Tensor x4 = Tensor.zeros(1, 1, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ops.maxPool1d(x4, MaxPool1dParams.of(2)));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ops.avgPool1d(Tensor.zeros(4, 4), AvgPool1dParams.of(2)));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.maxPool1dBackward(Tensor.zeros(1, 1, 4), Tensor.zeros(1, 1, 3), MaxPool1dParams.of(2)));
        assertTrue(e.getMessage().contains("grad_output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.avgPool1dBackward(new int[] {1, 1, 4}, Tensor.zeros(1, 1, 3), AvgPool1dParams.of(2)));
        assertTrue(e.getMessage().contains("grad_output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ops.avgPool1dBackward(null, Tensor.zeros(1, 1, 2), AvgPool1dParams.of(2)));
        assertTrue(e.getMessage().contains("input shape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPool1dParams(3, 1, 2, 1, false));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }
}
