package dev.stride.tests;

import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.reference.ActivationReference;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The vectorized activations at the points where their approximations change method or range, with
 * the bound of {@link ActivationVectorPropertyTest}: tanh's rational function ends at |x| = 9 (1 above);
 * exp's one-scale path ends at -87 (-86 for the 32-entry table of sigmoid, silu, softplus and gelu_tanh at
 * 512 bits) and its clamp is at -104 (sigmoid, silu, softplus, gelu_tanh and softmax take exp(-|x|)); ELU's expm1 clamps at -30 (at 512 bits it is table-based and clamps at -87);
 * GELU's erfc polynomial is fitted on |x| <= 14.5 and its Gaussian underflows past 14.4; GELU's
 * backward crosses from the left tail to {@code 1 - h} at 0; GELU's forward changes polynomial at
 * |x| = (j + 1/2) / 2.75 at 512 bits, sets Phi to 0 and 1 past 14.5/2.75 = 5.27 (past 5.1 on narrower
 * vectors) and clamps |x| at 5.6; softplus at 512 bits changes polynomial at |beta x| = (j + 1/2) / 2 and
 * leaves the polynomials for exp and log1p at |beta x| = 7.75. Each split point is probed on a run of neighbouring floats on both
 * sides, mixed into vectors with ordinary values (so a vector holds lanes of both paths), and the signs
 * of zero results must be the reference's (tanh(-0) = -0; the value comparison counts +0 and -0 equal).
 * Also runs at forced widths 0, 128 and 256.
 */
class ActivationSplitPointsVectorPropertyTest {
    /** Split points of the kernels' methods (see the class comment), both signs taken. */
    static final float[] SPLITS = {0f, 0.5f, 1f, 0.5f / 2.75f, 1.5f / 2.75f, 3.5f / 2.75f, 6.5f / 2.75f, 13.5f / 2.75f,
        5.1f, 14.5f / 2.75f, 5.6f, 9f, 9.01f, 14.4f, 14.5f, 15f, 30f, 43.5f, 44f, 86f, 86.9f, 87f, 87.4f, 88.7f, 103.9f, 104f,
        104.1f, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3.25f, 3.75f, 4.25f, 4.75f, 5.25f, 5.75f, 6.25f, 6.75f,
        7.25f, 7.75f};

    /** For each split point and sign, 33 consecutive floats centred on it, then ordinary values between runs. */
    static Tensor splitPoints() {
        int run = 33;
        float[] x = new float[SPLITS.length * 2 * (run + 7)];
        int k = 0;
        for (float s : SPLITS) {
            for (float sign : new float[] {1f, -1f}) {
                float v = sign * s;
                for (int i = 0; i < run / 2; i++) v = Math.nextDown(v);
                for (int i = 0; i < run; i++) {
                    x[k++] = v;
                    v = Math.nextUp(v);
                }
                for (int i = 0; i < 7; i++) x[k++] = (float) (sign * (0.3 + 1.7 * i));
            }
        }
        return Tensor.wrap(x, x.length);
    }

    @Test
    void splitPointsForwardAndBackward() {
        Tensor x = splitPoints();
        Tensor g = Tensor.uniform(11, -2f, 2f, x.size());
        for (int threads = 1; threads <= 2; threads++) {
            Ops v = Stride.vector(threads);
            for (Activation a : ActivationVectorPropertyTest.KINDS) {
                ActivationVectorPropertyTest.compare("forward", a, x, null, v.activation(x, a), ActivationReference.forward(x, a), false);
                ActivationVectorPropertyTest.compare("backward", a, x, g, v.activationBackward(x, g, a),
                        ActivationReference.backward(x, g, a), true);
            }
        }
    }

    @Test
    void zeroResultsHaveTheReferenceSign() {
        float[] values = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, -200f, -1e6f, Float.NEGATIVE_INFINITY,
            Float.POSITIVE_INFINITY, Float.NaN};
        Tensor x = Tensor.wrap(values.clone(), values.length);
        Ops v = Stride.vector(1);
        for (Activation a : ActivationVectorPropertyTest.KINDS) {
            float[] actual = v.activation(x, a).data(), expected = ActivationReference.forward(x, a).data();
            for (int i = 0; i < values.length; i++) {
                if (actual[i] == 0f && expected[i] == 0f
                        && Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                    throw new AssertionError(a + " at " + values[i] + " gave " + actual[i] + ", reference " + expected[i]);
                }
            }
        }
    }

    record Case(float centre, int kind, long seed, int threads) {}

    static Gen<Case> cases() {
        return rs -> new Case(SPLITS[PoolGen.draw(rs, 0, SPLITS.length - 1)] * (PoolGen.draw(rs, 0, 1) == 0 ? 1 : -1),
                PoolGen.draw(rs, 0, ActivationVectorPropertyTest.KINDS.length - 1), PoolGen.seed(rs), PoolGen.draw(rs, 1, 2));
    }

    /** Random values within a few thousand ulps of a split point, in tensors whose sizes leave tails. */
    @Test
    void randomValuesNearSplitPoints() {
        qt().withExamples(150).forAll(cases()).checkAssert(c -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(c.seed());
            int n = 1 + r.nextInt(70);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                float v = c.centre();
                int steps = r.nextInt(4000) - 2000;
                for (int s = 0; s < Math.abs(steps); s++) v = steps > 0 ? Math.nextUp(v) : Math.nextDown(v);
                x[i] = r.nextInt(5) == 0 ? (float) (r.nextDouble() * 20 - 10) : v;
            }
            Tensor xt = Tensor.wrap(x, 1, n);
            Tensor g = Tensor.uniform(c.seed() + 1, -2f, 2f, 1, n);
            Activation a = ActivationVectorPropertyTest.KINDS[c.kind()];
            Ops v = Stride.vector(c.threads());
            ActivationVectorPropertyTest.compare("forward", a, xt, null, v.activation(xt, a), ActivationReference.forward(xt, a), false);
            ActivationVectorPropertyTest.compare("backward", a, xt, g, v.activationBackward(xt, g, a),
                    ActivationReference.backward(xt, g, a), true);
        });
    }
}
