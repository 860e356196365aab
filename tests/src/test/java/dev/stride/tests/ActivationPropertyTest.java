package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.Activation;
import dev.stride.core.Activation.Kind;
import dev.stride.core.Tensor;
import dev.stride.core.reference.ActivationReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The reference activations, with default and non-default constants: every backward against central
 * finite differences of the forward in double (away from kinks and the softplus threshold), and again
 * through the Tensor API in float; identities ({@code f(x) - f(-x) = x} for GELU, GELU_TANH, SILU, RELU and
 * SOFTPLUS, sigmoid symmetry, tanh oddness, the ELU formula); tabulated values including the far negative
 * tail of GELU; PyTorch's special values for NaN and infinities; argument errors.
 */
class ActivationPropertyTest {

    private static final List<Activation> ALL = List.of(
            Activation.relu(), Activation.leakyRelu(), Activation.leakyRelu(0.2f), Activation.elu(), Activation.elu(0.5f),
            Activation.sigmoid(), Activation.tanh(), Activation.gelu(), Activation.geluTanh(), Activation.silu(),
            Activation.softplus(), Activation.softplus(2f, 5f), Activation.softplus(0.5f, 1f), Activation.softplus(-1f, 20f));

    private static Gen<Activation> activations() {
        return Generate.pick(ALL);
    }

    /** Whether x is at least `margin` away from every point where the activation's derivative jumps. */
    private static boolean awayFromKinks(Activation a, double x, double margin) {
        return switch (a.kind()) {
            case RELU, LEAKY_RELU, ELU -> Math.abs(x) > margin;
            case SOFTPLUS -> Math.abs(x * a.beta() - a.threshold()) > margin * Math.abs(a.beta());
            default -> true;
        };
    }

    @Test
    void backwardIsDerivativeInDouble() {
        qt().withExamples(3000).forAll(activations(), doubles().between(-8, 8), doubles().between(-2, 2))
            .assuming((a, x, g) -> awayFromKinks(a, x, 1e-3))
            .checkAssert((a, x, g) -> {
                double h = 1e-6;
                double numeric = g * (ActivationReference.value(a, x + h) - ActivationReference.value(a, x - h)) / (2 * h);
                double analytic = ActivationReference.gradient(a, x, g);
                assertEquals(numeric, analytic, 1e-8 * (1 + Math.abs(numeric)), () -> a + " at x=" + x + " g=" + g);
            });
    }

    @Test
    void tensorBackwardMatchesFiniteDifferences() {
        qt().withExamples(100).forAll(activations(), integers().between(1, 24), longs().between(0, 1_000_000))
            .checkAssert((a, n, seed) -> {
                Tensor x = Tensor.uniform(seed, -4f, 4f, 2, n);
                float[] d = x.data();
                // Step off the kinks by more than the finite-difference step.
                for (int i = 0; i < d.length; i++) if (!awayFromKinks(a, d[i], 0.05)) d[i] += 0.1f;
                Tensor g = Tensor.uniform(seed + 1, -1f, 1f, 2, n);
                Tensor analytic = ActivationReference.backward(x, g, a);
                assertArrayEquals(x.shape(), analytic.shape());
                double[] numeric = DenseGradCheck.numericGradient(x, 1e-2,
                        t -> DenseGradCheck.dot(ActivationReference.forward(t, a), g));
                DenseGradCheck.assertGradClose(a + " seed " + seed, analytic, numeric, 1e-4, 1e-3);
            });
    }

