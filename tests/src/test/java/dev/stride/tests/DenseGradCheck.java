package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Central finite differences for the dense ops' backward tests (linear, softmax, cross-entropy).
 *
 * <p>The objective is {@code L(x) = sum_i gradOut_i * f(x)_i}, accumulated in double; its derivative with
 * respect to one element of {@code x} is what a backward returns for that gradOut. Each element is nudged
 * by {@code +-h} in float, and the divisor is the difference actually stored (float rounding of
 * {@code x +- h} would otherwise bias the quotient).
 */
final class DenseGradCheck {
    private DenseGradCheck() {}

    /** The scalar {@code sum_i weights_i * t_i} in double. */
    static double dot(Tensor t, Tensor weights) {
        assertEquals(Arrays.toString(weights.shape()), Arrays.toString(t.shape()), "objective weights shape");
        double s = 0;
        float[] a = t.data(), b = weights.data();
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    /**
     * Central-difference gradient of {@code objective} with respect to every element of {@code x}; the
     * objective is called on a perturbed copy each time, and {@code x} is left as it was.
     */
    static double[] numericGradient(Tensor x, double h, Function<Tensor, Double> objective) {
        Tensor probe = x.copy();
        float[] d = probe.data();
        double[] grad = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            float saved = d[i];
            float plus = (float) (saved + h);
            float minus = (float) (saved - h);
            d[i] = plus;
            double up = objective.apply(probe);
            d[i] = minus;
            double down = objective.apply(probe);
            d[i] = saved;
            grad[i] = (up - down) / ((double) plus - (double) minus);
        }
        return grad;
    }

    /** Asserts {@code |analytic - numeric| <= atol + rtol*|numeric|} element-wise, naming the first failure. */
    static void assertGradClose(String what, Tensor analytic, double[] numeric, double atol, double rtol) {
        float[] a = analytic.data();
        assertEquals(numeric.length, a.length, what + ": gradient size");
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - numeric[i]);
            if (!(err <= atol + rtol * Math.abs(numeric[i]))) {
                fail(what + ": element " + i + " analytic " + a[i] + " vs finite difference " + numeric[i]
                        + " (shape " + Arrays.toString(analytic.shape()) + ")");
            }
        }
    }
}
