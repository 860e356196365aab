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
 * What the vector GELU forward guarantees beyond the error bound of {@link ActivationVectorPropertyTest}
 * (its Phi is accurate in absolute terms only, so these are not implied by the bound): NaN results are
 * the canonical {@link Float#NaN} whatever the input NaN's payload and sign, and -inf gives it too (at
 * 512 bits the kernel canonicalises in a second pass over a block that held a NaN or an infinity, so
 * NaN and infinities are dropped into tensors of ordinary values at random places); and the sign is
 * right, {@code gelu(x) <= 0} for {@code x < 0} and {@code >= 0} for {@code x > 0}, also just below
 * -5.27 where Phi is tiny. Also runs at forced widths 0, 128 and 256.
 */
class GeluForwardVectorPropertyTest {
    /** NaN with payloads and both signs, and the infinities. */
    static final int[] SPECIAL_BITS = {0x7fc00000, 0xffc00000, 0x7fc12345, 0xffd00001, 0x7f800001, 0xff800001, 0x7fffffff,
        0x7f800000, 0xff800000};

    record Case(int size, int specials, long seed, int threads) {}

    static Gen<Case> cases() {
        return rs -> new Case(PoolGen.draw(rs, 1, 150), PoolGen.draw(rs, 0, 3), PoolGen.seed(rs), PoolGen.draw(rs, 1, 2));
    }

    @Test
    void nanResultsAreCanonicalAndSignsAreRight() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            SplittableRandom r = new SplittableRandom(c.seed());
            float[] x = new float[c.size()];
            for (int i = 0; i < x.length; i++) {
                // mostly |x| < 7, with some near the saturation of Phi and some huge
                double scale = switch (r.nextInt(6)) {
                    case 0 -> 5.4;
                    case 1 -> 1e30;
                    default -> 7;
                };
                x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
            }
            for (int k = 0; k < c.specials(); k++) {
                x[r.nextInt(x.length)] = Float.intBitsToFloat(SPECIAL_BITS[r.nextInt(SPECIAL_BITS.length)]);
            }
            Ops v = Stride.vector(c.threads());
            float[] y = v.activation(Tensor.wrap(x.clone(), 1, x.length), Activation.gelu()).data();
            for (int i = 0; i < x.length; i++) {
                String at = "gelu(" + x[i] + " bits " + Integer.toHexString(Float.floatToRawIntBits(x[i])) + ") = " + y[i]
                        + " bits " + Integer.toHexString(Float.floatToRawIntBits(y[i])) + " at " + i + " for " + c;
                if (Float.isNaN(y[i])) {
                    if (Float.floatToRawIntBits(y[i]) != 0x7fc00000) throw new AssertionError("NaN not canonical: " + at);
                    if (!Float.isNaN(x[i]) && x[i] != Float.NEGATIVE_INFINITY) throw new AssertionError("NaN: " + at);
                } else if (Float.isNaN(x[i]) || x[i] == Float.NEGATIVE_INFINITY) {
                    throw new AssertionError("not NaN: " + at);
                } else if (x[i] < 0 ? y[i] > 0 : y[i] < 0) {
                    throw new AssertionError("wrong sign: " + at);
                }
            }
        });
    }
}