    /** The Tensor API rounds the double formula once per element, keeping shape and order. */
    @Test
    void tensorApiRoundsTheDoubleFormulaOnce() {
        qt().withExamples(100).forAll(activations(), integers().between(0, 30), longs().between(0, 1_000_000))
            .checkAssert((a, n, seed) -> {
                Tensor x = Tensor.uniform(seed, -10f, 10f, n, 1, 2), before = x.copy();
                Tensor g = Tensor.uniform(seed + 1, -1f, 1f, n, 1, 2), gBefore = g.copy();
                Tensor y = ActivationReference.forward(x, a);
                Tensor gx = ActivationReference.backward(x, g, a);
                assertArrayEquals(x.shape(), y.shape());
                for (int i = 0; i < x.size(); i++) {
                    assertEquals((float) ActivationReference.value(a, x.data()[i]), y.data()[i]);
                    assertEquals((float) ActivationReference.gradient(a, x.data()[i], g.data()[i]), gx.data()[i]);
                }
                assertTrue(x.bitwiseEquals(before) && g.bitwiseEquals(gBefore), "inputs must not change");
            });
    }

    @Test
    void identities() {
        qt().withExamples(1000).forAll(doubles().between(-15, 15)).checkAssert(x -> {
            for (Activation a : List.of(Activation.gelu(), Activation.geluTanh(), Activation.silu(), Activation.relu())) {
                double d = ActivationReference.value(a, x) - ActivationReference.value(a, -x);
                assertEquals(x, d, 1e-14 * (1 + Math.abs(x)), () -> a + ": f(x) - f(-x) = x at " + x);
            }
            // softplus(x) - softplus(-x) = x while both sides are below the threshold 20.
            double sp = ActivationReference.value(Activation.softplus(), x) - ActivationReference.value(Activation.softplus(), -x);
            assertEquals(x, sp, 1e-14 * (1 + Math.abs(x)), () -> "softplus at " + x);
            double s = ActivationReference.value(Activation.sigmoid(), x) + ActivationReference.value(Activation.sigmoid(), -x);
            assertEquals(1.0, s, 1e-15, () -> "sigmoid symmetry at " + x);
            assertEquals(-ActivationReference.value(Activation.tanh(), x), ActivationReference.value(Activation.tanh(), -x), 0.0);
            double elu = ActivationReference.value(Activation.elu(0.5f), -Math.abs(x));
            assertEquals(0.5 * (Math.exp(-Math.abs(x)) - 1), elu, 1e-15);
            assertEquals(x > 0 ? x : 0.01f * x, ActivationReference.value(Activation.leakyRelu(), x), 1e-15);
        });
    }

    @Test
    void tabulatedValues() {
        // Reference values computed with mpmath at 100 digits (the tail of 1 + tanh needs more than 40).
        assertRelative(0.84134474606854294859, ActivationReference.value(Activation.gelu(), 1), 1e-14);
        assertRelative(-0.00404969409489028358, ActivationReference.value(Activation.gelu(), -3), 1e-14);
        // Far in the negative tail 1 + erf(x/sqrt2) cancels; the reference keeps full relative precision.
        assertRelative(-7.619853024160526066e-23, ActivationReference.value(Activation.gelu(), -10), 1e-13);
        assertRelative(0.84119199060827670478, ActivationReference.value(Activation.geluTanh(), 1), 1e-14);
        assertRelative(-0.0036373920817730188378, ActivationReference.value(Activation.geluTanh(), -3), 1e-14);
        assertRelative(-1.2040923482098059937e-37, ActivationReference.value(Activation.geluTanh(), -10), 1e-12);
        assertRelative(9.3576229688397367794e-14, ActivationReference.value(Activation.softplus(), -30), 1e-14);
        // Past the threshold softplus is the identity, below it log1p(exp(beta x))/beta.
        assertEquals(21.0, ActivationReference.value(Activation.softplus(), 21));
        assertEquals(Math.log1p(Math.exp(2 * 2.0)) / 2, ActivationReference.value(Activation.softplus(2f, 5f), 2), 1e-15);
        assertEquals(3.0, ActivationReference.value(Activation.softplus(2f, 5f), 3));
        assertEquals(1.0, ActivationReference.gradient(Activation.softplus(2f, 5f), 3, 1.0));
    }

