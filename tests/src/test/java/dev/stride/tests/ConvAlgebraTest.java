package dev.stride.tests;

import static dev.stride.tests.ConvCaseGen.absDot;
import static dev.stride.tests.ConvCaseGen.axpby;
import static dev.stride.tests.ConvCaseGen.between;
import static dev.stride.tests.ConvCaseGen.dot;
import static dev.stride.tests.ConvCaseGen.seeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.tests.ConvCaseGen.Conv2dCase;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Algebraic laws of convolution on generated cases: linearity in input and in weight, the one-hot kernel
 * as identity, translation equivariance away from borders, groups as stacked independent convolutions,
 * and conv_transpose2d as the adjoint of conv2d.
 */
class ConvAlgebraTest {
    private static final Ops REF = Stride.reference();

    private static void assertClose(Tensor expected, Tensor actual, Object what) {
        assertArrayEquals(expected.shape(), actual.shape(), what::toString);
        assertTrue(actual.allClose(expected, 1e-4f, 1e-4f), () -> what + " max diff " + actual.maxAbsDiff(expected));
    }

    /** conv(a*x1 + b*x2) = a*conv(x1) + b*conv(x2) without bias, in every padding mode (padding copies values). */
    @Test
    void linearInInput() {
        qt().withExamples(150).forAll(ConvCaseGen.conv2d(), between(-3, 3), between(-3, 3)).checkAssert((c, a, b) -> {
            Conv2dParams p = withoutBias(c.params());
            Tensor x1 = c.input(), x2 = Tensor.uniform(c.seed() + 10L, -1, 1, c.inputShape()), w = c.weight();
            Tensor lhs = REF.conv2d(axpby(a, x1, b, x2), w, null, p);
            Tensor rhs = axpby(a, REF.conv2d(x1, w, null, p), b, REF.conv2d(x2, w, null, p));
            assertClose(rhs, lhs, c);
        });
    }

    /** conv(x; a*w1 + b*w2) = a*conv(x; w1) + b*conv(x; w2). */
    @Test
    void linearInWeight() {
        qt().withExamples(150).forAll(ConvCaseGen.conv2d(), between(-3, 3), between(-3, 3)).checkAssert((c, a, b) -> {
            Conv2dParams p = withoutBias(c.params());
            Tensor x = c.input(), w1 = c.weight(), w2 = Tensor.uniform(c.seed() + 10L, -1, 1, p.weightShape());
            Tensor lhs = REF.conv2d(x, axpby(a, w1, b, w2), null, p);
            Tensor rhs = axpby(a, REF.conv2d(x, w1, null, p), b, REF.conv2d(x, w2, null, p));
            assertClose(rhs, lhs, c);
        });
    }

