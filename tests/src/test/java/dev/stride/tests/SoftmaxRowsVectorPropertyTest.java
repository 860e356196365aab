package dev.stride.tests;

import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * softmax and log_softmax along the last dimension of many contiguous rows, whose kind changes from row
 * to row, against the reference and across thread counts. At 512 bits the rows of a task are pipelined
 * (a row's exp loop also finds the next row's maximum), and a row whose values reach 87 below its maximum,
 * or that holds a NaN or an infinity, leaves the fast exp for the general one; so each kind must come
 * out right whatever row precedes or follows it, at the ends of tasks (about 2^14 elements each) too.
 * Kinds: values within +-s (s = 1, 10 or 40: the fast exp), within +-200 (the general exp), one NaN, one
 * +inf, one -inf, all -inf, and values near 1e4 (a large maximum). Bound as in
 * {@link SoftmaxVectorPropertyTest}: softmax {@code (16 + 2n) u |y| + 8 u M |y| + 8 MIN_VALUE}, log_softmax
 * {@code (8 + 2n) u (|x| + |max| + |log sum| + |y| + 1)}; results bitwise the same on 1, 2 and 3 threads.
 * Also runs at forced widths 0, 128 and 256.
 */
class SoftmaxRowsVectorPropertyTest {
    private static final double U = Math.scalb(1.0, -24);
    private final Ops ref = Stride.reference();

    record Case(int rows, int n, long seed) {
        @Override public String toString() { return "rows " + rows + " n " + n + " seed " + seed; }
    }

    static Gen<Case> cases() {
        return rs -> {
            int[] lengths = {1, 7, 15, 16, 17, 33, 999, 1000, 1017};
            int n = draw(rs, 0, 1) == 0 ? lengths[draw(rs, 0, lengths.length - 1)] : draw(rs, 1, 80);
            return new Case(draw(rs, 1, n >= 999 ? 40 : 300), n, PoolGen.seed(rs));
        };
    }

    static Tensor input(Case c) {
        SplittableRandom r = new SplittableRandom(c.seed());
        float[] d = new float[c.rows() * c.n()];
        for (int row = 0; row < c.rows(); row++) {
            int base = row * c.n(), kind = r.nextInt(9);
            float spread = kind <= 2 ? new float[] {1f, 10f, 40f}[kind] : 200f;
            for (int k = 0; k < c.n(); k++) d[base + k] = (float) (r.nextDouble(-1, 1) * spread) + (kind == 8 ? 1e4f : 0f);
            int at = base + r.nextInt(c.n());
            switch (kind) {
                case 4 -> d[at] = Float.NaN;
                case 5 -> d[at] = Float.POSITIVE_INFINITY;
                case 6 -> d[at] = Float.NEGATIVE_INFINITY;
                case 7 -> Arrays.fill(d, base, base + c.n(), Float.NEGATIVE_INFINITY);
                default -> { }
            }
        }
        return Tensor.of(d, c.rows(), c.n());
    }

    /**
     * Per element: the largest |x - max| over its row's finite elements (an -inf element's own output is 0,
     * within the bound's absolute term) and |x| + |max| + |log sum exp| (from a double reference).
     */
    private static double[][] rowFacts(Tensor x, Case c) {
        float[] v = x.data();
        double[] spread = new double[v.length], shift = new double[v.length];
        for (int row = 0; row < c.rows(); row++) {
            int base = row * c.n();
            double m = Double.NEGATIVE_INFINITY, sp = 0, sum = 0;
            for (int k = 0; k < c.n(); k++) m = Math.max(m, v[base + k]);
            for (int k = 0; k < c.n(); k++) {
                if (Float.isFinite(v[base + k])) sp = Math.max(sp, Math.abs(v[base + k] - m));
                sum += Math.exp(v[base + k] - m);
            }
            for (int k = 0; k < c.n(); k++) {
                spread[base + k] = sp;
                shift[base + k] = Math.abs(m) + Math.abs(Math.log(sum)) + Math.abs(v[base + k]);
            }
        }
        return new double[][] {spread, shift};
    }

    @Test
    void mixedRowsMatchTheReferenceOnEveryThreadCount() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Tensor x = input(c);
            double[][] f = rowFacts(x, c);
            double n = c.n();
            Tensor y1 = Stride.vector(1).softmax(x, 1), o1 = Stride.vector(1).logSoftmax(x, 1);
            VectorCompare.check("softmax", c, y1, ref.softmax(x, 1),
                    (i, y) -> (16 + 2 * n) * U * Math.abs(y) + 8 * U * f[0][i] * Math.abs(y) + Float.MIN_VALUE * 8);
            VectorCompare.check("log_softmax", c, o1, ref.logSoftmax(x, 1),
                    (i, y) -> (8 + 2 * n) * U * (f[1][i] + Math.abs(y) + 1));
            for (int threads = 2; threads <= 3; threads++) {
                Ops v = Stride.vector(threads);
                int t = threads;
                assertTrue(v.softmax(x, 1).bitwiseEquals(y1), () -> "softmax on " + t + " threads differs from 1 thread for " + c);
                assertTrue(v.logSoftmax(x, 1).bitwiseEquals(o1), () -> "log_softmax on " + t + " threads differs from 1 thread for " + c);
            }
        });
    }
}
