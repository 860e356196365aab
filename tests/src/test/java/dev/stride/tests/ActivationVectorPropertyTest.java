package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.reference.ActivationReference;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Vectorized activations ({@code Stride.vector(threads)}) against {@link ActivationReference} (double,
 * rounded once), forward and backward, for every kind: a dense sweep of [-40, 40] plus log-spaced values
 * out to +-1e6, the special values (NaN, +-inf, +-0, subnormals), and random tensors whose sizes leave
 * vector tails.
 *
 * <p>The bound, element-wise, with {@code u = 2^-24}:
 * {@code |v - ref| <= 8 ulp(ref) + 4u (1 + |z|) S + 2^-50 |g| + 8 * 2^-149}. Where a result is not
 * ill-conditioned ({@code z} small, {@code S = |ref|}) that is 8 ulp (the kernels measured at most 5
 * there). {@code z} is the argument of the exponential the formula takes ({@code |x|} for sigmoid, silu
 * and elu, {@code 2|x|} for tanh, {@code |beta x|} for softplus, {@code |2u|} for gelu_tanh): a float
 * rounding of z, which the double reference does not make, is amplified by |z| in the result. {@code S}
 * is the scale of the terms the formula adds: {@code |ref|} for the forward passes and the
 * derivatives of one-signed terms, and the sum of the terms' magnitudes for the GELU, GELU_TANH and
 * SILU derivatives, which cross zero by cancellation. {@code 2^-50 |g|} (backward only) covers the reference's own
 * double rounding (its {@code 1 - tanh^2} is 0 where the float kernel keeps {@code 4e/(1+e)^2}). The last
 * term allows for subnormal results; SILU's and GELU_TANH's forward add {@code |x| 2^-149}, as they
 * multiply x by a sigmoid that may already be rounded to a subnormal. Also runs at forced widths 0, 128
 * and 256 (tests/pom.xml).
 *
 * <p>GELU's forward adds {@code 4u |x|}: the vector kernel evaluates {@code x Phi(x)} with Phi accurate
 * in absolute terms, as PyTorch's and ONNX Runtime's CPU kernels do, so in the left tail, where Phi is
 * tiny, its error is a few {@code u |x|} instead of relative. Measured on 4,000,001 points of [-8, 8]:
 * at 512 bits (piecewise polynomial in powers of |x|) at most 2.7 u |x| for x < 0 (gelu(-5) is -1.43e-6,
 * within 1e-7) and 4.0 ulp for x > 0; at 128 and 256 bits (rational) 2.9 u |x| and 3.7 ulp.
 */
class ActivationVectorPropertyTest {
    private static final double U = Math.scalb(1.0, -24);
    /** GELU forward's absolute error allowance, in units of {@code u |x|} (see the class comment). */
    private static final double GELU_FORWARD_ABSOLUTE = 4;

    static final Activation[] KINDS = {
        Activation.relu(), Activation.leakyRelu(), Activation.leakyRelu(0.3f), Activation.elu(), Activation.elu(1.7f), Activation.elu(-0.5f),
        Activation.sigmoid(), Activation.tanh(), Activation.gelu(), Activation.geluTanh(), Activation.silu(),
        Activation.softplus(), Activation.softplus(2.5f, 10f), Activation.softplus(0.5f, 20f),
        Activation.softplus(1f, 3f)
    };

