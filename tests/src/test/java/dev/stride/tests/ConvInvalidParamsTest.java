package dev.stride.tests;

import static dev.stride.tests.ConvCaseGen.between;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv1dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Invalid convolution parameters and shapes, generated from valid cases by breaking one rule, throw
 * {@link IllegalArgumentException} whose message names the parameter (and, where it is a number, its value).
 */
class ConvInvalidParamsTest {
    private static final Ops REF = Stride.reference();

    private static void assertRejected(Executable call, Object what, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what::toString);
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        for (String word : mustMention) {
            assertTrue(message.contains(word.toLowerCase(Locale.ROOT)),
                    () -> "message '" + e.getMessage() + "' does not mention '" + word + "' for " + what);
        }
    }

    @Test
    void channelsNotDivisibleByGroups() {
        qt().withExamples(100).forAll(between(2, 4), between(1, 3), between(1, 3)).checkAssert((groups, per, r) -> {
            int bad = groups * per + (r % groups == 0 ? 1 : r % groups);
            int good = groups * per;
            assertRejected(() -> Conv2dParams.builder(bad, good, 3).groups(groups).build(), bad,
                    "in_channels", String.valueOf(bad), "groups");
            assertRejected(() -> Conv2dParams.builder(good, bad, 3).groups(groups).build(), bad,
                    "out_channels", String.valueOf(bad), "groups");
            assertRejected(() -> new Conv1dParams(bad, good, 3, 1, 0, 0, PaddingMode.ZEROS, 1, groups, true), bad,
                    "in_channels", "groups");
            assertRejected(() -> new ConvTranspose2dParams(good, bad, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, groups, true), bad,
                    "out_channels", "groups");
        });
    }

    @Test
    void wrongWeightShape() {
        qt().withExamples(100).forAll(ConvCaseGen.conv2d(), between(0, 3)).checkAssert((c, axis) -> {
            int[] ws = c.params().weightShape();
            ws[axis]++;
            Tensor w = Tensor.zeros(ws);
            assertRejected(() -> REF.conv2d(c.input(), w, c.bias(), c.params()), c, "weight");
            assertRejected(() -> REF.conv2dBackward(c.input(), w, c.gradOutput(), c.params()), c, "weight");
        });
        qt().withExamples(50).forAll(ConvCaseGen.convTranspose2d(), between(0, 3)).checkAssert((c, axis) -> {
            int[] ws = c.params().weightShape();
            ws[axis]++;
            assertRejected(() -> REF.convTranspose2d(c.input(), Tensor.zeros(ws), c.bias(), c.params()), c, "weight");
        });
        qt().withExamples(50).forAll(ConvCaseGen.conv1d()).checkAssert(c -> {
            int[] ws = c.params().weightShape();
            ws[2]++;
            assertRejected(() -> REF.conv1d(c.input(), Tensor.zeros(ws), c.bias(), c.params()), c, "weight");
        });
    }

    @Test
    void mismatchedBias() {
        qt().withExamples(100).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor wrongLength = Tensor.zeros(p.outChannels() + 1);
            Tensor rightLength = Tensor.zeros(p.outChannels());
            if (p.bias()) {
                assertRejected(() -> REF.conv2d(c.input(), c.weight(), wrongLength, p), c, "bias");
                assertRejected(() -> REF.conv2d(c.input(), c.weight(), null, p), c, "bias");
            } else {
                assertRejected(() -> REF.conv2d(c.input(), c.weight(), rightLength, p), c, "bias");
            }
        });
        qt().withExamples(50).forAll(ConvCaseGen.convTranspose2d()).checkAssert(c -> {
            Tensor wrong = Tensor.zeros(c.params().outChannels() + 1, 1);
            assertRejected(() -> REF.convTranspose2d(c.input(), c.weight(), wrong, c.params()), c, "bias");
        });
    }

    @Test
    void wrongInputChannelsOrRank() {
        qt().withExamples(50).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            int[] s = c.inputShape().clone();
            s[1]++;
            assertRejected(() -> REF.conv2d(Tensor.zeros(s), c.weight(), c.bias(), c.params()), c, "channels",
                    String.valueOf(s[1]));
            assertRejected(() -> REF.conv2d(Tensor.zeros(s[1], s[2], s[3]), c.weight(), c.bias(), c.params()), c, "input");
        });
    }

    @Test
    void gradOutputOfTheWrongShape() {
        qt().withExamples(50).forAll(ConvCaseGen.conv2d(), between(0, 3)).checkAssert((c, axis) -> {
            int[] o = c.outputShape();
            o[axis]++;
            assertRejected(() -> REF.conv2dBackward(c.input(), c.weight(), Tensor.zeros(o), c.params()), c, "grad_output");
        });
        qt().withExamples(50).forAll(ConvCaseGen.convTranspose2d(), between(0, 3)).checkAssert((c, axis) -> {
            int[] o = c.outputShape();
            o[axis]++;
            assertRejected(() -> REF.convTranspose2dBackward(c.input(), c.weight(), Tensor.zeros(o), c.params()), c,
                    "grad_output");
        });
        qt().withExamples(50).forAll(ConvCaseGen.conv1d()).checkAssert(c -> {
            int[] o = c.params().outputShape(c.inputShape());
            o[2]++;
            assertRejected(() -> REF.conv1dBackward(c.input(), c.weight(), Tensor.zeros(o), c.params()), c, "grad_output");
        });
    }

    /** An input smaller than the effective kernel plus padding has no window: an error, not an empty tensor. */
    @Test
    void outputBelowOne() {
        qt().withExamples(100).forAll(between(2, 4), between(1, 3), between(0, 2), between(1, 3)).checkAssert((k, d, pad, deficit) -> {
            int eff = d * (k - 1) + 1;
            int in = eff - 2 * pad - deficit;
            if (in < 1) return;
            Conv2dParams p = Conv2dParams.builder(1, 1, k).dilation(d).padding(pad).build();
            assertRejected(() -> p.outputShape(new int[] {1, 1, in, eff}), p, "output", "height", String.valueOf(in));
            assertRejected(() -> REF.conv2d(Tensor.zeros(1, 1, eff, in), Tensor.zeros(p.weightShape()), Tensor.zeros(1), p),
                    p, "output", "width");
        });
        qt().withExamples(100).forAll(between(1, 3), between(1, 3), between(1, 4)).checkAssert((k, in, extraPad) -> {
            int pad = ((in - 1) + (k - 1) + 1) / 2 + extraPad; // (in-1)*1 - 2*pad + (k-1) + 1 < 1
            ConvTranspose2dParams p = new ConvTranspose2dParams(1, 1, k, k, 1, 1, pad, 0, 0, 0, 1, 1, 1, false);
            assertRejected(() -> p.outputShape(new int[] {1, 1, in, in}), p, "output", "height");
        });
    }

    @Test
    void samePaddingWithStrideAboveOne() {
        qt().withExamples(50).forAll(between(1, 5), between(2, 4)).checkAssert((k, s) ->
                assertRejected(() -> Conv2dParams.builder(1, 1, k).stride(s).same().build(), s, "same", "stride",
                        String.valueOf(s)));
    }

    @Test
    void outputPaddingNotBelowStrideOrDilation() {
        qt().withExamples(100).forAll(between(1, 3), between(1, 3), between(0, 2)).checkAssert((s, d, extra) -> {
            int op = Math.max(s, d) + extra;
            assertRejected(() -> new ConvTranspose2dParams(1, 1, 3, 3, s, 1, 0, 0, op, 0, d, 1, 1, true), op,
                    "output_padding", String.valueOf(op));
            assertRejected(() -> new ConvTranspose2dParams(1, 1, 3, 3, 1, s, 0, 0, 0, op, 1, d, 1, true), op,
                    "output_padding", String.valueOf(op));
        });
    }

    @Test
    void reflectPaddingNotBelowInputAndCircularAboveInput() {
        qt().withExamples(100).forAll(between(1, 4), between(0, 2)).checkAssert((in, extra) -> {
            int reflectPad = in + extra;
            Conv2dParams reflect = Conv2dParams.builder(1, 1, 1).padding(new Padding2d(0, reflectPad, 0, 0))
                    .paddingMode(PaddingMode.REFLECT).build();
            assertRejected(() -> reflect.outputShape(new int[] {1, 1, in, 3}), reflect, "padding", "reflect",
                    String.valueOf(reflectPad));
            Conv2dParams reflectOk = Conv2dParams.builder(1, 1, 1).padding(new Padding2d(0, in - 1, 0, 0))
                    .paddingMode(PaddingMode.REFLECT).build();
            reflectOk.outputShape(new int[] {1, 1, in, 3});
            int circularPad = in + 1 + extra;
            Conv2dParams circular = Conv2dParams.builder(1, 1, 1).padding(new Padding2d(0, 0, circularPad, 0))
                    .paddingMode(PaddingMode.CIRCULAR).build();
            assertRejected(() -> REF.conv2d(Tensor.zeros(1, 1, 3, in), Tensor.zeros(1, 1, 1, 1), Tensor.zeros(1), circular),
                    circular, "padding", "circular", String.valueOf(circularPad));
        });
    }

    @Test
    void nonPositiveSizesAndNegativePadding() {
        qt().withExamples(50).forAll(between(-2, 0)).checkAssert(v -> {
            assertRejected(() -> Conv2dParams.builder(1, 1, v).build(), v, "kernel", String.valueOf(v));
            assertRejected(() -> Conv2dParams.builder(1, 1, 3).stride(v).build(), v, "stride", String.valueOf(v));
            assertRejected(() -> Conv2dParams.builder(1, 1, 3).dilation(v).build(), v, "dilation", String.valueOf(v));
            assertRejected(() -> Conv2dParams.builder(1, 1, 3).groups(v).build(), v, "groups", String.valueOf(v));
            assertRejected(() -> Conv2dParams.builder(v, 1, 3).build(), v, "in_channels", String.valueOf(v));
            if (v < 0) assertRejected(() -> Conv2dParams.builder(1, 1, 3).padding(v).build(), v, "padding", String.valueOf(v));
        });
    }

    @Test
    void nullArguments() {
        Conv2dParams p = Conv2dParams.builder(1, 1, 1).bias(false).build();
        Tensor x = Tensor.zeros(1, 1, 2, 2), w = Tensor.zeros(1, 1, 1, 1);
        assertRejected(() -> REF.conv2d(null, w, null, p), "null input", "input");
        assertRejected(() -> REF.conv2d(x, null, null, p), "null weight", "weight");
        assertRejected(() -> REF.conv2d(x, w, null, null), "null params", "params");
        assertRejected(() -> REF.conv2dBackward(x, w, null, p), "null grad_output", "grad_output");
    }
}