    /** The bias adds its channel's value to every output cell of that channel. */
    @Test
    void biasAddsPerChannel() {
        qt().withExamples(100).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            if (!c.params().bias()) return;
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Tensor with = REF.conv2d(x, w, b, c.params()), without = REF.conv2d(x, w, null, withoutBias(c.params()));
            int[] s = with.shape();
            for (int n = 0; n < s[0]; n++)
                for (int o = 0; o < s[1]; o++)
                    for (int y = 0; y < s[2]; y++)
                        for (int xx = 0; xx < s[3]; xx++)
                            assertEquals(without.get(n, o, y, xx) + b.get(o), with.get(n, o, y, xx), 1e-5, c::toString);
        });
    }

    /**
     * A kernel that is 1 at tap (a, b) and 0 elsewhere, padded by {@code a*dilation} before and the rest
     * after, reproduces the input exactly in every padding mode (each output reads exactly its own cell).
     */
    @Test
    void oneHotKernelIsIdentity() {
        qt().withExamples(150).forAll(ConvCaseGen.conv2d(), ConvCaseGen.modes()).checkAssert((c, mode) -> {
            Conv2dParams g = c.params();
            int channels = g.inChannels(), perGroup = channels / g.groups();
            int a = Math.floorMod(c.seed(), g.kernelH()), b = Math.floorMod(c.seed() / 7, g.kernelW());
            Padding2d pad = new Padding2d(a * g.dilationH(), (g.kernelH() - 1 - a) * g.dilationH(),
                    b * g.dilationW(), (g.kernelW() - 1 - b) * g.dilationW());
            int h = Math.max(c.inputShape()[2], ConvCaseGen.smallestInput(g.kernelH(), g.dilationH(), pad.top(), pad.bottom(), mode));
            int w = Math.max(c.inputShape()[3], ConvCaseGen.smallestInput(g.kernelW(), g.dilationW(), pad.left(), pad.right(), mode));
            Conv2dParams p = new Conv2dParams(channels, channels, g.kernelH(), g.kernelW(), 1, 1, pad, mode,
                    g.dilationH(), g.dilationW(), g.groups(), false);
            Tensor weight = Tensor.zeros(p.weightShape());
            for (int o = 0; o < channels; o++) weight.set(1f, o, o % perGroup, a, b);
            Tensor x = Tensor.uniform(c.seed(), -1, 1, c.inputShape()[0], channels, h, w);
            Tensor y = REF.conv2d(x, weight, null, p);
            assertTrue(y.bitwiseEquals(x), () -> p + " tap " + a + "," + b + " max diff " + y.maxAbsDiff(x));
        });
    }

    /**
     * Stride 1, no padding: shifting the input down/right by (dy, dx) shifts the output by the same amount
     * wherever the shifted window stays inside the copied part (the vacated border holds unrelated values).
     */
    @Test
    void stride1CommutesWithTranslationAwayFromBorders() {
        qt().withExamples(150).forAll(ConvCaseGen.conv2d(Generate.constant(PaddingMode.ZEROS)), between(0, 2), between(0, 2))
            .checkAssert((c, dy, dx) -> {
                Conv2dParams g = c.params();
                Conv2dParams p = new Conv2dParams(g.inChannels(), g.outChannels(), g.kernelH(), g.kernelW(), 1, 1,
                        Padding2d.of(0), PaddingMode.ZEROS, g.dilationH(), g.dilationW(), g.groups(), g.bias());
                int[] s = c.inputShape();
                int h = s[2] + p.effectiveKernelH() + dy, w = s[3] + p.effectiveKernelW() + dx;
                Tensor x = Tensor.uniform(c.seed(), -1, 1, s[0], s[1], h, w);
                Tensor shifted = Tensor.uniform(c.seed() + 5L, -1, 1, s[0], s[1], h, w);
                for (int n = 0; n < s[0]; n++)
                    for (int ch = 0; ch < s[1]; ch++)
                        for (int r = dy; r < h; r++)
                            for (int q = dx; q < w; q++) shifted.set(x.get(n, ch, r - dy, q - dx), n, ch, r, q);
                Tensor wt = c.weight(), b = c.bias();
                Tensor y = REF.conv2d(x, wt, b, p), ys = REF.conv2d(shifted, wt, b, p);
                int[] o = y.shape();
                for (int n = 0; n < o[0]; n++)
                    for (int ch = 0; ch < o[1]; ch++)
                        for (int r = dy; r < o[2]; r++)
                            for (int q = dx; q < o[3]; q++)
                                assertEquals(y.get(n, ch, r - dy, q - dx), ys.get(n, ch, r, q), 0f, c::toString);
            });
    }

    /** With circular 'same' padding at stride 1, a circular shift of the input circularly shifts the output, everywhere. */
    @Test
    void circularSameConvCommutesWithCircularShift() {
        qt().withExamples(100).forAll(between(1, 3), between(1, 3), between(0, 4), seeds()).checkAssert((k, dil, shift, seed) -> {
            int h = dil * (k - 1) + 2, w = dil * (k - 1) + 3;
            Conv2dParams p = Conv2dParams.builder(2, 2, k).same().dilation(dil).paddingMode(PaddingMode.CIRCULAR).build();
            Tensor x = Tensor.uniform(seed, -1, 1, 1, 2, h, w);
            Tensor wt = Tensor.uniform(seed + 1L, -1, 1, p.weightShape()), b = Tensor.uniform(seed + 2L, -1, 1, 2);
            Tensor rolled = Tensor.zeros(x.shape());
            for (int ch = 0; ch < 2; ch++)
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < w; q++)
                        rolled.set(x.get(0, ch, r, q), 0, ch, (r + shift) % h, (q + 2 * shift) % w);
            Tensor y = REF.conv2d(x, wt, b, p), yr = REF.conv2d(rolled, wt, b, p);
            for (int ch = 0; ch < 2; ch++)
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < w; q++)
                        assertEquals(y.get(0, ch, r, q), yr.get(0, ch, (r + shift) % h, (q + 2 * shift) % w), 0f);
        });
    }

    /** A grouped convolution equals one ungrouped convolution per group, on that group's channels, stacked. */
    @Test
    void groupedConvEqualsPerGroupConvsStacked() {
        qt().withExamples(100).forAll(ConvCaseGen.conv2d(), between(2, 3)).checkAssert((c, groups) -> {
            Conv2dParams g = c.params();
            int inPer = g.inChannels() / g.groups(), outPer = g.outChannels() / g.groups();
            Conv2dParams p = new Conv2dParams(inPer * groups, outPer * groups, g.kernelH(), g.kernelW(), g.strideH(),
                    g.strideW(), g.padding(), g.paddingMode(), g.dilationH(), g.dilationW(), groups, g.bias());
            int[] s = c.inputShape();
            Tensor x = Tensor.uniform(c.seed(), -1, 1, s[0], p.inChannels(), s[2], s[3]);
            Tensor w = Tensor.uniform(c.seed() + 1L, -1, 1, p.weightShape());
            Tensor b = p.bias() ? Tensor.uniform(c.seed() + 2L, -1, 1, p.outChannels()) : null;
            Tensor y = REF.conv2d(x, w, b, p);
            Conv2dParams single = new Conv2dParams(inPer, outPer, g.kernelH(), g.kernelW(), g.strideH(), g.strideW(),
                    g.padding(), g.paddingMode(), g.dilationH(), g.dilationW(), 1, g.bias());
            for (int grp = 0; grp < groups; grp++) {
                Tensor xg = sliceChannels(x, grp * inPer, inPer);
                Tensor wg = sliceRows(w, grp * outPer, outPer);
                Tensor bg = b == null ? null : Tensor.of(java.util.Arrays.copyOfRange(b.data(), grp * outPer, (grp + 1) * outPer), outPer);
                Tensor yg = REF.conv2d(xg, wg, bg, single);
                Tensor expected = sliceChannels(y, grp * outPer, outPer);
                assertTrue(yg.bitwiseEquals(expected), () -> c + " groups " + groups);
            }
        });
    }

    /** Channels {@code [first, first+count)} of an NCHW tensor, as a new tensor. */
    private static Tensor sliceChannels(Tensor t, int first, int count) {
        int[] s = t.shape();
        Tensor out = Tensor.zeros(s[0], count, s[2], s[3]);
        int plane = s[2] * s[3];
        for (int n = 0; n < s[0]; n++) {
            System.arraycopy(t.data(), (n * s[1] + first) * plane, out.data(), n * count * plane, count * plane);
        }
        return out;
    }

    /** Rows {@code [first, first+count)} along the first axis, as a new tensor. */
    private static Tensor sliceRows(Tensor t, int first, int count) {
        int[] s = t.shape();
        int row = t.size() / s[0];
        s[0] = count;
        return Tensor.of(java.util.Arrays.copyOfRange(t.data(), first * row, (first + count) * row), s);
    }

    /**
     * {@code <conv2d(x), y> = <x, conv_transpose2d(y)>} with the same weight, stride, padding, dilation and
     * groups, and the output_padding that makes conv_transpose2d's output the size of x.
     */
    @Test
    void convTransposeIsAdjointOfConv() {
        qt().withExamples(150).forAll(ConvCaseGen.conv2d(Generate.constant(PaddingMode.ZEROS), true)).checkAssert(c -> {
            Conv2dParams p = withoutBias(c.params());
            int[] s = c.inputShape();
            int[] o = p.outputShape(s);
            int opH = (s[2] + 2 * p.padding().top() - p.effectiveKernelH()) % p.strideH();
            int opW = (s[3] + 2 * p.padding().left() - p.effectiveKernelW()) % p.strideW();
            ConvTranspose2dParams t = new ConvTranspose2dParams(p.outChannels(), p.inChannels(), p.kernelH(), p.kernelW(),
                    p.strideH(), p.strideW(), p.padding().top(), p.padding().left(), opH, opW, p.dilationH(),
                    p.dilationW(), p.groups(), false);
            Tensor x = c.input(), w = c.weight(), y = Tensor.uniform(c.seed() + 3L, -1, 1, o);
            Tensor convX = REF.conv2d(x, w, null, p);
            Tensor convTY = REF.convTranspose2d(y, w, null, t);
            assertArrayEquals(s, convTY.shape(), c::toString);
            double lhs = dot(convX, y), rhs = dot(x, convTY);
            double scale = absDot(convX, y) + absDot(x, convTY) + 1;
            assertEquals(lhs, rhs, 1e-6 * scale, c::toString);
        });
    }

    static Conv2dParams withoutBias(Conv2dParams p) {
        return new Conv2dParams(p.inChannels(), p.outChannels(), p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                p.padding(), p.paddingMode(), p.dilationH(), p.dilationW(), p.groups(), false);
    }
}
