package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Conv1dParams;
import dev.stride.core.Conv2dPlan;
import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.reference.ConvReference;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The vectorized convolution ({@code Stride.vector(threads)}, threads 1 or 2) against
 * {@link ConvReference}: conv2d, conv1d and conv_transpose2d, forward and every backward, over
 * generated shapes: channel counts per group that are and are not multiples of 16, depthwise and
 * in-between groups, widths around the micro-tile's 48 columns, 1x1 images, kernels wider than the
 * input with padding, stride larger than the kernel, dilation, every padding mode, batch 1..4.
 *
 * <p>Error bound, element-wise: {@code |y - ref| <= 8 * K * 2^-24 * sum(|w||x|)} over the K terms of
 * that output (see {@link ErrorBound}). K is {@code cg*kH*kW + 1} for a forward output (the +1 is the
 * bias), {@code 4*mg*kH*kW} for an input-gradient cell (padding modes can fold at most two taps per
 * axis onto one cell), {@code batch*outH*outW} for weight- and bias-gradient entries.
 *
 * <p>{@link Conv2dPlan}'s fused relu / leaky_relu epilogue is checked the same way.
 *
 * <p>The suite also runs with the width forced to 0, 128 and 256 bits (tests/pom.xml).
 */
class ConvVectorPropertyTest {
    private static final int EXAMPLES = 40;

    /** Channels per group: small, around 16, not multiples of 8. */
    private static final List<Integer> CHANNELS = List.of(1, 2, 3, 5, 8, 16, 17, 24);