    static Tensor sweep() {
        int dense = 16001;
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -1e-30f, 88.7f, -88.7f, 89f, -104f, -110f,
            Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] x = new float[dense + 2 * 600 + specials.length];
        int k = 0;
        for (int i = 0; i < dense; i++) x[k++] = (float) (-40.0 + 80.0 * i / (dense - 1));
        for (int i = 0; i < 600; i++) {
            float v = (float) Math.pow(10, -8 + 14.0 * i / 599);
            x[k++] = v;
            x[k++] = -v;
        }
        for (float s : specials) x[k++] = s;
        return Tensor.wrap(x, x.length);
    }

    /** The argument of the exponential in the kind's formula, in magnitude. */
    static double z(Activation a, double x) {
        return switch (a.kind()) {
            case RELU, LEAKY_RELU -> 0;
            case SIGMOID, SILU, ELU -> Math.abs(x);
            case TANH -> 2 * Math.abs(x);
            case SOFTPLUS -> Math.abs(a.beta() * x);
            case GELU -> 1;
            case GELU_TANH -> Math.abs(2 * 0.7978845608028654 * (x + 0.044715 * x * x * x));
        };
    }

    /** The magnitude of the terms of the derivative (for kinds whose derivative cancels), else |ref|. */
    static double scale(Activation a, double x, double g, double ref) {
        double s = 1 / (1 + Math.exp(-x));
        return switch (a.kind()) {
            case GELU -> Math.abs(g) * (0.5 * (1 + erfApprox(x)) + Math.abs(x) * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));
            case GELU_TANH -> {
                double u = 0.7978845608028654 * (x + 0.044715 * x * x * x);
                double sp = 1 / (1 + Math.exp(-2 * u));
                yield Math.abs(g) * (sp + Math.abs(2 * x * sp * (1 - sp) * 0.7978845608028654 * (1 + 3 * 0.044715 * x * x)));
            }
            case SILU -> Math.abs(g) * s * (1 + Math.abs(x) * (1 - s));
            default -> Math.abs(ref);
        };
    }

    /** erf to a few digits, enough for a scale (an upper bound of the terms' size). */
    static double erfApprox(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x / Math.sqrt(2)));
        double y = 1 - t * Math.exp(-x * x / 2 - 1.26551223 + t * (1.00002368 + t * 0.37409196));
        return Math.max(-1, Math.min(1, x >= 0 ? y : -y));
    }

    static void compare(String what, Activation a, Tensor x, Tensor g, Tensor actual, Tensor expected, boolean backward) {
        float[] xs = x.data(), gs = g == null ? null : g.data();
        VectorCompare.check(what + " " + a, "x", actual, expected, (i, ref) -> {
            double gv = gs == null ? 1 : gs[i];
            double s = backward ? scale(a, xs[i], gv, ref) : Math.abs(ref);
            double zz = z(a, xs[i]);
            if (Double.isNaN(s) || Double.isInfinite(s)) s = Math.abs(ref);
            if (Double.isInfinite(zz)) zz = 0;
            double absoluteTail = !backward && a.kind() == Activation.Kind.GELU ? GELU_FORWARD_ABSOLUTE * U * Math.abs(xs[i]) : 0;
            // silu and gelu_tanh multiply x by a sigmoid that may already be rounded to a subnormal: up to
            // |x| half-units of 2^-149
            double subnormalTimesX = !backward && (a.kind() == Activation.Kind.SILU || a.kind() == Activation.Kind.GELU_TANH)
                    ? Math.abs(xs[i]) * Float.MIN_VALUE : 0;
            // the 2^-50 |g| term is for the backward passes only: with g = 1 it would let a forward result
            // below ~1e-15 (sigmoid's and softplus's tails) be wrong by any factor
            return 8 * Math.ulp(ref) + 4 * U * (1 + zz) * s + (backward ? Math.scalb(Math.abs(gv), -50) : 0) + 8 * Float.MIN_VALUE
                    + absoluteTail + subnormalTimesX;
        });
    }

    @Test
    void sweepForwardAndBackward() {
        Tensor x = sweep();
        Tensor g = Tensor.uniform(7, -2f, 2f, x.size());
        for (int threads = 1; threads <= 2; threads++) {
            Ops v = Stride.vector(threads);
            for (Activation a : KINDS) {
                compare("forward", a, x, null, v.activation(x, a), ActivationReference.forward(x, a), false);
                compare("backward", a, x, g, v.activationBackward(x, g, a), ActivationReference.backward(x, g, a), true);
            }
        }
    }

    record Case(int size, int kind, long seed, int threads) {}

    static Gen<Case> cases() {
        return rs -> new Case(PoolGen.draw(rs, 0, 200), PoolGen.draw(rs, 0, KINDS.length - 1), PoolGen.seed(rs), PoolGen.draw(rs, 1, 3));
    }

    @Test
    void randomTensorsWithTails() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            Activation a = KINDS[c.kind()];
            Tensor x = VectorCompare.values(c.seed(), true, 1, c.size());
            SplittableRandom r = new SplittableRandom(c.seed());
            for (int i = 0; i < x.size(); i++) x.data()[i] *= (float) Math.exp(r.nextDouble() * 6);
            Tensor g = Tensor.uniform(c.seed() + 1, -2f, 2f, 1, c.size());
            Ops v = Stride.vector(c.threads());
            compare("forward", a, x, null, v.activation(x, a), ActivationReference.forward(x, a), false);
            compare("backward", a, x, g, v.activationBackward(x, g, a), ActivationReference.backward(x, g, a), true);
        });
    }

    @Test
    void inputIsNotModifiedAndBadArgumentsAreNamed() {
        Ops v = Stride.vector(1);
        Tensor x = Tensor.uniform(3, -3f, 3f, 5, 37);
        Tensor copy = x.copy();
        for (Activation a : KINDS) v.activation(x, a);
        if (!x.bitwiseEquals(copy)) throw new AssertionError("activation modified its input");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.activationBackward(x, Tensor.zeros(5, 36), Activation.relu()));
        if (!e.getMessage().contains("gradOutput")) throw new AssertionError(e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.activation(null, Activation.relu()));
        if (!e.getMessage().contains("input")) throw new AssertionError(e.getMessage());
    }
}
