package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.Tensor;
import dev.stride.core.reference.SoftmaxReference;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Softmax and log_softmax of the reference on random shapes (rank 1 to 4, each dim 1 to 4) along every
 * dimension, negative ones included: rows sum to 1, exact shift invariance, log_softmax = log(softmax),
 * stability at logits of 1e4, PyTorch's special values, both backwards against central finite
 * differences, and argument errors.
 */
class SoftmaxPropertyTest {

    /** A random shape of the given rank and a dim in [-rank, rank). */
    record Case(int[] shape, int dim, long seed) {
        static Case of(int rank, int dimPick, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = new int[rank];
            for (int i = 0; i < rank; i++) s[i] = 1 + r.nextInt(4);
            int dim = Math.floorMod(dimPick, 2 * rank) - rank;
            return new Case(s, dim, seed);
        }

        Tensor input(float scale) { return Tensor.uniform(seed, -scale, scale, shape); }

        int axis() { return dim < 0 ? dim + shape.length : dim; }

        @Override public String toString() { return "shape " + Arrays.toString(shape) + " dim " + dim + " seed " + seed; }
    }

    private static org.quicktheories.core.Gen<Case> cases() {
        return integers().between(1, 4).zip(integers().between(0, 7), longs().between(0, 1_000_000), Case::of);
    }

