package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Max pool 2x2 stride 2 without padding (LeNet's pooling, which has its own vector-side kernel) against
 * the reference, bit for bit: values, indices and the backward pass, on inputs full of ties, signed
 * zeros, NaNs and infinities, odd and even sizes (floor mode; even in ceil mode), more planes than one task
 * holds, 1 and 2 threads. Also runs at forced vector widths (tests/pom.xml).
 */
class MaxPool2x2VectorPropertyTest {
    private static final float[] VALUES = {-1f, 0f, -0f, 1f, 2f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};

    record Case(int[] shape, boolean ceil, boolean special, long seed, int threads) {
        Tensor input() {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = Tensor.zeros(shape);
            float[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = special ? VALUES[r.nextInt(VALUES.length)] : (float) r.nextDouble(-1, 1);
            }
            return x;
        }
        @Override public String toString() {
            return Arrays.toString(shape) + " ceil " + ceil + " special " + special + " seed " + seed + " threads " + threads;
        }
    }

    /** Odd sizes only in floor mode: in ceil mode they cut the last windows, which the general kernel pools. */
    private static Gen<Case> cases() {
        return in -> {
            boolean ceil = Generate.booleans().generate(in);
            int h = integers().between(2, 13).generate(in), w = integers().between(2, 13).generate(in);
            if (ceil) { h &= ~1; w &= ~1; }
            return new Case(new int[] {integers().between(1, 3).generate(in), integers().between(1, 9).generate(in), h, w},
                    ceil, Generate.booleans().generate(in), integers().between(0, 1 << 20).generate(in),
                    integers().between(1, 2).generate(in));
        };
    }

    @Test
    void valuesIndicesAndGradientsEqualTheReference() {
        Ops ref = Stride.reference();
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            MaxPool2dParams p = MaxPool2dParams.of(2).withCeilMode(c.ceil());
            Tensor x = c.input();
            MaxPoolResult expected = ref.maxPool2dWithIndices(x, p);
            assertTrue(v.maxPool2d(x, p).bitwiseEquals(expected.output()), "values " + c);
            MaxPoolResult got = v.maxPool2dWithIndices(x, p);
            assertTrue(got.output().bitwiseEquals(expected.output()), "values with indices " + c);
            assertArrayEquals(expected.indices(), got.indices(), "indices " + c);
            Tensor g = Tensor.uniform(c.seed() + 1, -1, 1, p.outputShape(c.shape()));
            assertTrue(v.maxPool2dBackward(x, g, p).bitwiseEquals(ref.maxPool2dBackward(x, g, p)), "backward " + c);
        });
    }

    @Test
    void lenetShapeEqualsTheReferenceAtBothThreadCounts() {
        Case c = new Case(new int[] {4, 6, 28, 28}, false, true, 7, 1);
        Tensor x = c.input();
        MaxPool2dParams p = MaxPool2dParams.of(2);
        Tensor g = Tensor.uniform(8, -1, 1, 4, 6, 14, 14);
        // Gradients that only an add (0 + g) and not a copy get right: -0 becomes +0; NaN stays NaN.
        for (int i = 0; i < g.size(); i += 7) g.data()[i] = i % 2 == 0 ? -0f : Float.NaN;
        MaxPoolResult expected = Stride.reference().maxPool2dWithIndices(x, p);
        for (int threads = 1; threads <= 2; threads++) {
            Ops v = Stride.vector(threads);
            MaxPoolResult got = v.maxPool2dWithIndices(x, p);
            assertTrue(got.output().bitwiseEquals(expected.output()), "values, threads " + threads);
            assertArrayEquals(expected.indices(), got.indices(), "indices, threads " + threads);
            assertTrue(v.maxPool2dBackward(x, g, p).bitwiseEquals(Stride.reference().maxPool2dBackward(x, g, p)),
                    "backward, threads " + threads);
        }
    }
}
