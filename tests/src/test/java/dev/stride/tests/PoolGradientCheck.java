package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Tensor;
import java.util.function.Function;

/**
 * Numerical checks of the pooling and padding gradients: central finite differences of the scalar
 * {@code L(x) = <f(x), g>} (accumulated in double), and inner products for adjoint identities.
 */
final class PoolGradientCheck {
    private PoolGradientCheck() {}

    /** {@code <a, b>} in double; the shapes must hold the same number of elements. */
    static double dot(Tensor a, Tensor b) {
        assertEquals(a.size(), b.size(), "inner product of tensors of different sizes");
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += (double) a.data()[i] * b.data()[i];
        return s;
    }

    private static double finiteDot(Tensor y, Tensor g) {
        assertEquals(y.size(), g.size(), "inner product of tensors of different sizes");
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            if (!Float.isInfinite(y.data()[i])) s += (double) y.data()[i] * g.data()[i];
        }
        return s;
    }

    /**
     * Central differences of {@code x -> <f(x), g>} for every element of {@code x}; {@code x} is copied
     * and never modified. The step is divided by the float step actually taken, so rounding of
     * {@code x +- eps} does not bias the estimate. Infinite outputs (a max-pooling window with no input
     * cell gives minus infinity whatever the input) are constants and are left out of the loss.
     */
    static double[] centralDifferences(Function<Tensor, Tensor> f, Tensor x, Tensor g, float eps) {
        Tensor probe = x.copy();
        float[] d = probe.data();
        double[] grad = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            float orig = d[i];
            float up = orig + eps, down = orig - eps;
            d[i] = up;
            double lossUp = finiteDot(f.apply(probe), g);
            d[i] = down;
            double lossDown = finiteDot(f.apply(probe), g);
            d[i] = orig;
            grad[i] = (lossUp - lossDown) / ((double) up - (double) down);
        }
        return grad;
    }

    /** Asserts that an analytic gradient matches numerical differences within {@code tol} per element. */
    static void assertMatches(Tensor analytic, double[] numeric, double tol, Object context) {
        assertEquals(numeric.length, analytic.size(), "gradient size");
        for (int i = 0; i < numeric.length; i++) {
            double a = analytic.data()[i];
            assertTrue(Math.abs(a - numeric[i]) <= tol * (1 + Math.abs(numeric[i])),
                    "gradient element " + i + ": analytic " + a + ", numeric " + numeric[i] + " for " + context);
        }
    }

    /** Asserts {@code lhs == rhs} up to a relative tolerance scaled by {@code scale} (a sum of magnitudes). */
    static void assertAdjoint(double lhs, double rhs, double scale, Object context) {
        assertTrue(Math.abs(lhs - rhs) <= 1e-5 * (1 + scale),
                "adjoint identity <f(x), g> = <x, f'(g)> fails: " + lhs + " vs " + rhs + " for " + context);
    }

    /** Sum of |a_i * b_i| in double, the natural scale of the rounding error of {@code dot(a, b)}. */
    static double absDot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += Math.abs((double) a.data()[i] * b.data()[i]);
        return s;
    }
}
