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
 * The direct path that reads the NCHW input in place ({@code direct_in_place}: 3x3, stride 1 or 2, zeros
 * padding such that at most 2 output columns per side read padding, input channels a multiple of 16,
 * output channels a multiple of 32, at least 14 output columns) against the reference, through
 * {@link DirectConvVectorPropertyTest#checkPlanned}: within {@code 8 * K * 2^-24 * sum(|w||x|)}
 * (K = inChannels*9 + 1), equal to {@code Ops.conv2d} bit for bit, and bitwise identical on 1, 2 and 3
 * threads.
 *
 * <p>The generated shapes cover what the path special-cases: padding per side (top and bottom rows
 * whose window leaves the input skip those steps; the first and the last output column read zero-padded
 * edge strips; one or two such columns per side, e.g. padding 2 with dilation 2), even and odd widths (at stride 2 an odd width puts the last window column past the
 * input), dilation 1 and 2, widths that are and are not multiples of the 14-pixel tile, batch 1..4, bias
 * and fused activations. Other cases must take another algorithm and still agree: channel counts the
 * path does not take (input channels not a multiple of 16, 16 output channels) and stride-1 left padding
 * of 3 (three columns read padding: the blocked {@code direct} path).
 */
class DirectConvInPlaceVectorPropertyTest {
    private static Gen<Integer> between(int lo, int hi) { return ConvCaseGen.between(lo, hi); }

    static Gen<DirectConvVectorPropertyTest.Case> cases(boolean pathChannels) {
        return in -> {
            int cin, cout, s = between(1, 2).generate(in), maxPad = 2;
            if (pathChannels) {
                cin = 16 * between(1, 2).generate(in);
                cout = 32 * between(1, 2).generate(in);
            } else {
                int kind = between(0, 2).generate(in);
                cin = kind == 0 ? 16 * between(0, 1).generate(in) + between(2, 15).generate(in) : 16;
                cout = kind == 1 ? 16 : 32;
                if (kind == 2) {
                    s = 1;
                    maxPad = 3;
                }
            }
            int dh = between(1, 2).generate(in), dw = between(1, 2).generate(in);
            Padding2d pad = new Padding2d(between(0, maxPad).generate(in), between(0, maxPad).generate(in),
                    between(0, maxPad).generate(in), between(0, maxPad).generate(in));
            if (maxPad == 3) pad = new Padding2d(pad.top(), pad.bottom(), 3, pad.right());
            int h = ConvCaseGen.smallestInput(3, dh, pad.top(), pad.bottom(), PaddingMode.ZEROS) + between(0, 6).generate(in);
            // 14 or more output columns: exactly one tile, a ragged last tile, several tiles.
            int w = (14 - 1) * s + 2 * dw + 1 - pad.left() - pad.right() + between(0, 33).generate(in);
            Conv2dParams p = new Conv2dParams(cin, cout, 3, 3, s, s, pad, PaddingMode.ZEROS, dh, dw, 1,
                    Generate.booleans().generate(in));
            int pick = between(0, 2).generate(in);
            Activation a = pick == 0 ? null : pick == 1 ? Activation.relu() : Activation.leakyRelu(0.1f);
            return new DirectConvVectorPropertyTest.Case(p, new int[] {between(1, 4).generate(in), cin, h, w},
                    ConvCaseGen.seeds().generate(in), between(1, 2).generate(in), a);
        };
    }

    @Test
    void inPlacePathWithinBoundAndDeterministic() {
        // With two border columns on one side and a width of 14k+1, the tiles' overlap would put a border
        // column inside a tile that reads the input directly: such shapes stay on the blocked path.
        qt().withExamples(40).forAll(cases(true)).checkAssert(c -> {
            if (c.params().outputShape(c.inputShape())[3] % 14 == 1) {
                DirectConvVectorPropertyTest.checkPlanned(c, "direct_in_place", "direct");
            } else {
                DirectConvVectorPropertyTest.checkPlanned(c, "direct_in_place");
            }
        });
    }

    @Test
    void otherShapesFallBackAndAgree() {
        qt().withExamples(10).forAll(cases(false)).checkAssert(c -> DirectConvVectorPropertyTest.checkPlanned(c,
                "direct", "im2col", "implicit_gemm", "direct_few_channels"));
    }

    /**
     * The benchmark's S1, S4 and S6 layers scaled down in channels: 3x3 padding 1 at stride 1 and 2, and
     * padding 2 with dilation 2 at stride 1, even and odd sizes (57 with dilation 2 would be 14k+1
     * output columns: 58 instead).
     */
    @Test
    void resnetShapes() {
        for (int stride = 1; stride <= 2; stride++) {
            for (int size : new int[] {56, 57}) {
                Conv2dParams p = Conv2dParams.builder(32, 64, 3).stride(stride).padding(1).bias(true).build();
                Conv2dParams dilated = Conv2dParams.builder(32, 64, 3).stride(stride).padding(2).dilation(2).bias(true).build();
                for (int threads = 1; threads <= 2; threads++) {
                    DirectConvVectorPropertyTest.checkPlanned(new DirectConvVectorPropertyTest.Case(p,
                            new int[] {1, 32, size, size}, 7 + size, threads, Activation.relu()), "direct_in_place");
                    int dsize = size == 57 ? 58 : size;
                    DirectConvVectorPropertyTest.checkPlanned(new DirectConvVectorPropertyTest.Case(dilated,
                            new int[] {2, 32, dsize, dsize}, 9 + size, threads, null), "direct_in_place");
                }
            }
        }
    }
}
