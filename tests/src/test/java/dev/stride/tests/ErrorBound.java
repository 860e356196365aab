package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * The error bound of the vectorized kernels against the reference: for an output that is a sum of
 * {@code K} products, {@code |y - ref| <= 8 * K * 2^-24 * sum(|w||x|)} over its terms. The sums of
 * absolute products are computed by running the reference itself on absolute values, so the bound
 * tensor follows every padding mode, group and stride exactly as the op does.
 */
final class ErrorBound {
    private ErrorBound() {}

    private static final double UNIT = Math.scalb(1.0, -24);

    /** A copy of {@code t} with every value replaced by its absolute value (null stays null). */
    static Tensor abs(Tensor t) {
        if (t == null) return null;
        float[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i]);
        return Tensor.wrap(d, t.shape());
    }

    /** Fails, naming the case, the index and both values, if any element of {@code actual} is outside the bound. */
    static void check(String what, Object testCase, Tensor actual, Tensor expected, Tensor absSums, long terms) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + " != " + Arrays.toString(expected.shape())
                    + " for " + testCase);
        }
        float[] a = actual.data(), e = expected.data(), s = absSums.data();
        for (int i = 0; i < a.length; i++) {
            double bound = 8.0 * terms * UNIT * s[i];
            double diff = Math.abs((double) a[i] - e[i]);
            if (!(diff <= bound)) {
                fail(what + ": element " + i + " is " + a[i] + ", reference " + e[i] + ", |diff| " + diff
                        + " > bound " + bound + " (K=" + terms + ") for " + testCase);
            }
        }
    }
}
