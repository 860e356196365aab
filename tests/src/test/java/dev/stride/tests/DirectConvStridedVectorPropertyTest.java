package dev.stride.tests;

import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Activation;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The stride-2 direct path that reads the input in place ({@code direct_strided}: 3x3, stride 2, zeros
 * padding, input channels a multiple of 16, output channels a multiple of 32, at least 14 output columns)
 * against the reference, through {@link DirectConvVectorPropertyTest#checkPlanned}: within
 * {@code 8 * K * 2^-24 * sum(|w||x|)} (K = inChannels*9 + 1), equal to {@code Ops.conv2d} bit for bit,
 * and bitwise identical on 1, 2 and 3 threads.
 *
 * <p>The generated shapes cover what the path special-cases: padding 0..2 per side (top and bottom
 * rows whose window leaves the input skip those steps; the first and the last output column read
 * zero-padded edge strips), even and odd widths (an odd width puts the last window column past the
 * input), dilation 1 and 2, widths that are and are not multiples of the 14-pixel tile, batch 1..4,
 * bias and fused activations. A few cases have channel counts the path does not take (input channels
 * not a multiple of 16, 16 output channels): they must fall back to another algorithm and still agree.
 */
class DirectConvStridedVectorPropertyTest {
    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    static Gen<DirectConvVectorPropertyTest.Case> cases(boolean pathChannels) {
        return in -> {
            int cin, cout;
            if (pathChannels) {
                cin = 16 * between(1, 2).generate(in);
                cout = 32 * between(1, 2).generate(in);
            } else {
                boolean oddIn = Generate.booleans().generate(in);
                cin = oddIn ? 16 * between(0, 1).generate(in) + between(2, 15).generate(in) : 16;
                cout = oddIn ? 32 : 16;
            }
            int dh = between(1, 2).generate(in), dw = between(1, 2).generate(in);
            Padding2d pad = new Padding2d(between(0, 2).generate(in), between(0, 2).generate(in),
                    between(0, 2).generate(in), between(0, 2).generate(in));
            int h = ConvCaseGen.smallestInput(3, dh, pad.top(), pad.bottom(), PaddingMode.ZEROS) + between(0, 6).generate(in);
            // 14 or more output columns: exactly one tile, a ragged last tile, several tiles.
            int w = (14 - 1) * 2 + 2 * dw + 1 - pad.left() - pad.right() + between(0, 33).generate(in);
            Conv2dParams p = new Conv2dParams(cin, cout, 3, 3, 2, 2, pad, PaddingMode.ZEROS, dh, dw, 1,
                    Generate.booleans().generate(in));
            int pick = between(0, 2).generate(in);
            Activation a = pick == 0 ? null : pick == 1 ? Activation.relu() : Activation.leakyRelu(0.1f);
            return new DirectConvVectorPropertyTest.Case(p, new int[] {between(1, 4).generate(in), cin, h, w},
                    ConvCaseGen.seeds().generate(in), between(1, 2).generate(in), a);
        };
    }

    @Test
    void stridedPathWithinBoundAndDeterministic() {
        qt().withExamples(30).forAll(cases(true)).checkAssert(c -> DirectConvVectorPropertyTest.checkPlanned(c, "direct_strided"));
    }

    @Test
    void otherChannelCountsFallBackAndAgree() {
        qt().withExamples(8).forAll(cases(false))
                .checkAssert(c -> DirectConvVectorPropertyTest.checkPlanned(c, "im2col", "direct_few_channels"));
    }

    /** The benchmark's S4 layer scaled down in channels: 32 -> 64, 3x3/2, pad 1, even and odd 56/57 widths. */
    @Test
    void resnetDownsamplingShapes() {
        for (int size : new int[] {56, 57}) {
            Conv2dParams p = Conv2dParams.builder(32, 64, 3).stride(2).padding(1).bias(true).build();
            for (int threads = 1; threads <= 2; threads++) {
                DirectConvVectorPropertyTest.checkPlanned(new DirectConvVectorPropertyTest.Case(p,
                        new int[] {1, 32, size, size}, 7 + size, threads, Activation.relu()), "direct_strided");
            }
        }
    }
}