    /** Sum along the case's dim of t, as a tensor with that dim removed (flattened). */
    private static double[] rowSums(Tensor t, int axis) {
        int[] s = t.shape();
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        double[] sums = new double[outer * inner];
        float[] d = t.data();
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < s[axis]; k++)
                for (int i = 0; i < inner; i++) sums[o * inner + i] += d[(o * s[axis] + k) * inner + i];
        return sums;
    }

    @Test
    void rowsSumToOne() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            Tensor y = SoftmaxReference.softmax(c.input(5f), c.dim());
            assertEquals(Arrays.toString(c.shape()), Arrays.toString(y.shape()));
            for (float v : y.data()) assertTrue(v >= 0f && v <= 1f, () -> c + ": probability " + v);
            for (double s : rowSums(y, c.axis())) assertEquals(1.0, s, 1e-5, c::toString);
        });
    }

    /**
     * Adding a constant to each row leaves softmax and log_softmax bitwise unchanged: inputs on a 1/1024 grid
     * plus integer constants stay exact in float, and the reference subtracts the row maximum in double.
     */
    @Test
    void shiftInvariantPerRow() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(5f);
            float[] d = x.data();
            for (int i = 0; i < d.length; i++) d[i] = Math.round(d[i] * 1024f) / 1024f;
            Tensor shifted = x.copy();
            int[] s = c.shape();
            int axis = c.axis();
            int inner = 1;
            for (int i = axis + 1; i < s.length; i++) inner *= s[i];
            SplittableRandom r = new SplittableRandom(c.seed() ^ 0x5eed);
            float[] sd = shifted.data();
            int outer = sd.length / (s[axis] * inner);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    float shift = r.nextInt(-100, 101);
                    for (int k = 0; k < s[axis]; k++) sd[(o * s[axis] + k) * inner + i] += shift;
                }
            }
            assertTrue(SoftmaxReference.softmax(x, c.dim()).bitwiseEquals(SoftmaxReference.softmax(shifted, c.dim())), c::toString);
            assertTrue(SoftmaxReference.logSoftmax(x, c.dim()).bitwiseEquals(SoftmaxReference.logSoftmax(shifted, c.dim())),
                    c::toString);
        });
    }

    @Test
    void logSoftmaxIsLogOfSoftmax() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(8f);
            float[] y = SoftmaxReference.softmax(x, c.dim()).data();
            float[] ly = SoftmaxReference.logSoftmax(x, c.dim()).data();
            for (int i = 0; i < y.length; i++) {
                assertTrue(ly[i] <= 0f, c::toString);
                assertEquals(Math.log(y[i]), ly[i], 1e-5 + 1e-6 * Math.abs(ly[i]), c::toString);
            }
        });
    }

    @Test
    void largeLogitsStayFinite() {
        qt().withExamples(100).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(1e4f);
            Tensor y = SoftmaxReference.softmax(x, c.dim());
            Tensor ly = SoftmaxReference.logSoftmax(x, c.dim());
            for (float v : y.data()) assertTrue(Float.isFinite(v), c::toString);
            for (float v : ly.data()) assertTrue(Float.isFinite(v), c::toString);
            for (double s : rowSums(y, c.axis())) assertEquals(1.0, s, 1e-5, c::toString);
        });
        Tensor y = SoftmaxReference.softmax(Tensor.of(new float[] {1e4f, 1e4f - 1f, -1e4f}, 3), 0);
        double e = Math.exp(-1);
        assertEquals(1 / (1 + e), y.get(0), 1e-7);
        assertEquals(e / (1 + e), y.get(1), 1e-7);
        assertEquals(0f, y.get(2));
    }

    @Test
    void specialValuesAsPyTorch() {
        float inf = Float.POSITIVE_INFINITY;
        // A row of -inf is NaN (the maximum is -inf and -inf - -inf is NaN); other rows are unaffected.
        Tensor x = Tensor.of(new float[] {-inf, -inf, 0f, 0f}, 2, 2);
        Tensor y = SoftmaxReference.softmax(x, 1);
        assertTrue(Float.isNaN(y.get(0, 0)) && Float.isNaN(y.get(0, 1)));
        assertEquals(0.5f, y.get(1, 0));
        Tensor ly = SoftmaxReference.logSoftmax(x, -1);
        assertTrue(Float.isNaN(ly.get(0, 0)) && Float.isNaN(ly.get(0, 1)));
        // A -inf element of a finite row has probability 0 and log-probability -inf.
        Tensor z = Tensor.of(new float[] {-inf, 0f, 0f}, 3);
        assertEquals(0f, SoftmaxReference.softmax(z, 0).get(0));
        assertEquals(0.5f, SoftmaxReference.softmax(z, 0).get(1));
        assertEquals(-inf, SoftmaxReference.logSoftmax(z, 0).get(0));
        // NaN or +inf anywhere in a row makes the whole row NaN.
        for (float bad : new float[] {Float.NaN, inf}) {
            Tensor w = SoftmaxReference.softmax(Tensor.of(new float[] {bad, 1f, 2f}, 3), 0);
            for (float v : w.data()) assertTrue(Float.isNaN(v), "row with " + bad);
        }
        // Rank 0 is one row of length 1.
        assertEquals(1f, SoftmaxReference.softmax(Tensor.scalar(3f), 0).get());
        assertEquals(0f, SoftmaxReference.logSoftmax(Tensor.scalar(3f), -1).get());
    }

    @Test
    void softmaxBackwardMatchesFiniteDifferences() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(3f);
            Tensor g = Tensor.uniform(c.seed() + 1, -1f, 1f, c.shape());
            Tensor analytic = SoftmaxReference.softmaxBackward(SoftmaxReference.softmax(x, c.dim()), g, c.dim());
            double[] numeric = DenseGradCheck.numericGradient(x, 1e-2,
                    t -> DenseGradCheck.dot(SoftmaxReference.softmax(t, c.dim()), g));
            DenseGradCheck.assertGradClose("softmax " + c, analytic, numeric, 2e-4, 2e-3);
        });
    }

    @Test
    void logSoftmaxBackwardMatchesFiniteDifferences() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(3f);
            Tensor g = Tensor.uniform(c.seed() + 1, -1f, 1f, c.shape());
            Tensor analytic = SoftmaxReference.logSoftmaxBackward(SoftmaxReference.logSoftmax(x, c.dim()), g, c.dim());
            double[] numeric = DenseGradCheck.numericGradient(x, 1e-2,
                    t -> DenseGradCheck.dot(SoftmaxReference.logSoftmax(t, c.dim()), g));
            DenseGradCheck.assertGradClose("log_softmax " + c, analytic, numeric, 2e-4, 2e-3);
        });
    }

    @Test
    void inputsAreNotModified() {
        qt().withExamples(30).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(3f), before = x.copy();
            Tensor y = SoftmaxReference.softmax(x, c.dim()), yBefore = y.copy();
            Tensor g = Tensor.uniform(c.seed() + 1, -1f, 1f, c.shape()), gBefore = g.copy();
            SoftmaxReference.logSoftmax(x, c.dim());
            SoftmaxReference.softmaxBackward(y, g, c.dim());
            SoftmaxReference.logSoftmaxBackward(y, g, c.dim());
            assertTrue(x.bitwiseEquals(before) && y.bitwiseEquals(yBefore) && g.bitwiseEquals(gBefore), c::toString);
        });
    }

    @Test
    void invalidArgumentsNameTheParameter() {
        Tensor x = Tensor.zeros(2, 3);
        for (int bad : new int[] {2, -3, 7}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.softmax(x, bad));
            assertTrue(e.getMessage().contains("dim " + bad), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.logSoftmax(x, bad));
            assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.softmaxBackward(x, x, bad));
            assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.logSoftmaxBackward(x, x, bad));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxReference.softmaxBackward(x, Tensor.zeros(3, 2), 1));
        assertTrue(e.getMessage().contains("gradOutput"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.logSoftmaxBackward(x, Tensor.zeros(2, 3, 1), 1));
        assertTrue(e.getMessage().contains("gradOutput"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.softmax(null, 0));
        assertTrue(e.getMessage().contains("input"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> SoftmaxReference.softmaxBackward(null, x, 0));
        assertTrue(e.getMessage().contains("output"), e::getMessage);
    }
}
