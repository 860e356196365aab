package dev.stride.tests;

import static dev.stride.tests.PoolGen.coin;
import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool1dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Vectorized pooling ({@code Stride.vector(threads)}, threads 1..3) against the reference, forward and
 * backward: max (values and indices), average (ceil mode, count_include_pad, divisor_override), 1-D
 * through the {@code Ops} defaults, adaptive and global average and max.
 *
 * <p>Shapes reach past the vector width with tails (widths up to 70, so 16-lane vectors see 0..3 full
 * blocks and a remainder), include 1x1 planes and the fast-path shapes (max 3x3/2 pad 1, avg 2x2/2, even
 * widths), windows that lie partly or (in ceil mode) mostly in the padding, and inputs with NaN, +-inf,
 * -0 and ties. Bounds: max pooling and its indices are exact (NaN matches NaN, +0 matches -0); average
 * pooling and every backward pass are sums of K float terms, within {@code 8 K 2^-24 sum|terms|}, the
 * sums of |terms| coming from the reference run on absolute values. Also runs at forced widths 0, 128
 * and 256 (tests/pom.xml).
 */
class PoolVectorPropertyTest {
    private final Ops ref = Stride.reference();

    record MaxCase(int[] shape, MaxPool2dParams p, long seed, boolean specials, int threads) {
        @Override public String toString() {
            return "input " + Arrays.toString(shape) + " " + p + " seed " + seed + " specials " + specials + " threads " + threads;
        }
    }

    record AvgCase(int[] shape, AvgPool2dParams p, long seed, boolean specials, int threads) {
        @Override public String toString() {
            return "input " + Arrays.toString(shape) + " " + p + " seed " + seed + " specials " + specials + " threads " + threads;
        }
    }

    record AdaptiveCase(int[] shape, AdaptivePool2dParams p, long seed, boolean specials, int threads) {
        @Override public String toString() {
            return "input " + Arrays.toString(shape) + " " + p + " seed " + seed + " specials " + specials + " threads " + threads;
        }
    }

    /** A width: 1..70, often around multiples of 16, sometimes the fast paths' even widths. */
    static int width(org.quicktheories.core.RandomnessSource rs, int min) {
        int w = switch (draw(rs, 0, 3)) {
            case 0 -> draw(rs, 1, 8);
            case 1 -> 16 * draw(rs, 1, 4) + draw(rs, -2, 2);
            default -> draw(rs, 1, 70);
        };
        return Math.max(min, w);
    }

