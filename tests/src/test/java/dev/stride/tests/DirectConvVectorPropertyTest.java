package dev.stride.tests;

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
import dev.stride.core.internal.VectorSupport;
import dev.stride.core.reference.ConvReference;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The shapes of the direct NCHW16c convolution path (3x3, one group, input channels a multiple of 16,
 * output channels a multiple of 32, stride 1 or 2, rows of at least 14 outputs) against
 * {@link ConvReference}: dilation, asymmetric padding of every mode, bias, fused relu / leaky_relu,
 * widths that are and are not multiples of the 14-pixel kernel block and of the 16-wide transposes,
 * batch 1..2, 1..3 threads.
 *
 * <p>Error bound: {@code |y - ref| <= 8 * K * 2^-24 * sum(|w||x|)} with {@code K = inChannels*9 + 1}
 * (see {@link ErrorBound}). At 512 bits the plan must report the direct algorithm (so these cases do
 * exercise it); at the forced widths 0, 128 and 256 (tests/pom.xml) the same cases check the fallback.
 * Results are bitwise identical across 1, 2 and 3 threads.
 */
class DirectConvVectorPropertyTest {
    record Case(Conv2dParams params, int[] inputShape, int seed, int threads, Activation activation) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        @Override public String toString() {
            return params + " input " + Arrays.toString(inputShape) + " seed " + seed + " threads " + threads
                    + " activation " + activation;
        }
    }

    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    static Gen<Case> cases() {
        return in -> {
            int cin = 16 * between(1, 2).generate(in), cout = 32 * between(1, 2).generate(in);
            int s = between(1, 2).generate(in);
            int dh = between(1, 2).generate(in), dw = between(1, 3).generate(in);
            PaddingMode mode = ConvCaseGen.modes().generate(in);
            Padding2d pad = new Padding2d(between(0, 2).generate(in), between(0, 2).generate(in),
                    between(0, 2).generate(in), between(0, 2).generate(in));
            int h = ConvCaseGen.smallestInput(3, dh, pad.top(), pad.bottom(), mode) + between(0, 5).generate(in);
            // At least 14 output columns (14 and 15: the scalar output copy), up to a few blocks with a ragged end.
            int wMin = (14 - 1) * s + 2 * dw + 1 - pad.left() - pad.right();
            int w = Math.max(wMin, ConvCaseGen.smallestInput(3, dw, pad.left(), pad.right(), mode))
                    + (Generate.booleans().generate(in) ? between(0, 3) : between(0, 30)).generate(in);
            Conv2dParams p = new Conv2dParams(cin, cout, 3, 3, s, s, pad, mode, dh, dw, 1, Generate.booleans().generate(in));
            int pick = between(0, 2).generate(in);
            Activation a = pick == 0 ? null : pick == 1 ? Activation.relu() : Activation.leakyRelu(0.1f);
            return new Case(p, new int[] {between(1, 2).generate(in), cin, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 3).generate(in), a);
        };
    }

    @Test
    void directPathWithinBoundAndDeterministic() {
        // Zeros-padded shapes with borders only at the first and last column go on to the in-place
        // variant (DirectConvInPlaceVectorPropertyTest).
        qt().withExamples(25).forAll(cases()).checkAssert(c -> checkPlanned(c, "direct", "direct_in_place"));
    }

    /**
     * The plan for {@code c} takes one of {@code algorithms} at 512 bits, stays within the bound
     * 8*K*2^-24*sum|w||x| (K = Cin*kH*kW + 1) of the reference with the epilogue applied, equals
     * {@code Ops.conv2d} bit for bit without an epilogue, and gives the same bits on 1, 2 and 3 threads.
     */
    static void checkPlanned(Case c, String... algorithms) {
        Conv2dParams p = c.params();
        Tensor x = c.input(), w = c.weight(), b = c.bias();
        Conv2dPlan plan = Conv2dPlan.of(p, c.inputShape(), c.activation(), c.threads());
        if (VectorSupport.BITS == 512) {
            assertTrue(Arrays.asList(algorithms).contains(plan.algorithm()), "path " + plan.algorithm() + " for " + c);
        }
        Tensor y = plan.forward(x, w, b);
        Tensor ref = ConvReference.conv2d(x, w, b, p).copy();
        if (c.activation() != null) {
            float slope = c.activation().kind() == Activation.Kind.RELU ? 0f : c.activation().alpha();
            float[] r = ref.data();
            for (int i = 0; i < r.length; i++) if (r[i] < 0) r[i] = slope * r[i];
        }
        Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b), p);
        long terms = (long) p.inChannels() * p.kernelH() * p.kernelW() + 1;
        ErrorBound.check("conv2d (" + plan.algorithm() + ")", c, y, ref, sums, terms);
        if (c.activation() == null) {
            assertTrue(y.bitwiseEquals(Stride.vector(c.threads()).conv2d(x, w, b, p)), "Ops.conv2d differs: " + c);
        }
        for (int threads = 1; threads <= 3; threads++) {
            Tensor other = Conv2dPlan.of(p, c.inputShape(), c.activation(), threads).forward(x, w, b);
            assertTrue(y.bitwiseEquals(other), "differs on " + threads + " threads: " + c);
        }
    }

    /**
     * The input gradient of a stride-1 conv is the forward of its "full" adjoint conv (zero padding
     * {@code dilation*(k-1)}), which takes the direct path at 512 bits when the channels fit: checked
     * with the weight gradient against the reference (bounds as in {@link ConvVectorPropertyTest}).
     */
    @Test
    void backwardThroughTheDirectAdjointWithinBound() {
        qt().withExamples(10).forAll(cases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = c.input(), w = c.weight();
            Tensor g = Tensor.uniform(c.seed() + 3L, -1, 1, p.outputShape(c.inputShape()));
            ConvGradients v = Stride.vector(c.threads()).conv2dBackward(x, w, g, p);
            ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
            ConvGradients s =
                    ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
            int[] out = p.outputShape(c.inputShape());
            ErrorBound.check("conv2d grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(),
                    4L * p.outChannels() * 9);
            ErrorBound.check("conv2d grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(),
                    (long) out[0] * out[2] * out[3]);
        });
    }
}
