package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Element-wise comparisons of a vectorized result with the reference that treat special values
 * strictly: a NaN must be matched by a NaN, an infinity by the same infinity; finite values must agree
 * within a per-element tolerance (exactly, when the tolerance is zero; +0 and -0 count as equal).
 */
final class VectorCompare {
    private VectorCompare() {}

    /** A tolerance for element {@code i} given the reference value there. */
    interface Tolerance {
        double at(int i, float expected);
    }

    static void check(String what, Object testCase, Tensor actual, Tensor expected, Tolerance tol) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + " != " + Arrays.toString(expected.shape()) + " for " + testCase);
        }
        float[] a = actual.data(), e = expected.data();
        for (int i = 0; i < a.length; i++) {
            float x = a[i], y = e[i];
            if (Float.isNaN(x) || Float.isNaN(y)) {
                if (Float.isNaN(x) && Float.isNaN(y)) continue;
                fail(what + ": element " + i + " is " + x + ", reference " + y + " for " + testCase);
            }
            if (x == y) continue;
            if (Float.isInfinite(x) || Float.isInfinite(y)) {
                fail(what + ": element " + i + " is " + x + ", reference " + y + " for " + testCase);
            }
            double bound = tol.at(i, y);
            if (!(Math.abs((double) x - y) <= bound)) {
                fail(what + ": element " + i + " is " + x + ", reference " + y + ", |diff| " + Math.abs((double) x - y)
                        + " > " + bound + " for " + testCase);
            }
        }
    }

    /** Exact agreement (NaN with NaN, +0 with -0). */
    static void exact(String what, Object testCase, Tensor actual, Tensor expected) {
        check(what, testCase, actual, expected, (i, y) -> 0.0);
    }

    /** Sums of K float terms: {@code 8 K 2^-24 sums[i]} where {@code sums} holds each output's sum of |terms|. */
    static void sums(String what, Object testCase, Tensor actual, Tensor expected, Tensor absSums, long terms) {
        float[] s = absSums.data();
        check(what, testCase, actual, expected, (i, y) -> 8.0 * terms * Math.scalb(1.0, -24) * s[i]);
    }

    /** A copy of {@code t} with every value replaced by its absolute value. */
    static Tensor abs(Tensor t) { return ErrorBound.abs(t); }

    /**
     * Uniform values in [-2, 2) with, when {@code specials}, about one element in twelve replaced by NaN,
     * +inf, -inf, -0 or a tie (a copy of its neighbour).
     */
    static Tensor values(long seed, boolean specials, int... shape) {
        Tensor t = Tensor.uniform(seed, -2f, 2f, shape);
        if (!specials) return t;
        float[] d = t.data();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < d.length; i++) {
            switch (r.nextInt(60)) {
                case 0 -> d[i] = Float.NaN;
                case 1 -> d[i] = Float.POSITIVE_INFINITY;
                case 2 -> d[i] = Float.NEGATIVE_INFINITY;
                case 3 -> d[i] = -0f;
                case 4 -> d[i] = i > 0 ? d[i - 1] : d[i];
                default -> { }
            }
        }
        return t;
    }
}
