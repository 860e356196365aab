package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.ConvTranspose2dParams;
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
 * conv2d backward on the shapes of the fast backward paths, against {@link ConvReference}: channel
 * counts that are multiples of 16 (the channel-blocked weight gradient at 512 bits, 8 output channels
 * x 3 taps per kernel call, any stride, dilation and padding mode) and that are not (the GEMM paths);
 * kernels 3x3 and others whose taps do and do not split into threes (1x3, 2x2, 3x2, 5x5 and 1x1);
 * strides 1 and 2; symmetric, asymmetric and large padding (stride 1 with zeros padding up to
 * {@code dilation*(k-1)} runs the input gradient as a plain forward conv of the output gradient with
 * padding {@code dilation*(k-1) - pad}; larger padding and the other modes take the full adjoint and
 * fold; with zeros padding, 32k input channels and rows of at least 14 pixels per stride phase the
 * input gradient takes the phase-split direct kernel); batch 1..3; 1 and 2 threads.
 *
 * <p>Error bounds ({@link ErrorBound}: {@code |y - ref| <= 8 * K * 2^-24 * sum|terms|}): grad_weight
 * with {@code K = batch * outH * outW} (its reduction length), grad_input with
 * {@code K = outChannels * kH * kW} (at most that many terms reach one input cell). Results are bitwise
 * identical at 1, 2 and 3 threads, and {@code needInputGradient = false} returns no input gradient and
 * the same weight and bias gradients. Also runs at the forced widths 0, 128 and 256 (tests/pom.xml).
 */
class ConvBackwardBlockedVectorPropertyTest {
    record Case(Conv2dParams params, int[] inputShape, int seed, int threads) {
        @Override public String toString() {
            return params + " input " + Arrays.toString(inputShape) + " seed " + seed + " threads " + threads;
        }
    }

    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    private static final List<int[]> KERNELS = List.of(
            new int[] {3, 3}, new int[] {3, 3}, new int[] {3, 3}, new int[] {1, 3}, new int[] {2, 2},
            new int[] {3, 2}, new int[] {5, 5}, new int[] {1, 1});

