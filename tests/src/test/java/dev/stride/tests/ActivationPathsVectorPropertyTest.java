package dev.stride.tests;

import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * An element's result does not depend on its neighbours. The vectorized activations take a fast path
 * for a vector whose lanes all lie in the range where no clamp, subnormal scaling or NaN handling is
 * needed, and a general path otherwise; both must give the same bits for an ordinary lane, or results
 * would depend on how a tensor is cut into vectors and thread chunks. So: a tensor of ordinary values,
 * then the same tensor with one element replaced by an out-of-range value (NaN, +-inf, huge, or deep in
 * exp's subnormal range), which pushes its vector onto the general path; every other element must keep
 * its bits, forward and backward. Also runs at forced widths 0, 128 and 256.
 */
class ActivationPathsVectorPropertyTest {
    static final float[] INTRUDERS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -100f, 100f, -95f, 95f,
        -1e30f, 1e30f, 30f, -30f};

    record Case(int size, int kind, int intruder, int position, long seed, int threads) {}

    static Gen<Case> cases() {
        return rs -> {
            int size = PoolGen.draw(rs, 1, 130);
            return new Case(size, PoolGen.draw(rs, 0, ActivationVectorPropertyTest.KINDS.length - 1),
                    PoolGen.draw(rs, 0, INTRUDERS.length - 1), PoolGen.draw(rs, 0, size - 1), PoolGen.seed(rs), PoolGen.draw(rs, 1, 2));
        };
    }

    @Test
    void anOutOfRangeNeighbourChangesNoOtherElement() {
        qt().withExamples(300).forAll(cases()).checkAssert(c -> {
            Activation a = ActivationVectorPropertyTest.KINDS[c.kind()];
            SplittableRandom r = new SplittableRandom(c.seed());
            float[] plain = new float[c.size()];
            // ordinary values on the scale activations see, plus a few further out (still in range)
            for (int i = 0; i < plain.length; i++) plain[i] = (float) ((r.nextDouble() * 2 - 1) * (r.nextInt(8) == 0 ? 40 : 8));
            float[] mixed = plain.clone();
            mixed[c.position()] = INTRUDERS[c.intruder()];
            Tensor x = Tensor.wrap(plain, 1, plain.length), xm = Tensor.wrap(mixed, 1, mixed.length);
            Tensor g = Tensor.uniform(c.seed() + 1, -2f, 2f, 1, plain.length);
            Ops v = Stride.vector(c.threads());
            same("forward " + a, c, v.activation(x, a), v.activation(xm, a));
            same("backward " + a, c, v.activationBackward(x, g, a), v.activationBackward(xm, g, a));
        });
    }

    private static void same(String what, Case c, Tensor plain, Tensor mixed) {
        float[] p = plain.data(), m = mixed.data();
        for (int i = 0; i < p.length; i++) {
            if (i != c.position() && Float.floatToRawIntBits(p[i]) != Float.floatToRawIntBits(m[i])) {
                throw new AssertionError(what + " " + c + ": element " + i + " is " + p[i] + " alone but " + m[i]
                        + " next to " + INTRUDERS[c.intruder()]);
            }
        }
    }
}
