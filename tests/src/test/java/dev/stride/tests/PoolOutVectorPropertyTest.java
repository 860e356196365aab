package dev.stride.tests;

import static dev.stride.tests.PoolGen.coin;
import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The out= variants of max and average pooling ({@code maxPool2d(input, p, out)}, {@code avgPool2d(input,
 * p, out)}), on the vector engine (its own no-allocation path) and the reference engine (the {@link Ops}
 * default): the result written into {@code out} equals the allocating op's result bit for bit whatever
 * {@code out} held before (it is filled with NaN and garbage first), {@code out} itself is returned, the
 * input is left unchanged, and bad buffers are refused with an {@link IllegalArgumentException} naming
 * {@code out}. Shapes are the generators of {@link PoolVectorPropertyTest} (tails, ceil mode, NaN and
 * infinities, the 3x3/2 and 2x2/2 fast paths). Also: inputs big enough to be split over threads give
 * bitwise the same result on 1 and 2 threads. Runs at forced widths 0, 128 and 256 too (tests/pom.xml).
 */
class PoolOutVectorPropertyTest {
    private static final List<Ops> ENGINES = List.of(Stride.reference(), Stride.vector(1), Stride.vector(2));

    private static Tensor garbage(int[] shape, long seed) {
        Tensor t = Tensor.uniform(seed, -1e30f, 1e30f, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i += 3) d[i] = Float.NaN;
        return t;
    }

    /** Same floats; NaN payloads may differ (the reference's come from double sums the JIT may reorder). */
    private static void sameBits(String what, Object c, Tensor expected, Tensor actual) {
        assertTrue(expected.sameFloats(actual), what + " into out differs from the allocating op for " + c);
    }

    @Test
    void maxPoolIntoOutEqualsAllocating() {
        qt().withExamples(80).forAll(PoolVectorPropertyTest.maxCases()).checkAssert(c -> {
            Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
            Tensor before = x.copy();
            for (Ops ops : ENGINES) {
                Tensor expected = ops.maxPool2d(x, c.p());
                Tensor out = garbage(expected.shape(), c.seed() + 1);
                assertSame(out, ops.maxPool2d(x, c.p(), out));
                sameBits("max_pool2d", c, expected, out);
            }
            VectorCompare.exact("max_pool2d vector out vs reference", c,
                    Stride.vector(c.threads()).maxPool2d(x, c.p(), Tensor.zeros(c.p().outputShape(c.shape()))),
                    Stride.reference().maxPool2d(x, c.p()));
            assertTrue(before.bitwiseEquals(x), "max_pool2d changed its input for " + c);
        });
    }

    @Test
    void avgPoolIntoOutEqualsAllocating() {
        qt().withExamples(80).forAll(PoolVectorPropertyTest.avgCases()).checkAssert(c -> {
            Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
            Tensor before = x.copy();
            for (Ops ops : ENGINES) {
                Tensor expected = ops.avgPool2d(x, c.p());
                Tensor out = garbage(expected.shape(), c.seed() + 1);
                assertSame(out, ops.avgPool2d(x, c.p(), out));
                sameBits("avg_pool2d", c, expected, out);
            }
            assertTrue(before.bitwiseEquals(x), "avg_pool2d changed its input for " + c);
        });
    }

    @Test
    void badOutIsRefusedNamingOut() {
        Tensor x = PoolGen.values(3, 1, 2, 9, 12);
        MaxPool2dParams mp = MaxPool2dParams.of(3, 2, 1);
        AvgPool2dParams ap = AvgPool2dParams.of(2, 2, 0);
        for (Ops ops : ENGINES) {
            expectOut(() -> ops.maxPool2d(x, mp, null), "null");
            expectOut(() -> ops.avgPool2d(x, ap, null), "null");
            // right size, wrong shape: must not be accepted as a flat buffer
            expectOut(() -> ops.maxPool2d(x, mp, Tensor.zeros(1, 2, 6, 5)), "[1, 2, 5, 6]");
            expectOut(() -> ops.avgPool2d(x, ap, Tensor.zeros(1, 2, 4, 6, 1)), "[1, 2, 4, 6]");
            expectOut(() -> ops.maxPool2d(x, mp, Tensor.zeros(2, 2, 5, 6)), "max_pool2d");
            // the input's own storage (a 1x1 window keeps the shape, so only the aliasing is wrong)
            Tensor before = x.copy();
            expectOut(() -> ops.maxPool2d(x, MaxPool2dParams.of(1, 1, 0), x), "share");
            expectOut(() -> ops.avgPool2d(x, AvgPool2dParams.of(1, 1, 0), x.reshape(1, 2, 9, 12)), "share");
            assertTrue(before.bitwiseEquals(x), "a refused call changed its input");
        }
    }

    @Test
    void bigInputsAreBitwiseEqualOnOneAndTwoThreads() {
        // 2^18 and more floats moved: the size at which the pools split planes over threads
        qt().withExamples(6).forAll(PoolVectorPropertyTest.maxCases(), PoolVectorPropertyTest.avgCases())
                .checkAssert((m, a) -> {
                    int[] shape = {2, 64, 2 * m.shape()[2] + 40, m.shape()[3] + 64};
                    Tensor x = VectorCompare.values(m.seed(), true, shape);
                    Tensor one = Stride.vector(1).maxPool2d(x, m.p());
                    Tensor two = Stride.vector(2).maxPool2d(x, m.p(), garbage(one.shape(), 1));
                    sameBits("max_pool2d on 2 threads " + Arrays.toString(shape), m, one, two);
                    Tensor a1 = Stride.vector(1).avgPool2d(x, a.p());
                    Tensor a2 = Stride.vector(2).avgPool2d(x, a.p(), garbage(a1.shape(), 2));
                    sameBits("avg_pool2d on 2 threads " + Arrays.toString(shape), a, a1, a2);
                    Tensor g = PoolGen.values(m.seed(), one.shape());
                    assertTrue(Stride.vector(1).maxPool2dBackward(x, g, m.p())
                            .bitwiseEquals(Stride.vector(2).maxPool2dBackward(x, g, m.p())), "max backward " + m);
                    Tensor ga = PoolGen.values(a.seed(), a1.shape());
                    assertTrue(Stride.vector(1).avgPool2dBackward(shape, ga, a.p())
                            .bitwiseEquals(Stride.vector(2).avgPool2dBackward(shape, ga, a.p())), "avg backward " + a);
                });
    }

    private static void expectOut(org.junit.jupiter.api.function.Executable call, String mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith("out "), "message should name out: " + e.getMessage());
        assertTrue(e.getMessage().contains(mentions), "message should mention " + mentions + ": " + e.getMessage());
    }
}