    private static void assertRelative(double expected, double actual, double rel) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected), () -> "expected " + expected + " got " + actual);
    }

    private static float forward1(Activation a, float x) {
        return ActivationReference.forward(Tensor.of(new float[] {x}, 1), a).get(0);
    }

    private static float backward1(Activation a, float x, float g) {
        return ActivationReference.backward(Tensor.of(new float[] {x}, 1), Tensor.of(new float[] {g}, 1), a).get(0);
    }

    @Test
    void specialValuesAsPyTorch() {
        float inf = Float.POSITIVE_INFINITY;
        for (Activation a : ALL) assertTrue(Float.isNaN(forward1(a, Float.NaN)), () -> a + " of NaN");
        assertEquals(0f, forward1(Activation.sigmoid(), -inf));
        assertEquals(1f, forward1(Activation.sigmoid(), inf));
        assertEquals(-1f, forward1(Activation.tanh(), -inf));
        assertEquals(0f, forward1(Activation.relu(), -inf));
        assertEquals(inf, forward1(Activation.relu(), inf));
        assertEquals(-0.5f, forward1(Activation.elu(0.5f), -inf));
        assertEquals(0f, forward1(Activation.softplus(), -inf));
        assertEquals(inf, forward1(Activation.softplus(), inf));
        assertEquals(-inf, forward1(Activation.leakyRelu(), -inf));
        for (Activation a : List.of(Activation.gelu(), Activation.geluTanh(), Activation.silu())) {
            // -inf * 0 in PyTorch's x * 0.5 * (1 + erf(..)), x * 0.5 * (1 + tanh(..)) and x / (1 + exp(-x)).
            assertTrue(Float.isNaN(forward1(a, -inf)), () -> a + " of -inf");
            assertEquals(inf, forward1(a, inf), () -> a + " of +inf");
            assertTrue(Float.isNaN(backward1(a, inf, 1f)), () -> a + "' at +inf");
            assertTrue(Float.isNaN(backward1(a, -inf, 1f)), () -> a + "' at -inf");
        }
        // Backward of NaN input: PyTorch's relu test x <= 0 and leaky_relu test x > 0 are false for NaN; its
        // vectorised ELU kernel takes the exp branch.
        assertEquals(2f, backward1(Activation.relu(), Float.NaN, 2f));
        assertEquals(2f * 0.2f, backward1(Activation.leakyRelu(0.2f), Float.NaN, 2f), 1e-7f);
        assertTrue(Float.isNaN(backward1(Activation.elu(), Float.NaN, 2f)));
        assertTrue(Float.isNaN(backward1(Activation.sigmoid(), Float.NaN, 1f)));
        assertTrue(Float.isNaN(backward1(Activation.softplus(), Float.NaN, 1f)));
        // Kinks: PyTorch's ReLU and ELU take the x <= 0 branch at 0, leaky ReLU the x > 0 test.
        assertEquals(0f, backward1(Activation.relu(), 0f, 3f));
        assertEquals(1.5f, backward1(Activation.elu(0.5f), 0f, 3f));
        assertEquals(0.03f, backward1(Activation.leakyRelu(), 0f, 3f), 1e-9f);
        assertEquals(0f, backward1(Activation.sigmoid(), -inf, 1f));
        assertEquals(0f, backward1(Activation.sigmoid(), inf, 1f));
    }

    @Test
    void invalidArgumentsNameTheParameter() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationReference.backward(x, Tensor.zeros(3, 2), Activation.relu()));
        assertTrue(e.getMessage().contains("gradOutput"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> ActivationReference.forward(null, Activation.relu()));
        assertTrue(e.getMessage().contains("input"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> ActivationReference.forward(x, null));
        assertTrue(e.getMessage().contains("activation"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> ActivationReference.backward(x, null, Activation.relu()));
        assertTrue(e.getMessage().contains("gradOutput"), e::getMessage);
    }

    @Test
    void everyKindIsCovered() {
        for (Kind k : Kind.values()) assertTrue(ALL.stream().anyMatch(a -> a.kind() == k), k::toString);
    }
}
