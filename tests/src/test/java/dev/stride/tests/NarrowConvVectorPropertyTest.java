package dev.stride.tests;

import dev.stride.tests.DirectConvVectorPropertyTest.Case;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Conv2dPlan;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.internal.VectorSupport;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The direct convolution for few output and input channels on small images ({@code direct_narrow}:
 * LeNet-5's 1 -> 6 5x5 on 28x28 and 6 -> 16 5x5 on 14x14) against the reference, through
 * {@link DirectConvVectorPropertyTest#checkPlanned}: bound {@code 8 * K * 2^-24 * sum(|w||x|)} with
 * {@code K = inChannels*kH*kW + 1}, bias and fused relu / leaky_relu, bitwise the same on 1, 2 and 3
 * threads and equal to {@code Ops.conv2d}.
 *
 * <p>{@link #narrowPathWithinBoundAndDeterministic} generates shapes the path takes (at 512 bits the
 * plan must report {@code direct_narrow}; at the forced widths 0/128/256 the same cases check the
 * fallback): both kernels (5..6 and 10..12 output channels: rows of 6 channels, the last block partly
 * padding; 13..16: one 16-channel vector), 1..8 input channels, kernels 1..7 per axis, strideH 1..2,
 * dilation 1..2, asymmetric padding of every mode (and none: the input read in place), widths with
 * overlapping tails (rows of 26..32 and 52..64 for the row kernel, 10, 19..20, 28..30 for the channel
 * kernel), odd and even heights, batch 1..4. {@link #anyShapeWithinBound} covers the generated space
 * around it (output channels 1..20, strideW 1..2, 1x1 images) whatever path each shape takes.
 */
class NarrowConvVectorPropertyTest {
    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    private static Gen<Integer> pick(Integer... values) { return Generate.pick(java.util.List.of(values)); }

    private static Activation activation(int pick) {
        return pick == 0 ? null : pick == 1 ? Activation.relu() : Activation.leakyRelu(0.1f);
    }

    static Gen<Case> narrowCases() {
        return in -> {
            boolean rows = Generate.booleans().generate(in);
            int cout = rows ? pick(5, 6, 10, 11, 12).generate(in) : between(13, 16).generate(in);
            int outW = rows ? (Generate.booleans().generate(in) ? between(26, 32) : between(52, 64)).generate(in)
                    : pick(10, 19, 20, 28, 29, 30).generate(in);
            int cin = between(1, 8).generate(in);
            int kh = between(1, 7).generate(in), kw = between(1, 7).generate(in);
            boolean dilate = between(0, 3).generate(in) == 0;
            int dh = dilate ? between(1, 2).generate(in) : 1, dw = dilate ? between(1, 2).generate(in) : 1;
            int sh = between(1, 2).generate(in);
            boolean pads = Generate.booleans().generate(in);
            PaddingMode mode = !pads || between(0, 1).generate(in) == 0 ? PaddingMode.ZEROS : ConvCaseGen.modes().generate(in);
            Padding2d pad = pads ? new Padding2d(between(0, 3).generate(in), between(0, 3).generate(in),
                    between(0, 3).generate(in), between(0, 3).generate(in)) : new Padding2d(0, 0, 0, 0);
            // A 1x1 stride-1 unpadded conv is the pointwise GEMM's (the input rows are its operand in place).
            if (kh == 1 && kw == 1 && sh == 1 && !pads) kw = 2;
            int outH = between(2, 7).generate(in);
            int h = Math.max((outH - 1) * sh + dh * (kh - 1) + 1 - pad.top() - pad.bottom(),
                    ConvCaseGen.smallestInput(kh, dh, pad.top(), pad.bottom(), mode)) + between(0, sh - 1).generate(in);
            int w = Math.max(outW + dw * (kw - 1) - pad.left() - pad.right(),
                    ConvCaseGen.smallestInput(kw, dw, pad.left(), pad.right(), mode));
            Conv2dParams p = new Conv2dParams(cin, cout, kh, kw, sh, 1, pad, mode, dh, dw, 1, Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 4).generate(in), cin, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in), activation(between(0, 2).generate(in)));
        };
    }

    @Test
    void narrowPathWithinBoundAndDeterministic() {
        qt().withExamples(60).forAll(narrowCases()).checkAssert(c -> {
            int[] out = c.params().outputShape(c.inputShape());
            // The generator aims at the path's shapes; reflect padding wider than the input is rejected earlier.
            assertTrue(out[3] >= 10 && out[2] >= 2, "generated output " + java.util.Arrays.toString(out) + " for " + c);
            DirectConvVectorPropertyTest.checkPlanned(c, "direct_narrow");
        });
    }

    static Gen<Case> anyCases() {
        return in -> {
            int cin = between(1, 8).generate(in), cout = between(1, 20).generate(in);
            int kh = between(1, 7).generate(in), kw = between(1, 7).generate(in);
            int sh = between(1, 2).generate(in), sw = between(1, 2).generate(in);
            Padding2d pad = new Padding2d(between(0, 3).generate(in), between(0, 3).generate(in),
                    between(0, 3).generate(in), between(0, 3).generate(in));
            boolean tiny = between(0, 4).generate(in) == 0;
            int h = tiny ? 1 : between(1, 12).generate(in), w = tiny ? 1 : between(1, 40).generate(in);
            // Kernels larger than the padded image are invalid: shrink them to fit.
            kh = Math.max(1, Math.min(kh, h + pad.top() + pad.bottom()));
            kw = Math.max(1, Math.min(kw, w + pad.left() + pad.right()));
            Conv2dParams p = new Conv2dParams(cin, cout, kh, kw, sh, sw, pad, PaddingMode.ZEROS, 1, 1, 1,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 4).generate(in), cin, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in), activation(between(0, 2).generate(in)));
        };
    }

    @Test
    void anyShapeWithinBound() {
        qt().withExamples(80).forAll(anyCases()).checkAssert(c -> {
            String algorithm = Conv2dPlan.of(c.params(), c.inputShape(), c.activation(), 1).algorithm();
            DirectConvVectorPropertyTest.checkPlanned(c, algorithm);
        });
    }

    /** Shapes whose 2x2 max pool the narrow path takes in its pass: relu, even output sizes, rows of 26..32 or 10..30. */
    static Gen<Case> poolCases() {
        return in -> {
            boolean rows = Generate.booleans().generate(in);
            int cout = rows ? pick(5, 6, 10, 11, 12).generate(in) : between(13, 16).generate(in);
            int outW = rows ? pick(26, 28, 30, 32).generate(in) : pick(10, 20, 28, 30).generate(in);
            // The channel kernel pools whole images: at least 16 pooled pixels (5-wide pooled rows need 4 of them).
            int outH = 2 * between(rows ? 1 : outW == 10 ? 4 : 2, 4).generate(in);
            int cin = between(1, 8).generate(in), kh = between(1, 7).generate(in), kw = between(2, 7).generate(in);
            boolean pads = Generate.booleans().generate(in);
            int top = pads ? between(0, 3).generate(in) : 0, bottom = pads ? between(0, 3).generate(in) : 0;
            // An input row at least: less padding below when the kernel is short.
            bottom = Math.max(0, Math.min(bottom, outH + kh - 2 - top));
            top = Math.min(top, outH + kh - 2 - bottom);
            Padding2d pad = new Padding2d(top, bottom, pads ? between(0, 3).generate(in) : 0, pads ? between(0, 3).generate(in) : 0);
            int h = outH + kh - 1 - pad.top() - pad.bottom(), w = outW + kw - 1 - pad.left() - pad.right();
            Conv2dParams p = new Conv2dParams(cin, cout, kh, kw, 1, 1, pad, PaddingMode.ZEROS, 1, 1, 1,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 4).generate(in), cin, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in), Activation.relu());
        };
    }

    /**
     * conv + relu + 2x2 max pool in one pass: {@code out} bitwise as {@link Conv2dPlan#forward}, {@code pooled}
     * bitwise (every NaN one value) as the reference max pool of that output, with and without {@code out},
     * on 1 and 2 threads; at 512 bits the pool is fused (elsewhere the fallback pools afterwards).
     */
    @Test
    void fusedMaxPoolEqualsPoolingTheOutput() {
        qt().withExamples(40).forAll(poolCases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            int[] outShape = p.outputShape(c.inputShape());
            assertTrue(outShape[2] % 2 == 0 && outShape[3] % 2 == 0 && outShape[2] >= 2, "generated " + c);
            Conv2dPlan plan = Conv2dPlan.of(p, c.inputShape(), Activation.relu(), c.threads());
            if (VectorSupport.BITS == 512) assertTrue(plan.fusesMaxPool2x2(), "pool not fused for " + c);
            Tensor y = plan.forward(x, w, b);
            Tensor expected = Stride.reference().maxPool2d(y, MaxPool2dParams.of(2));
            Tensor out = Tensor.zeros(outShape), pooled = Tensor.zeros(expected.shape());
            plan.forwardMaxPool2x2(x, w, b, out, pooled);
            assertTrue(out.bitwiseEquals(y), "out differs from forward: " + c);
            assertTrue(pooled.sameFloats(expected), "pooled differs from max_pool2d(out): " + c);
            Tensor alone = Tensor.zeros(expected.shape());
            Conv2dPlan.of(p, c.inputShape(), Activation.relu(), 3 - c.threads()).forwardMaxPool2x2(x, w, b, null, alone);
            assertTrue(alone.bitwiseEquals(pooled), "pooled without out, other thread count, differs: " + c);
        });
    }

    @Test
    void pooledArgumentsAreChecked() {
        Conv2dParams p = Conv2dParams.builder(1, 6, 5).padding(2).build();
        int[] shape = {2, 1, 28, 28};
        Tensor x = Tensor.uniform(1, -1, 1, shape), w = Tensor.uniform(2, -1, 1, p.weightShape()), b = Tensor.zeros(6);
        Conv2dPlan plan = Conv2dPlan.of(p, shape, Activation.relu(), 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> plan.forwardMaxPool2x2(x, w, b, null, Tensor.zeros(2, 6, 14, 13)));
        assertTrue(e.getMessage().contains("pooled shape [2, 6, 14, 13] must be [2, 6, 14, 14]"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> plan.forwardMaxPool2x2(x, w, b, null, null));
        assertTrue(e.getMessage().contains("pooled"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> plan.forward(x, w, b, Tensor.zeros(2, 6, 28, 27)));
        assertTrue(e.getMessage().startsWith("out shape [2, 6, 28, 27] must be [2, 6, 28, 28]"), e.getMessage());
    }

    /**
     * A plan called again (its zero border kept from the first call, only the input cells copied), also
     * after another padded narrow plan used the thread's buffer in between, gives the bits of a new plan.
     */
    @Test
    void repeatedCallsOfAPaddedPlanAreFresh() {
        qt().withExamples(20).forAll(narrowCases(), narrowCases()).checkAssert((c, other) -> {
            Conv2dParams p = c.params();
            Conv2dPlan plan = Conv2dPlan.of(p, c.inputShape(), c.activation(), 1);
            Tensor w = c.weight(), b = c.bias();
            plan.forward(c.input(), w, b);
            Tensor x2 = Tensor.uniform(c.seed() + 7L, -1, 1, c.inputShape());
            Tensor again = plan.forward(x2, w, b);
            Tensor fresh = Conv2dPlan.of(p, c.inputShape(), c.activation(), 1).forward(x2, w, b);
            assertTrue(again.bitwiseEquals(fresh), "second call differs: " + c);
            Conv2dPlan.of(other.params(), other.inputShape(), other.activation(), 1).forward(other.input(), other.weight(), other.bias());
            Tensor x3 = Tensor.uniform(c.seed() + 8L, -1, 1, c.inputShape());
            Tensor third = plan.forward(x3, w, b);
            assertTrue(third.bitwiseEquals(Conv2dPlan.of(p, c.inputShape(), c.activation(), 1).forward(x3, w, b)),
                    "call after " + other + " differs: " + c);
        });
    }

    /** LeNet-5's two convolutions, batch 16 with relu: the planned path, and the same bits as Ops.conv2d then relu. */
    @Test
    void lenetConvolutionsTakeTheNarrowPath() {
        Conv2dParams c1 = Conv2dParams.builder(1, 6, 5).padding(2).build(), c2 = Conv2dParams.builder(6, 16, 5).build();
        int[][] shapes = {{16, 1, 28, 28}, {16, 6, 14, 14}};
        Conv2dParams[] params = {c1, c2};
        for (int i = 0; i < 2; i++) {
            Conv2dParams p = params[i];
            Tensor x = Tensor.uniform(7 + i, -1, 1, shapes[i]), w = Tensor.uniform(8 + i, -1, 1, p.weightShape());
            Tensor b = Tensor.uniform(9 + i, -1, 1, p.outChannels());
            Conv2dPlan plan = Conv2dPlan.of(p, shapes[i], Activation.relu(), 1);
            if (VectorSupport.BITS == 512) assertEquals("direct_narrow", plan.algorithm(), "LeNet conv " + (i + 1));
            Tensor fused = plan.forward(x, w, b);
            Tensor plain = Stride.vector(1).conv2d(x, w, b, p);
            Tensor relu = Stride.vector(1).activation(plain, Activation.relu());
            assertTrue(fused.bitwiseEquals(relu), "fused relu differs from conv2d then relu, LeNet conv " + (i + 1));
            if (VectorSupport.BITS == 512) assertTrue(plan.fusesMaxPool2x2(), "LeNet conv " + (i + 1) + " pool not fused");
        }
    }
}
