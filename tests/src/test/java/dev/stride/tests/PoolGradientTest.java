package dev.stride.tests;

import static dev.stride.tests.PoolGradientCheck.absDot;
import static dev.stride.tests.PoolGradientCheck.assertAdjoint;
import static dev.stride.tests.PoolGradientCheck.assertMatches;
import static dev.stride.tests.PoolGradientCheck.centralDifferences;
import static dev.stride.tests.PoolGradientCheck.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Backward passes of 2-D pooling: max and adaptive max against central finite differences (on inputs
 * with distinct values, so the argmax is stable under the step); average (every option) and adaptive
 * average, which are linear, by the adjoint identity {@code <pool(x), g> = <x, poolBackward(g)>} and
 * also by finite differences.
 */
class PoolGradientTest {
    private static final float EPS = 0.01f;
    private final Ops ops = Stride.reference();

    @Test
    void maxPoolBackwardMatchesFiniteDifferences() {
        qt().withExamples(40).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.distinctValues(c.seed(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            Tensor analytic = ops.maxPool2dBackward(x, g, c.p());
            assertArrayEquals(c.shape(), analytic.shape());
            assertMatches(analytic, centralDifferences(t -> ops.maxPool2d(t, c.p()), x, g, EPS), 1e-3, c);
        });
    }

    @Test
    void maxPoolBackwardAccumulatesWhereWindowsOverlap() {
        qt().withExamples(60).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            MaxPoolResult r = ops.maxPool2dWithIndices(x, c.p());
            double[] expected = new double[x.size()];
            int plane = c.shape()[2] * c.shape()[3], outPlane = g.size() / (c.shape()[0] * c.shape()[1]);
            for (int i = 0; i < g.size(); i++) {
                // values are finite, so minus infinity marks a window with no input cell: no gradient
                if (r.output().data()[i] == Float.NEGATIVE_INFINITY) continue;
                expected[(i / outPlane) * plane + (int) r.indices()[i]] += g.data()[i];
            }
            Tensor analytic = ops.maxPool2dBackward(x, g, c.p());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], analytic.data()[i], 1e-6 * (1 + Math.abs(expected[i])), "element " + i + " of " + c);
            }
        });
    }

    @Test
    void overlappingWindowsAddTheirGradientsToASharedMaximum() {
        // 1x3 row [0, 9, 0], kernel 1x2, stride 1: both windows pick the middle cell
        Tensor x = Tensor.of(new float[] {0, 9, 0}, 1, 1, 1, 3);
        MaxPool2dParams p = new MaxPool2dParams(1, 2, 1, 1, 0, 0, 1, 1, false);
        Tensor g = Tensor.of(new float[] {2, 3}, 1, 1, 1, 2);
        assertArrayEquals(new float[] {0, 5, 0}, ops.maxPool2dBackward(x, g, p).data());
    }

    @Test
    void adaptiveMaxPoolBackwardMatchesFiniteDifferences() {
        qt().withExamples(40).forAll(PoolGen.adaptive()).checkAssert(c -> {
            Tensor x = PoolGen.distinctValues(c.seed(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            Tensor analytic = ops.adaptiveMaxPool2dBackward(x, g, c.p());
            assertMatches(analytic, centralDifferences(t -> ops.adaptiveMaxPool2d(t, c.p()).output(), x, g, EPS), 1e-3, c);
        });
    }

    @Test
    void avgPoolBackwardIsTheAdjointOfTheForward() {
        qt().withExamples(120).forAll(PoolGen.avgPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor y = ops.avgPool2d(x, c.p());
            Tensor g = PoolGen.values(c.seed() + 1, y.shape());
            Tensor back = ops.avgPool2dBackward(c.shape(), g, c.p());
            assertArrayEquals(c.shape(), back.shape());
            assertAdjoint(dot(y, g), dot(x, back), absDot(y, g) + absDot(x, back), c);
        });
    }

    @Test
    void avgPoolBackwardMatchesFiniteDifferences() {
        qt().withExamples(30).forAll(PoolGen.avgPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            Tensor analytic = ops.avgPool2dBackward(c.shape(), g, c.p());
            assertMatches(analytic, centralDifferences(t -> ops.avgPool2d(t, c.p()), x, g, EPS), 1e-3, c);
        });
    }

    @Test
    void adaptiveAvgPoolBackwardIsTheAdjointOfTheForward() {
        qt().withExamples(120).forAll(PoolGen.adaptive()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor y = ops.adaptiveAvgPool2d(x, c.p());
            Tensor g = PoolGen.values(c.seed() + 1, y.shape());
            Tensor back = ops.adaptiveAvgPool2dBackward(c.shape(), g, c.p());
            assertArrayEquals(c.shape(), back.shape());
            assertAdjoint(dot(y, g), dot(x, back), absDot(y, g) + absDot(x, back), c);
        });
    }

    @Test
    void adaptiveAvgPoolBackwardMatchesFiniteDifferences() {
        qt().withExamples(30).forAll(PoolGen.adaptive()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            assertMatches(ops.adaptiveAvgPool2dBackward(c.shape(), g, c.p()),
                    centralDifferences(t -> ops.adaptiveAvgPool2d(t, c.p()), x, g, EPS), 1e-3, c);
        });
    }

    @Test
    void backwardDoesNotModifyItsArguments() {
        qt().withExamples(30).forAll(PoolGen.maxPool2d(), PoolGen.avgPool2d()).checkAssert((m, a) -> {
            Tensor x = PoolGen.values(m.seed(), m.shape());
            Tensor g = PoolGen.values(m.seed() + 1, m.p().outputShape(m.shape()));
            Tensor x0 = x.copy(), g0 = g.copy();
            ops.maxPool2dBackward(x, g, m.p());
            assertTrue(x.bitwiseEquals(x0) && g.bitwiseEquals(g0), m.toString());
            int[] shape = a.shape().clone();
            Tensor ga = PoolGen.values(a.seed(), a.p().outputShape(shape));
            Tensor ga0 = ga.copy();
            ops.avgPool2dBackward(shape, ga, a.p());
            assertArrayEquals(a.shape(), shape);
            assertTrue(ga.bitwiseEquals(ga0), a.toString());
        });
    }
}