    record Case(Conv2dParams params, int[] inputShape, int seed, int threads) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        Tensor gradOutput() { return Tensor.uniform(seed + 3L, -1, 1, params.outputShape(inputShape)); }
        @Override public String toString() {
            return params + " input " + Arrays.toString(inputShape) + " seed " + seed + " threads " + threads;
        }
    }

    record TransposeCase(ConvTranspose2dParams params, int[] inputShape, int seed, int threads) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        Tensor gradOutput() { return Tensor.uniform(seed + 3L, -1, 1, params.outputShape(inputShape)); }
        @Override public String toString() {
            return params + " input " + Arrays.toString(inputShape) + " seed " + seed + " threads " + threads;
        }
    }

    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    /**
     * Either many channels on a small image or few channels on a wide one (so the reference stays fast),
     * with groups 1..4 (depthwise when one input channel per group).
     */
    static Gen<Case> cases() {
        return in -> {
            boolean wide = Generate.booleans().generate(in);
            int groups = between(1, 4).generate(in);
            boolean depthwise = groups > 1 && Generate.booleans().generate(in);
            int cg = depthwise ? 1 : wide ? between(1, 3).generate(in) : Generate.pick(CHANNELS).generate(in);
            int mg = wide ? between(1, 3).generate(in) : Generate.pick(CHANNELS).generate(in);
            if (groups > 2 && !depthwise) cg = Math.min(cg, 5);
            // One case in four is pointwise (1x1, stride 1, no padding: the GEMM reads the input in place).
            boolean pointwise = between(0, 3).generate(in) == 0;
            int kh = pointwise ? 1 : between(1, 5).generate(in), kw = pointwise ? 1 : between(1, 5).generate(in);
            int sh = pointwise ? 1 : between(1, 3).generate(in), sw = pointwise ? 1 : between(1, 3).generate(in);
            int dh = between(1, 3).generate(in), dw = between(1, 3).generate(in);
            PaddingMode mode = ConvCaseGen.modes().generate(in);
            Padding2d pad = pointwise ? Padding2d.of(0) : new Padding2d(between(0, 3).generate(in),
                    between(0, 3).generate(in), between(0, 3).generate(in), between(0, 3).generate(in));
            int h = ConvCaseGen.smallestInput(kh, dh, pad.top(), pad.bottom(), mode) + between(0, wide ? 12 : 3).generate(in);
            int w = ConvCaseGen.smallestInput(kw, dw, pad.left(), pad.right(), mode) + between(0, wide ? 60 : 4).generate(in);
            int batch = between(1, wide ? 2 : 4).generate(in);
            Conv2dParams p = new Conv2dParams(groups * cg, groups * mg, kh, kw, sh, sw, pad, mode, dh, dw, groups,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {batch, groups * cg, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in));
        };
    }

    static Gen<TransposeCase> transposeCases() {
        return in -> {
            int groups = between(1, 3).generate(in);
            int cin = Generate.pick(CHANNELS).generate(in), cout = between(1, 17).generate(in);
            int kh = between(1, 4).generate(in), kw = between(1, 4).generate(in);
            int sh = between(1, 3).generate(in), sw = between(1, 3).generate(in);
            int dh = between(1, 2).generate(in), dw = between(1, 2).generate(in);
            int ph = between(0, 2).generate(in), pw = between(0, 2).generate(in);
            int oph = between(0, Math.max(sh, dh) - 1).generate(in), opw = between(0, Math.max(sw, dw) - 1).generate(in);
            int h = smallestTransposeInput(kh, sh, ph, oph, dh) + between(0, 4).generate(in);
            int w = smallestTransposeInput(kw, sw, pw, opw, dw) + between(0, 20).generate(in);
            ConvTranspose2dParams p = new ConvTranspose2dParams(groups * cin, groups * cout, kh, kw, sh, sw, ph, pw,
                    oph, opw, dh, dw, groups, Generate.booleans().generate(in));
            return new TransposeCase(p, new int[] {between(1, 3).generate(in), groups * cin, h, w},
                    ConvCaseGen.seeds().generate(in), between(1, 2).generate(in));
        };
    }

    private static int smallestTransposeInput(int k, int s, int p, int op, int d) {
        for (int in = 1; ; in++) if ((in - 1) * s - 2 * p + d * (k - 1) + op + 1 >= 1) return in;
    }

    @Test
    void conv2dForwardWithinBound() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Tensor y = Stride.vector(c.threads()).conv2d(x, w, b, p);
            Tensor ref = ConvReference.conv2d(x, w, b, p);
            Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("conv2d", c, y, ref, sums, (long) p.inChannels() / p.groups() * p.kernelH() * p.kernelW() + 1);
        });
    }

    @Test
    void conv2dBackwardWithinBound() {
        qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), g = c.gradOutput();
            ConvGradients v = Stride.vector(c.threads()).conv2dBackward(x, w, g, p);
            ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
            ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            int[] out = p.outputShape(c.inputShape());
            long positions = (long) out[0] * out[2] * out[3];
            ErrorBound.check("conv2d grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(),
                    4L * (p.outChannels() / p.groups()) * p.kernelH() * p.kernelW());
            ErrorBound.check("conv2d grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(), positions);
            if (p.bias()) ErrorBound.check("conv2d grad_bias", c, v.gradBias(), r.gradBias(), s.gradBias(), positions);
            else assertTrue(v.gradBias() == null, "grad_bias must be null without bias");
        });
    }

    @Test
    void conv1dForwardAndBackwardWithinBound() {
        Gen<Conv1dParams> params = in -> {
            int groups = between(1, 3).generate(in);
            int k = between(1, 5).generate(in), d = between(1, 3).generate(in);
            PaddingMode mode = ConvCaseGen.modes().generate(in);
            return new Conv1dParams(groups * Generate.pick(CHANNELS).generate(in), groups * between(1, 9).generate(in),
                    k, between(1, 3).generate(in), between(0, 3).generate(in), between(0, 3).generate(in), mode, d,
                    groups, Generate.booleans().generate(in));
        };
        qt().withExamples(EXAMPLES / 2).forAll(params, between(0, 50), ConvCaseGen.seeds()).checkAssert((p, extra, seed) -> {
            int len = ConvCaseGen.smallestInput(p.kernel(), p.dilation(), p.padLeft(), p.padRight(), p.paddingMode()) + extra;
            Tensor x = Tensor.uniform(seed, -1, 1, 2, p.inChannels(), len);
            Tensor w = Tensor.uniform(seed + 1L, -1, 1, p.weightShape());
            Tensor b = p.bias() ? Tensor.uniform(seed + 2L, -1, 1, p.outChannels()) : null;
            Ops ref = Stride.reference(), vec = Stride.vector(2);
            String what = p + " length " + len;
            Tensor sums = ref.conv1d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("conv1d", what, vec.conv1d(x, w, b, p), ref.conv1d(x, w, b, p), sums,
                    (long) p.inChannels() / p.groups() * p.kernel() + 1);
            Tensor g = Tensor.uniform(seed + 3L, -1, 1, p.outputShape(x.shape()));
            ConvGradients v = vec.conv1dBackward(x, w, g, p), r = ref.conv1dBackward(x, w, g, p);
            ConvGradients s = ref.conv1dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            ErrorBound.check("conv1d grad_input", what, v.gradInput(), r.gradInput(), s.gradInput(),
                    4L * (p.outChannels() / p.groups()) * p.kernel());
            ErrorBound.check("conv1d grad_weight", what, v.gradWeight(), r.gradWeight(), s.gradWeight(),
                    2L * g.dim(2));
        });
    }

    @Test
    void convTranspose2dForwardAndBackwardWithinBound() {
        qt().withExamples(EXAMPLES).forAll(transposeCases()).checkAssert(c -> {
            ConvTranspose2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), b = c.bias(), g = c.gradOutput();
            Ops vec = Stride.vector(c.threads());
            long taps = (long) p.kernelH() * p.kernelW();
            Tensor sums = ConvReference.convTranspose2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("conv_transpose2d", c, vec.convTranspose2d(x, w, b, p),
                    ConvReference.convTranspose2d(x, w, b, p), sums, p.inChannels() / p.groups() * taps + 1);
            ConvGradients v = vec.convTranspose2dBackward(x, w, g, p), r = ConvReference.convTranspose2dBackward(x, w, g, p);
            ConvGradients s = ConvReference.convTranspose2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            int[] in = c.inputShape(), out = p.outputShape(in);
            ErrorBound.check("conv_transpose2d grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(),
                    p.outChannels() / p.groups() * taps);
            ErrorBound.check("conv_transpose2d grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(),
                    (long) in[0] * in[2] * in[3]);
            if (p.bias()) ErrorBound.check("conv_transpose2d grad_bias", c, v.gradBias(), r.gradBias(), s.gradBias(),
                    (long) out[0] * out[2] * out[3]);
        });
    }

    /**
     * {@link Conv2dPlan} with a fused relu or leaky_relu(0.2) equals the activation of the reference conv
     * within the same bound (both activations are monotone with slope at most 1).
     */
    @Test
    void plannedConvWithFusedActivationWithinBound() {
        qt().withExamples(EXAMPLES / 2).forAll(cases(), Generate.booleans()).checkAssert((c, leaky) -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Activation a = leaky ? Activation.leakyRelu(0.2f) : Activation.relu();
            Conv2dPlan plan = Conv2dPlan.of(p, c.inputShape(), a, c.threads());
            Tensor ref = ConvReference.conv2d(x, w, b, p).copy();
            float[] r = ref.data();
            for (int i = 0; i < r.length; i++) if (r[i] < 0) r[i] = leaky ? 0.2f * r[i] : 0f;
            Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("conv2d+" + a.kind() + " (" + plan.algorithm() + ")", c, plan.forward(x, w, b), ref, sums,
                    (long) p.inChannels() / p.groups() * p.kernelH() * p.kernelW() + 1);
        });
    }

    /**
     * Reductions longer than the GEMM's K block (768), which are summed in blocks: 3x3 convs over 100
     * channels (K = 900) on the strided im2col and the stride-1 implicit paths, with bias, and their
     * backward (the input gradient of the stride-1 case sums 900 terms as well, through the full conv).
     */
    @Test
    void longReductionsWithinBound() {
        List<Conv2dParams> params = List.of(
                Conv2dParams.builder(100, 20, 3).stride(2).padding(1).build(),
                Conv2dParams.builder(100, 100, 3).padding(1).paddingMode(PaddingMode.REPLICATE).build());
        int seed = 77;
        for (Conv2dParams p : params) {
            Case c = new Case(p, new int[] {2, 100, 7, 9}, seed++, 2);
            Tensor x = c.input(), w = c.weight(), b = c.bias(), g = c.gradOutput();
            Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("conv2d", c, Stride.vector(2).conv2d(x, w, b, p), ConvReference.conv2d(x, w, b, p), sums,
                    100L * 9 + 1);
            ConvGradients v = Stride.vector(2).conv2dBackward(x, w, g, p), r = ConvReference.conv2dBackward(x, w, g, p);
            ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            int[] out = p.outputShape(c.inputShape());
            ErrorBound.check("conv2d grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(), 4L * p.outChannels() * 9);
            ErrorBound.check("conv2d grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(), 2L * out[2] * out[3]);
        }
    }

    @Test
    void invalidInputsNameTheParameter() {
        Ops vec = Stride.vector(2);
        Conv2dParams p = Conv2dParams.builder(4, 6, 3).padding(1).groups(2).build();
        Tensor x = Tensor.zeros(1, 4, 5, 5), w = Tensor.zeros(6, 2, 3, 3), b = Tensor.zeros(6);
        assertMessage(() -> vec.conv2d(x, Tensor.zeros(6, 4, 3, 3), b, p), "weight");
        assertMessage(() -> vec.conv2d(x, w, Tensor.zeros(5), p), "bias");
        assertMessage(() -> vec.conv2d(x, w, null, p), "bias");
        assertMessage(() -> vec.conv2d(Tensor.zeros(1, 3, 5, 5), w, b, p), "channels");
        assertMessage(() -> Conv2dParams.builder(3, 6, 3).groups(2).build(), "in_channels");
        assertMessage(() -> vec.conv2dBackward(x, w, Tensor.zeros(1, 6, 4, 4), p), "grad_output");
        ConvTranspose2dParams t = ConvTranspose2dParams.of(4, 6, 3);
        assertMessage(() -> vec.convTranspose2d(Tensor.zeros(1, 4, 3, 3), Tensor.zeros(6, 4, 3, 3), b, t), "weight");
        assertMessage(() -> Conv2dPlan.of(p, new int[] {1, 4, 5, 5}, Activation.sigmoid(), 1), "activation");
        assertMessage(() -> Conv2dPlan.of(p, 1, 4, 5, 5).forward(Tensor.zeros(2, 4, 5, 5), w, b), "input shape");
        assertMessage(() -> vec.convTranspose2dBackward(Tensor.zeros(1, 4, 3, 3), Tensor.zeros(4, 6, 3, 3),
                Tensor.zeros(1, 6, 4, 4), t), "grad_output");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String name) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name), "message '" + ex.getMessage() + "' should name " + name);
    }
}
