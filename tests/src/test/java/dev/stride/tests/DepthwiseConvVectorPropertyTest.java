package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Conv2dPlan;
import dev.stride.core.ConvGradients;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.reference.ConvReference;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Depthwise convolutions (groups = input channels, 2..5 of them, channel multiplier 1 or 2) against
 * {@link ConvReference}. Most cases are the direct 3x3 path (zero padding, dilation 1, stride 1 or 2):
 * per-side padding 0..2 (so whole rows and columns of the window can fall in the padding), widths from
 * 1 to past several vectors and not multiples of 16 (the interior vectors, the moved-back last vector
 * and the scalar borders), H=1 and W=1 images, bias or none, batch 1..3, fused relu; a quarter are
 * other padding modes or dilation 2 (the padded-copy fallback).
 *
 * <p>Error bound: {@code |y - ref| <= 8 * K * 2^-24 * sum(|w||x|)} with {@code K = 9 + 1} (nine taps and
 * the bias; see {@link ErrorBound}); gradients as in {@link ConvVectorPropertyTest}. Results are
 * bitwise identical on 1, 2 and 3 threads. Runs at every forced vector width (tests/pom.xml).
 */
class DepthwiseConvVectorPropertyTest {
    record Case(Conv2dParams params, int[] inputShape, int seed, int threads, boolean relu) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        @Override public String toString() {
            return params + " input " + Arrays.toString(inputShape) + " seed " + seed + " threads " + threads
                    + " relu " + relu;
        }
    }

    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    static Gen<Case> cases() {
        return in -> {
            int c = between(2, 5).generate(in), mult = between(1, 2).generate(in);
            int s = between(1, 2).generate(in);
            boolean fallback = between(0, 3).generate(in) == 0;
            PaddingMode mode = fallback ? ConvCaseGen.modes().generate(in) : PaddingMode.ZEROS;
            int dil = fallback ? between(1, 2).generate(in) : 1;
            Padding2d pad = new Padding2d(between(0, 2).generate(in), between(0, 2).generate(in),
                    between(0, 2).generate(in), between(0, 2).generate(in));
            int minH = ConvCaseGen.smallestInput(3, dil, pad.top(), pad.bottom(), mode);
            int minW = ConvCaseGen.smallestInput(3, dil, pad.left(), pad.right(), mode);
            int h = Math.max(minH, between(0, 3).generate(in) == 0 ? 1 : between(1, 9).generate(in));
            int pickW = between(0, 3).generate(in);
            int w = Math.max(minW, pickW == 0 ? 1 : pickW == 1 ? between(2, 20).generate(in) : between(21, 90).generate(in));
            Conv2dParams p = new Conv2dParams(c, c * mult, 3, 3, s, s, pad, mode, dil, dil, c,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 3).generate(in), c, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in), between(0, 3).generate(in) == 0);
        };
    }

    @Test
    void forwardWithinBoundAndDeterministic() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Activation act = c.relu() ? Activation.relu() : null;
            Conv2dPlan plan = Conv2dPlan.of(p, c.inputShape(), act, c.threads());
            assertEquals("depthwise", plan.algorithm(), "path for " + c);
            Tensor y = plan.forward(x, w, b);
            Tensor ref = ConvReference.conv2d(x, w, b, p).copy();
            if (c.relu()) {
                float[] r = ref.data();
                for (int i = 0; i < r.length; i++) r[i] = Math.max(r[i], 0f);
            }
            Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
            ErrorBound.check("depthwise conv2d", c, y, ref, sums, 10);
            Tensor viaOps = Stride.vector(c.threads()).conv2d(x, w, b, p);
            if (!c.relu()) assertTrue(y.bitwiseEquals(viaOps), "Ops.conv2d differs from the plan: " + c);
            for (int threads = 1; threads <= 3; threads++) {
                Tensor other = Stride.vector(threads).conv2d(x, w, b, p);
                assertTrue(viaOps.bitwiseEquals(other), "differs on " + threads + " threads: " + c);
            }
        });
    }

    /**
     * Stride-1 zero-padded 3x3 planes tall and wide enough for the column kernel (blocks of rows walked
     * down vectors of columns, with the first and last vector shifted for a padding of 1): heights up to
     * past one block, widths around and past whole vectors, every per-side padding 0..2.
     */
    static Gen<Case> tallCases() {
        return in -> {
            int c = between(1, 3).generate(in), mult = between(1, 2).generate(in);
            Padding2d pad = new Padding2d(between(0, 2).generate(in), between(0, 2).generate(in),
                    between(0, 2).generate(in), between(0, 2).generate(in));
            // Past 128 rows the column kernel walks its rows in two blocks.
            int h = between(0, 2).generate(in) == 0 ? between(134, 150).generate(in) : between(3, 75).generate(in);
            int w = between(0, 1).generate(in) == 0 ? between(14, 40).generate(in) : between(41, 130).generate(in);
            Conv2dParams p = new Conv2dParams(c, c * mult, 3, 3, 1, 1, pad, PaddingMode.ZEROS, 1, 1, c,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 2).generate(in), c, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in), between(0, 3).generate(in) == 0);
        };
    }

    @Test
    void tallStride1PlanesWithinBoundAndDeterministic() {
        qt().withExamples(40).forAll(tallCases()).checkAssert(c -> checkStride1("tall", c));
    }

    /**
     * A stride-1 case: the planned forward (fused relu or not) within the bound of the reference and
     * bitwise the same on another thread count, and the input gradient, which runs the same kernel on
     * the flipped weights, within its bound.
     */
    private static void checkStride1(String label, Case c) {
        Conv2dParams p = c.params();
        Tensor x = c.input(), w = c.weight(), b = c.bias();
        Activation act = c.relu() ? Activation.relu() : null;
        Tensor y = Conv2dPlan.of(p, c.inputShape(), act, c.threads()).forward(x, w, b);
        Tensor ref = ConvReference.conv2d(x, w, b, p).copy();
        if (c.relu()) {
            float[] r = ref.data();
            for (int i = 0; i < r.length; i++) r[i] = Math.max(r[i], 0f);
        }
        Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
        ErrorBound.check("depthwise conv2d (" + label + ")", c, y, ref, sums, 10);
        assertTrue(y.bitwiseEquals(Conv2dPlan.of(p, c.inputShape(), act, 3 - c.threads()).forward(x, w, b)),
                "differs on another thread count: " + c);
        Tensor g = Tensor.uniform(c.seed() + 3L, -1, 1, p.outputShape(c.inputShape()));
        ConvGradients v = Stride.vector(c.threads()).conv2dBackward(x, w, g, p);
        ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
        ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
        ErrorBound.check("depthwise grad_input (" + label + ")", c, v.gradInput(), r.gradInput(), s.gradInput(),
                4L * (p.outChannels() / p.inChannels()) * 9);
    }

    /**
     * Stride-1 planes narrower than one 512-bit vector (widths 1..15; MobileNet's 14x14 and 7x7), mostly
     * with left and right padding adding to 2 (as many output as input columns: the flattened narrow-plane
     * kernel), heights 1..24 (one to many vectors of flattened outputs), batch 1..3.
     */
    static Gen<Case> narrowCases() {
        return in -> {
            int c = between(1, 4).generate(in), mult = between(1, 2).generate(in);
            int left = between(0, 2).generate(in);
            int right = between(0, 3).generate(in) == 0 ? between(0, 2).generate(in) : 2 - left;
            int top = between(0, 2).generate(in), bottom = between(0, 2).generate(in);
            Padding2d pad = new Padding2d(top, bottom, left, right);
            // At least one output: the padded plane holds the 3x3 window.
            int h = Math.max(3 - top - bottom, between(1, 24).generate(in));
            int w = Math.max(3 - left - right, between(1, 15).generate(in));
            Conv2dParams p = new Conv2dParams(c, c * mult, 3, 3, 1, 1, pad, PaddingMode.ZEROS, 1, 1, c,
                    Generate.booleans().generate(in));
            return new Case(p, new int[] {between(1, 3).generate(in), c, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 2).generate(in), between(0, 3).generate(in) == 0);
        };
    }

    @Test
    void narrowStride1PlanesWithinBoundAndDeterministic() {
        qt().withExamples(60).forAll(narrowCases()).checkAssert(c -> checkStride1("narrow", c));
    }

    @Test
    void backwardWithinBoundAndDeterministic() {
        qt().withExamples(40).forAll(cases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight();
            int[] out = p.outputShape(c.inputShape());
            Tensor g = Tensor.uniform(c.seed() + 3L, -1, 1, out);
            ConvGradients v = Stride.vector(c.threads()).conv2dBackward(x, w, g, p);
            ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
            ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            int mult = p.outChannels() / p.inChannels();
            // Each input cell gathers at most 9 taps from each of its mult output planes (more when a
            // reflected or wrapped cell is read twice), each weight cell every output of its plane.
            ErrorBound.check("depthwise grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(), 4L * mult * 9);
            ErrorBound.check("depthwise grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(),
                    (long) out[0] * out[2] * out[3]);
            if (p.bias()) {
                ErrorBound.check("depthwise grad_bias", c, v.gradBias(), r.gradBias(), s.gradBias(),
                        (long) out[0] * out[2] * out[3]);
            }
            for (int threads = 1; threads <= 2; threads++) {
                ConvGradients o = Stride.vector(threads).conv2dBackward(x, w, g, p);
                assertTrue(v.gradInput().bitwiseEquals(o.gradInput()), "grad_input differs on " + threads + ": " + c);
                assertTrue(v.gradWeight().bitwiseEquals(o.gradWeight()), "grad_weight differs on " + threads + ": " + c);
            }
        });
    }
}
