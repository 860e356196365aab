package dev.stride.tests;

import static dev.stride.tests.ConvCaseGen.between;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv1dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Padding2d;
import dev.stride.core.Padding2d.AutoPad;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Output-size laws (conv_arithmetic): the number of window positions counted one by one equals the
 * formula {@code floor((in + pads - dilation*(k-1) - 1)/stride) + 1} and the shape the reference returns;
 * {@code same} keeps the size at stride 1 for odd and even kernels and any dilation; ONNX SAME_UPPER and
 * SAME_LOWER give {@code ceil(in/stride)}; conv_transpose2d's size is the span its input's taps reach,
 * cropped by the padding and extended by output_padding, and conv2d maps it back to the input size.
 */
class ConvOutputSizeTest {
    private static final Ops REF = Stride.reference();

    /** How many windows of {@code effectiveKernel} cells, stepping by {@code stride}, fit in {@code padded} cells. */
    static int countWindows(int padded, int effectiveKernel, int stride) {
        int count = 0;
        for (int start = 0; start + effectiveKernel <= padded; start += stride) count++;
        return count;
    }

    @Test
    void conv2dOutputIsTheNumberOfWindowPositions() {
        qt().withExamples(300).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            Conv2dParams p = c.params();
            int[] s = c.inputShape();
            int outH = countWindows(s[2] + p.padding().top() + p.padding().bottom(), p.effectiveKernelH(), p.strideH());
            int outW = countWindows(s[3] + p.padding().left() + p.padding().right(), p.effectiveKernelW(), p.strideW());
            int[] expected = {s[0], p.outChannels(), outH, outW};
            assertArrayEquals(expected, p.outputShape(s), c::toString);
            assertArrayEquals(expected, REF.conv2d(c.input(), c.weight(), c.bias(), p).shape(), c::toString);
            int formulaH = (s[2] + p.padding().top() + p.padding().bottom() - p.dilationH() * (p.kernelH() - 1) - 1)
                    / p.strideH() + 1;
            assertEquals(formulaH, outH, c::toString);
        });
    }

    @Test
    void conv1dOutputIsTheNumberOfWindowPositions() {
        qt().withExamples(200).forAll(ConvCaseGen.conv1d()).checkAssert(c -> {
            Conv1dParams p = c.params();
            int[] s = c.inputShape();
            int out = countWindows(s[2] + p.padLeft() + p.padRight(), p.dilation() * (p.kernel() - 1) + 1, p.stride());
            assertArrayEquals(new int[] {s[0], p.outChannels(), out}, REF.conv1d(c.input(), c.weight(), c.bias(), p).shape(),
                    c::toString);
        });
    }

    /** {@code padding='same'} at stride 1 keeps H and W, for odd and even kernels, any dilation, in every mode that fits. */
    @Test
    void samePaddingKeepsTheSizeAtStride1() {
        qt().withExamples(300).forAll(between(1, 5), between(1, 5), between(1, 3), ConvCaseGen.modes())
            .checkAssert((kh, kw, dil, mode) -> {
                Conv2dParams p = Conv2dParams.builder(2, 3, kh, kw).same().dilation(dil).paddingMode(mode).bias(false).build();
                int total = dil * (kw - 1);
                assertEquals(total / 2, p.padding().left());
                assertEquals(total - total / 2, p.padding().right());
                int h = ConvCaseGen.smallestInput(kh, dil, p.padding().top(), p.padding().bottom(), mode);
                int w = ConvCaseGen.smallestInput(kw, dil, p.padding().left(), p.padding().right(), mode) + 1;
                Tensor x = Tensor.uniform(kh + 31L * kw, -1, 1, 1, 2, h, w);
                Tensor y = REF.conv2d(x, Tensor.uniform(7, -1, 1, p.weightShape()), null, p);
                assertArrayEquals(new int[] {1, 3, h, w}, y.shape(), p::toString);
            });
    }

    @Test
    void conv1dSameKeepsTheLength() {
        qt().withExamples(100).forAll(between(1, 6), between(1, 3), between(0, 4)).checkAssert((k, dil, extra) -> {
            Conv1dParams p = Conv1dParams.same(1, 2, k, dil, 1, PaddingMode.ZEROS, true);
            int len = 1 + extra;
            assertArrayEquals(new int[] {1, 2, len}, p.outputShape(new int[] {1, 1, len}));
        });
    }

    /**
     * ONNX SAME_UPPER / SAME_LOWER: the output is {@code ceil(in/stride)}; the pads are the least that give
     * it, split evenly with the odd cell at the end (UPPER) or the beginning (LOWER).
     */
    @Test
    void onnxSamePadsGiveCeilOfInputOverStride() {
        qt().withExamples(400).forAll(between(1, 12), between(1, 4), between(1, 3), between(1, 2)).checkAssert((in, k, s, d) -> {
            for (AutoPad mode : new AutoPad[] {AutoPad.SAME_UPPER, AutoPad.SAME_LOWER}) {
                Padding2d pad = Padding2d.onnxAuto(mode, in, in + 1, k, k, s, s, d, d);
                Conv2dParams p = new Conv2dParams(1, 1, k, k, s, s, pad, PaddingMode.ZEROS, d, d, 1, false);
                int expectedH = (in + s - 1) / s, expectedW = (in + 1 + s - 1) / s;
                assertArrayEquals(new int[] {1, 1, expectedH, expectedW}, p.outputShape(new int[] {1, 1, in, in + 1}),
                        () -> mode + " " + pad);
                int extraTop = pad.top() - pad.bottom();
                assertTrue(mode == AutoPad.SAME_UPPER ? extraTop == 0 || extraTop == -1 : extraTop == 0 || extraTop == 1,
                        () -> mode + " " + pad);
                int total = pad.top() + pad.bottom();
                if (total > 0) {
                    // One cell less padding would lose the last window: the pads are minimal.
                    assertTrue(countWindows(in + total - 1, d * (k - 1) + 1, s) < expectedH, () -> mode + " " + pad);
                }
            }
        });
    }

    /** conv_transpose2d: taps of the first and last input cell span the uncropped output; padding crops, output_padding extends. */
    @Test
    void convTransposeOutputIsTheSpanOfItsTaps() {
        qt().withExamples(300).forAll(ConvCaseGen.convTranspose2d()).checkAssert(c -> {
            ConvTranspose2dParams p = c.params();
            int[] s = c.inputShape();
            int lastTapH = (s[2] - 1) * p.strideH() + (p.kernelH() - 1) * p.dilationH();
            int lastTapW = (s[3] - 1) * p.strideW() + (p.kernelW() - 1) * p.dilationW();
            int[] expected = {s[0], p.outChannels(), lastTapH + 1 - 2 * p.paddingH() + p.outputPaddingH(),
                    lastTapW + 1 - 2 * p.paddingW() + p.outputPaddingW()};
            assertArrayEquals(expected, REF.convTranspose2d(c.input(), c.weight(), c.bias(), p).shape(), c::toString);
        });
    }

    /** conv2d with the same kernel, stride, padding and dilation maps conv_transpose2d's output size back to its input size. */
    @Test
    void convMapsTransposeOutputBackToItsInputSize() {
        qt().withExamples(300).forAll(ConvCaseGen.convTranspose2d().assuming(c ->
                c.params().outputPaddingH() < c.params().strideH() && c.params().outputPaddingW() < c.params().strideW()))
            .checkAssert(c -> {
                ConvTranspose2dParams p = c.params();
                int[] out = p.outputShape(c.inputShape());
                assertArrayEquals(c.inputShape(), p.adjointConv().outputShape(out), c::toString);
            });
    }

    /** The generators used above reach the interesting corners (stride, dilation, padding, output_padding). */
    @Test
    void generatorsReachStrideDilationAndOutputPadding() {
        boolean[] seen = new boolean[3];
        qt().withExamples(200).forAll(ConvCaseGen.convTranspose2d(), ConvCaseGen.conv2d(Generate.constant(PaddingMode.ZEROS)))
            .checkAssert((t, c) -> {
                if (t.params().outputPaddingH() > 0) seen[0] = true;
                if (c.params().strideW() > 1 && c.params().dilationW() > 1) seen[1] = true;
                if (c.params().groups() > 1) seen[2] = true;
            });
        assertArrayEquals(new boolean[] {true, true, true}, seen);
    }
}