    static Gen<Case> cases(Gen<PaddingMode> modes) {
        return in -> {
            boolean blocked = between(0, 3).generate(in) > 0;
            int cin = blocked ? 16 * between(1, 3).generate(in) : between(1, 40).generate(in);
            int cout = blocked ? 16 * between(1, 3).generate(in) : between(1, 40).generate(in);
            int[] k = Generate.pick(KERNELS).generate(in);
            int s = between(1, 2).generate(in);
            int dh = between(1, 2).generate(in), dw = between(1, 2).generate(in);
            PaddingMode mode = modes.generate(in);
            int maxPad = Math.min(k[0], k[1]);
            Padding2d pad = new Padding2d(between(0, maxPad).generate(in), between(0, maxPad).generate(in),
                    between(0, maxPad).generate(in), between(0, maxPad).generate(in));
            int h = ConvCaseGen.smallestInput(k[0], dh, pad.top(), pad.bottom(), mode) + between(0, 5).generate(in);
            // Up to 60 wide: stride-2 phase rows of at least 14 pixels (the direct input-gradient kernel's block).
            int w = ConvCaseGen.smallestInput(k[1], dw, pad.left(), pad.right(), mode) + between(0, blocked ? 60 : 20).generate(in);
            Conv2dParams p = new Conv2dParams(cin, cout, k[0], k[1], s, s, pad, mode, dh, dw, 1,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 3).generate(in), cin, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in));
        };
    }

    @Test
    void zerosPaddingWithinBoundAndDeterministic() {
        qt().withExamples(30).forAll(cases(Generate.constant(PaddingMode.ZEROS))).checkAssert(this::check);
    }

    @Test
    void everyPaddingModeWithinBoundAndDeterministic() {
        qt().withExamples(15).forAll(cases(ConvCaseGen.modes())).checkAssert(this::check);
    }

    /** The design's S1, S4, S6 and S2 shapes on smaller images, and a 5x5 stride-2 layer. */
    @Test
    void designShapes() {
        check(new Case(Conv2dParams.builder(64, 64, 3).padding(1).bias(false).build(), new int[] {3, 64, 13, 17}, 5, 2));
        check(new Case(Conv2dParams.builder(128, 128, 3).stride(2).padding(1).bias(false).build(),
                new int[] {2, 128, 12, 31}, 6, 2));
        check(new Case(Conv2dParams.builder(32, 16, 5).stride(2).padding(2).bias(false).build(), new int[] {1, 32, 9, 44}, 8, 2));
        // S2's 1x1 256->64: the blocked weight gradient takes three input blocks per call (16 columns, 6 groups).
        check(new Case(Conv2dParams.builder(256, 64, 1).bias(true).build(), new int[] {2, 256, 5, 18}, 9, 2));
        check(new Case(Conv2dParams.builder(64, 64, 3).padding(2).dilation(2).bias(false).build(),
                new int[] {1, 64, 11, 19}, 7, 1));
    }

    /**
     * conv_transpose2d's forward is the input gradient of its adjoint conv, so with 32k output channels,
     * 16k input channels and strided rows of at least 14 pixels per phase it runs the phase-split direct
     * kernel, output_padding included: within {@code K = inChannels * kH * kW} of the reference and
     * bitwise the same at 1 and 2 threads; its backward within bound too (grad_input K = outChannels * kH * kW,
     * grad_weight K = batch * H * W of its input).
     */
    @Test
    void transposedConvolutionThroughThePhasedKernel() {
        Gen<int[]> draws = in -> new int[] {between(1, 2).generate(in), between(1, 2).generate(in),
                between(0, 1).generate(in), between(0, 1).generate(in), between(1, 2).generate(in),
                ConvCaseGen.seeds().generate(in)};
        qt().withExamples(8).forAll(draws).checkAssert(d -> {
            int cin = d[0], cout = d[1], pad = d[2], outPad = d[3], dil = d[4], seed = d[5];
            int k = 3, s = 2;
            ConvTranspose2dParams p = new ConvTranspose2dParams(16 * cin, 32 * cout, k, k, s, s, pad, pad,
                    outPad, outPad, dil, dil, 1, seed % 2 == 0);
            Tensor x = Tensor.uniform(seed, -1, 1, 2, p.inChannels(), 4, 15);
            Tensor w = Tensor.uniform(seed + 1L, -1, 1, p.weightShape());
            Tensor b = p.bias() ? Tensor.uniform(seed + 2L, -1, 1, p.outChannels()) : null;
            Tensor y = Stride.vector(1).convTranspose2d(x, w, b, p);
            Tensor ref = ConvReference.convTranspose2d(x, w, b, p);
            Tensor sums = ConvReference.convTranspose2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("conv_transpose2d", p, y, ref, sums, (long) p.inChannels() * k * k + 1);
            assertTrue(y.bitwiseEquals(Stride.vector(2).convTranspose2d(x, w, b, p)), "differs on 2 threads: " + p);
            // Its backward: grad_input is the adjoint conv's forward, grad_weight the blocked weight gradient.
            Tensor g = Tensor.uniform(seed + 3L, -1, 1, y.shape());
            ConvGradients v = Stride.vector(2).convTranspose2dBackward(x, w, g, p);
            ConvGradients r = ConvReference.convTranspose2dBackward(x, w, g, p);
            ConvGradients a = ConvReference.convTranspose2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            ErrorBound.check("conv_transpose2d grad_input", p, v.gradInput(), r.gradInput(), a.gradInput(),
                    (long) p.outChannels() * k * k);
            ErrorBound.check("conv_transpose2d grad_weight", p, v.gradWeight(), r.gradWeight(), a.gradWeight(),
                    (long) x.shape()[0] * x.shape()[2] * x.shape()[3]);
        });
    }

    private void check(Case c) {
        Conv2dParams p = c.params();
        int[] shape = c.inputShape();
        Tensor x = Tensor.uniform(c.seed(), -1, 1, shape);
        Tensor w = Tensor.uniform(c.seed() + 1L, -1, 1, p.weightShape());
        Tensor g = Tensor.uniform(c.seed() + 2L, -1, 1, p.outputShape(shape));
        ConvGradients v = Stride.vector(c.threads()).conv2dBackward(x, w, g, p);
        ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
        ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
        int[] out = p.outputShape(shape);
        ErrorBound.check("grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(),
                (long) p.outChannels() * p.kernelH() * p.kernelW());
        ErrorBound.check("grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(), (long) out[0] * out[2] * out[3]);
        if (p.bias()) {
            ErrorBound.check("grad_bias", c, v.gradBias(), r.gradBias(), s.gradBias(), (long) out[0] * out[2] * out[3]);
        }
        for (int threads = 1; threads <= 3; threads++) {
            if (threads == c.threads()) continue;
            ConvGradients o = Stride.vector(threads).conv2dBackward(x, w, g, p);
            assertTrue(v.gradInput().bitwiseEquals(o.gradInput()), "grad_input differs on " + threads + " threads: " + c);
            assertTrue(v.gradWeight().bitwiseEquals(o.gradWeight()), "grad_weight differs on " + threads + " threads: " + c);
            if (p.bias()) assertTrue(v.gradBias().bitwiseEquals(o.gradBias()), "grad_bias differs on " + threads + " threads: " + c);
        }
        ConvGradients skip = Stride.vector(c.threads()).conv2dBackward(x, w, g, p, false);
        assertNull(skip.gradInput(), "needInputGradient=false returned an input gradient: " + c);
        assertTrue(v.gradWeight().bitwiseEquals(skip.gradWeight()), "grad_weight without the input gradient differs: " + c);
        if (p.bias()) assertTrue(v.gradBias().bitwiseEquals(skip.gradBias()), "grad_bias without the input gradient differs: " + c);
    }
}
