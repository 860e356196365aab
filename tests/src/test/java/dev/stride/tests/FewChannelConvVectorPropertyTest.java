package dev.stride.tests;

import dev.stride.tests.DirectConvVectorPropertyTest.Case;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Conv2dPlan;
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
 * The shapes of the direct few-input-channel path (a network stem such as 7x7 stride 2 over RGB: one
 * group, rows of at least 14 outputs; strideW 2 with 1..4 (sometimes 8 or 13) input channels and
 * kernels 3/5/7 per axis, or strideW 1 with 1..4 input channels and kernels 5/7) against
 * {@link ConvReference}: strideH 1/2, dilation 1..2, asymmetric padding 0..3 of every mode, output
 * channels that are and are not multiples of 16 and 32 (the path pads them to 32), output widths that
 * are and are not multiples of the 14-pixel block and of the 16-wide transposes, bias, fused relu /
 * leaky_relu, batch 1..3.
 *
 * <p>Error bound: {@code |y - ref| <= 8 * K * 2^-24 * sum(|w||x|)} with
 * {@code K = inChannels*kH*kW + 1} (see {@link ErrorBound}). At 512 bits the plan must report
 * {@code direct_few_channels} (so these cases exercise it); at the forced widths 0, 128 and 256
 * (tests/pom.xml) the same cases check the GEMM paths. Results are bitwise identical across 1, 2 and
 * 3 threads, and equal to {@code Ops.conv2d}'s.
 */
class FewChannelConvVectorPropertyTest {
    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    private static Gen<Integer> pick(Integer... values) { return Generate.pick(java.util.List.of(values)); }

    static Gen<Case> cases() {
        return in -> {
            int sw = between(1, 2).generate(in), sh = between(1, 2).generate(in);
            int cin = sw == 2 && between(0, 4).generate(in) == 0 ? pick(8, 13).generate(in) : between(1, 4).generate(in);
            // Multiples of 32 (the kernel's pair of blocks), of 16 only, and neither (all at least 80% of the padded block).
            int cout = pick(32, 58, 64, 80, 90).generate(in);
            Gen<Integer> kernels = sw == 2 ? pick(3, 5, 7) : pick(5, 7);
            int kh = kernels.generate(in), kw = kernels.generate(in);
            boolean dilate = between(0, 3).generate(in) == 0;
            int dh = dilate ? between(1, 2).generate(in) : 1, dw = dilate ? between(1, 2).generate(in) : 1;
            PaddingMode mode = between(0, 1).generate(in) == 0 ? PaddingMode.ZEROS : ConvCaseGen.modes().generate(in);
            Padding2d pad = new Padding2d(between(0, 3).generate(in), between(0, 3).generate(in),
                    between(0, 3).generate(in), between(0, 3).generate(in));
            int h = ConvCaseGen.smallestInput(kh, dh, pad.top(), pad.bottom(), mode) + between(0, 4).generate(in);
            // Output widths the path takes (at most 1/8 of a row recomputed by the overlapping last 14-pixel
            // block): multiples of 14 and ragged ones (63..70 and 75..84 end mid-block and mid-transpose).
            int outW = between(0, 2).generate(in) == 0 ? 14 * between(1, 4).generate(in)
                    : Generate.booleans().generate(in) ? between(63, 70).generate(in) : between(75, 84).generate(in);
            int w = (outW - 1) * sw + dw * (kw - 1) + 1 - pad.left() - pad.right() + between(0, sw - 1).generate(in);
            Conv2dParams p = new Conv2dParams(cin, cout, kh, kw, sh, sw, pad, mode, dh, dw, 1,
                    Generate.booleans().generate(in));
            int pick = between(0, 2).generate(in);
            Activation a = pick == 0 ? null : pick == 1 ? Activation.relu() : Activation.leakyRelu(0.1f);
            return new Case(p, new int[] {between(1, 3).generate(in), cin, h, w}, ConvCaseGen.seeds().generate(in),
                    between(1, 3).generate(in), a);
        };
    }

    @Test
    void fewChannelPathWithinBoundAndDeterministic() {
        qt().withExamples(40).forAll(cases()).checkAssert(c -> DirectConvVectorPropertyTest.checkPlanned(c, "direct_few_channels"));
    }

    /** The ResNet stem itself (7x7, 3 -> 64, stride 2, pad 3) at a reduced image size, batch 2, 1 and 2 threads. */
    @Test
    void resnetStemWithinBound() {
        Conv2dParams p = Conv2dParams.builder(3, 64, 7).stride(2).padding(3).bias(false).build();
        int[] shape = {2, 3, 61, 111};
        Tensor x = Tensor.uniform(11, -1, 1, shape), w = Tensor.uniform(12, -1, 1, p.weightShape());
        Tensor ref = ConvReference.conv2d(x, w, null, p);
        Tensor sums = ConvReference.conv2d(ErrorBound.abs(x), ErrorBound.abs(w), null, p);
        Tensor one = Stride.vector(1).conv2d(x, w, null, p);
        ErrorBound.check("stem conv2d", "stem " + Arrays.toString(shape), one, ref, sums, 3 * 49);
        assertTrue(one.bitwiseEquals(Stride.vector(2).conv2d(x, w, null, p)), "stem differs on 2 threads");
        if (VectorSupport.BITS == 512) {
            assertEquals("direct_few_channels", Conv2dPlan.of(p, shape, null, 1).algorithm());
        }
    }
}