    static Gen<MaxCase> maxCases() {
        return rs -> {
            boolean fast = draw(rs, 0, 3) == 0;
            int kh = fast ? 3 : draw(rs, 1, 4), kw = fast ? 3 : draw(rs, 1, 4);
            int sh = fast ? 2 : draw(rs, 1, 3), sw = fast ? 2 : draw(rs, 1, 3);
            int dh = fast ? 1 : draw(rs, 1, 2), dw = fast ? 1 : draw(rs, 1, 2);
            int ph = fast ? 1 : draw(rs, 0, kh / 2), pw = fast ? 1 : draw(rs, 0, kw / 2);
            int h = Math.max(dh * (kh - 1) + 1 - 2 * ph, 1) + draw(rs, 0, 6);
            int w = Math.max(dw * (kw - 1) + 1 - 2 * pw, 1);
            w = fast ? 2 * draw(rs, 8, 36) : Math.max(w, width(rs, w));
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), h, w};
            return new MaxCase(shape, new MaxPool2dParams(kh, kw, sh, sw, ph, pw, dh, dw, coin(rs)), PoolGen.seed(rs),
                    coin(rs), draw(rs, 1, 3));
        };
    }

    static Gen<AvgCase> avgCases() {
        return rs -> {
            boolean fast = draw(rs, 0, 3) == 0;
            int kh = fast ? 2 : draw(rs, 1, 4), kw = fast ? 2 : draw(rs, 1, 4);
            int sh = fast ? 2 : draw(rs, 1, 3), sw = fast ? 2 : draw(rs, 1, 3);
            int ph = fast ? 0 : draw(rs, 0, kh / 2), pw = fast ? 0 : draw(rs, 0, kw / 2);
            int h = Math.max(kh - 2 * ph, 1) + draw(rs, 0, 6);
            int w = fast ? 2 * draw(rs, 8, 36) : Math.max(Math.max(kw - 2 * pw, 1), width(rs, 1));
            int divisor = coin(rs) ? 0 : draw(rs, 1, 7);
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), h, w};
            return new AvgCase(shape, new AvgPool2dParams(kh, kw, sh, sw, ph, pw, coin(rs), coin(rs), divisor),
                    PoolGen.seed(rs), coin(rs), draw(rs, 1, 3));
        };
    }

    static Gen<AdaptiveCase> adaptiveCases() {
        return rs -> {
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), draw(rs, 1, 12), width(rs, 1)};
            boolean global = coin(rs);
            AdaptivePool2dParams p = global ? AdaptivePool2dParams.global() : new AdaptivePool2dParams(draw(rs, 1, 6), draw(rs, 1, 6));
            return new AdaptiveCase(shape, p, PoolGen.seed(rs), coin(rs), draw(rs, 1, 3));
        };
    }

    @Test
    void maxPoolForwardAndIndicesAreExact() {
        qt().withExamples(150).forAll(maxCases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
            MaxPoolResult expected = ref.maxPool2dWithIndices(x, c.p());
            VectorCompare.exact("max_pool2d", c, v.maxPool2d(x, c.p()), expected.output());
            MaxPoolResult withIndices = v.maxPool2dWithIndices(x, c.p());
            VectorCompare.exact("max_pool2d values (with indices)", c, withIndices.output(), expected.output());
            assertArrayEquals(expected.indices(), withIndices.indices(), "indices of " + c);
        });
    }

    @Test
    void maxPoolBackwardWithinBound() {
        qt().withExamples(100).forAll(maxCases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            VectorCompare.sums("max_pool2d backward", c, v.maxPool2dBackward(x, g, c.p()), ref.maxPool2dBackward(x, g, c.p()),
                    ref.maxPool2dBackward(x, VectorCompare.abs(g), c.p()), (long) c.p().kernelH() * c.p().kernelW());
        });
    }

    @Test
    void avgPoolForwardAndBackwardWithinBound() {
        qt().withExamples(150).forAll(avgCases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
            long k = (long) c.p().kernelH() * c.p().kernelW() + 1;
            VectorCompare.sums("avg_pool2d", c, v.avgPool2d(x, c.p()), ref.avgPool2d(x, c.p()),
                    ref.avgPool2d(VectorCompare.abs(x), c.p()), k);
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            VectorCompare.sums("avg_pool2d backward", c, v.avgPool2dBackward(c.shape(), g, c.p()),
                    ref.avgPool2dBackward(c.shape(), g, c.p()), ref.avgPool2dBackward(c.shape(), VectorCompare.abs(g), c.p()), k);
        });
    }

    @Test
    void oneDimensionalPoolsThroughTheDefaults() {
        qt().withExamples(80).forAll(maxCases(), avgCases()).checkAssert((m, a) -> {
            MaxPool2dParams mp = m.p();
            MaxPool1dParams p1 = new MaxPool1dParams(mp.kernelW(), mp.strideW(), mp.paddingW(), mp.dilationW(), mp.ceilMode());
            int[] s1 = {m.shape()[0], m.shape()[1], m.shape()[3]};
            Ops v = Stride.vector(m.threads());
            Tensor x = VectorCompare.values(m.seed(), m.specials(), s1);
            MaxPoolResult expected = ref.maxPool1dWithIndices(x, p1);
            VectorCompare.exact("max_pool1d", m, v.maxPool1d(x, p1), expected.output());
            assertArrayEquals(expected.indices(), v.maxPool1dWithIndices(x, p1).indices(), "1-D indices of " + m);
            AvgPool2dParams ap = a.p();
            AvgPool1dParams q1 = new AvgPool1dParams(ap.kernelW(), ap.strideW(), ap.paddingW(), ap.ceilMode(),
                    ap.countIncludePad(), ap.divisorOverride());
            int[] t1 = {a.shape()[0], a.shape()[1], a.shape()[3]};
            Tensor y = VectorCompare.values(a.seed(), a.specials(), t1);
            VectorCompare.sums("avg_pool1d", a, v.avgPool1d(y, q1), ref.avgPool1d(y, q1),
                    ref.avgPool1d(VectorCompare.abs(y), q1), ap.kernelW() + 1);
        });
    }

    @Test
    void adaptivePoolsAgree() {
        qt().withExamples(120).forAll(adaptiveCases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
            long k = (long) c.shape()[2] * c.shape()[3] + 1;
            VectorCompare.sums("adaptive_avg_pool2d", c, v.adaptiveAvgPool2d(x, c.p()), ref.adaptiveAvgPool2d(x, c.p()),
                    ref.adaptiveAvgPool2d(VectorCompare.abs(x), c.p()), k);
            MaxPoolResult expected = ref.adaptiveMaxPool2d(x, c.p());
            MaxPoolResult actual = v.adaptiveMaxPool2d(x, c.p());
            VectorCompare.exact("adaptive_max_pool2d", c, actual.output(), expected.output());
            assertArrayEquals(expected.indices(), actual.indices(), "adaptive max indices of " + c);
            Tensor g = PoolGen.values(c.seed() + 1, c.p().outputShape(c.shape()));
            VectorCompare.sums("adaptive_avg_pool2d backward", c, v.adaptiveAvgPool2dBackward(c.shape(), g, c.p()),
                    ref.adaptiveAvgPool2dBackward(c.shape(), g, c.p()),
                    ref.adaptiveAvgPool2dBackward(c.shape(), VectorCompare.abs(g), c.p()), k);
            Tensor xf = PoolGen.values(c.seed(), c.shape());
            VectorCompare.sums("adaptive_max_pool2d backward", c, v.adaptiveMaxPool2dBackward(xf, g, c.p()),
                    ref.adaptiveMaxPool2dBackward(xf, g, c.p()), ref.adaptiveMaxPool2dBackward(xf, VectorCompare.abs(g), c.p()), k);
        });
    }

    @Test
    void onePixelPlanes() {
        Ops v = Stride.vector(2);
        Tensor x = VectorCompare.values(5, true, 2, 3, 1, 1);
        VectorCompare.exact("max 1x1", "1x1", v.maxPool2d(x, MaxPool2dParams.of(1)), ref.maxPool2d(x, MaxPool2dParams.of(1)));
        AvgPool2dParams ap = new AvgPool2dParams(3, 3, 2, 2, 1, 1, true, false, 0);
        VectorCompare.sums("avg 1x1 in padding", "1x1", v.avgPool2d(x, ap), ref.avgPool2d(x, ap), ref.avgPool2d(VectorCompare.abs(x), ap), 10);
        VectorCompare.exact("global max 1x1", "1x1", v.adaptiveMaxPool2d(x, AdaptivePool2dParams.global()).output(),
                ref.adaptiveMaxPool2d(x, AdaptivePool2dParams.global()).output());
    }

    /**
     * Average pooling's NaN results are the one canonical NaN (its kernels' documented rule, so that
     * payloads cannot change with the JIT's operand order): windows holding +inf and -inf give the x86
     * default NaN (sign bit set) before canonicalisation. Width 32 reaches the 2x2/2 kernel's flat loop.
     */
    @Test
    void avgPoolNaNsAreCanonical() {
        Tensor x = VectorCompare.values(7, false, 2, 2, 6, 32);
        float[] d = x.data();
        for (int plane = 0; plane < 4; plane++) {
            for (int wy = 0; wy < 3; wy++) {
                for (int wx = 0; wx < 16; wx += 3) { // +inf and -inf in every third 2x2 window
                    int at = plane * 6 * 32 + 2 * wy * 32 + 2 * wx;
                    d[at] = Float.POSITIVE_INFINITY;
                    d[at + 32 + 1] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        for (AvgPool2dParams p : new AvgPool2dParams[] {AvgPool2dParams.of(2, 2, 0), new AvgPool2dParams(3, 2, 1, 2, 1, 0, true, false, 0)}) {
            float[] o = Stride.vector(2).avgPool2d(x, p).data();
            int nans = 0;
            for (int i = 0; i < o.length; i++) {
                if (o[i] != o[i]) {
                    nans++;
                    if (Float.floatToRawIntBits(o[i]) != Float.floatToRawIntBits(Float.NaN)) {
                        throw new AssertionError("output " + i + " is NaN 0x" + Integer.toHexString(Float.floatToRawIntBits(o[i])) + " for " + p);
                    }
                }
            }
            if (nans == 0) throw new AssertionError("no NaN output for " + p + ": the input does not test the rule");
        }
    }

    @Test
    void invalidInputsNameTheParameter() {
        Ops v = Stride.vector(1);
        Tensor x3 = Tensor.zeros(1, 2, 5);
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        assertThrowsNaming("NCHW", () -> v.maxPool2d(x3, MaxPool2dParams.of(2)));
        assertThrowsNaming("input", () -> v.avgPool2d(null, AvgPool2dParams.of(2)));
        assertThrowsNaming("grad_output", () -> v.maxPool2dBackward(x, Tensor.zeros(1, 1, 3, 3), MaxPool2dParams.of(2)));
        assertThrowsNaming("grad_output", () -> v.avgPool2dBackward(new int[] {1, 1, 4, 4}, Tensor.zeros(1, 1, 1, 1), AvgPool2dParams.of(2)));
        assertThrowsNaming("height", () -> v.maxPool2d(x, MaxPool2dParams.of(5, 1, 0)));
        assertThrowsNaming("grad_output", () -> v.adaptiveAvgPool2dBackward(new int[] {1, 1, 4, 4}, Tensor.zeros(1, 1, 2, 2),
                AdaptivePool2dParams.global()));
    }

    private static void assertThrowsNaming(String name, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        if (!ex.getMessage().contains(name)) throw new AssertionError("message '" + ex.getMessage() + "' does not name " + name);
    }
}
