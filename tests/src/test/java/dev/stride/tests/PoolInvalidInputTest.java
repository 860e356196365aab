package dev.stride.tests;

import static dev.stride.tests.PoolGen.coin;
import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.core.Gen;

/**
 * Invalid pooling arguments are {@link IllegalArgumentException}s whose message names the parameter:
 * padding above half the kernel, a kernel larger than the padded input, wrong ranks, non-positive
 * sizes, mismatched gradient shapes and nulls.
 */
class PoolInvalidInputTest {
    private final Ops ops = Stride.reference();

    static void assertRejects(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' does not mention '" + m + "'");
        }
    }

    /** (kernel, padding) with padding above kernel/2. */
    record BadPad(int kernel, int pad, int dilation, boolean height) {}

    static Gen<BadPad> padsAboveHalfTheKernel() {
        return rs -> {
            int k = draw(rs, 1, 6);
            return new BadPad(k, k / 2 + draw(rs, 1, 3), draw(rs, 1, 3), coin(rs));
        };
    }

    @Test
    void paddingAboveHalfTheKernelIsRejected() {
        qt().withExamples(100).forAll(padsAboveHalfTheKernel()).checkAssert(b -> {
            int kh = b.height() ? b.kernel() : 3, kw = b.height() ? 3 : b.kernel();
            int ph = b.height() ? b.pad() : 1, pw = b.height() ? 1 : b.pad();
            String axis = b.height() ? "padding height" : "padding width";
            assertRejects(() -> new MaxPool2dParams(kh, kw, 1, 1, ph, pw, b.dilation(), b.dilation(), false), axis);
            assertRejects(() -> new AvgPool2dParams(kh, kw, 1, 1, ph, pw, false, true, 0), axis);
        });
    }

    /** Floor mode, input smaller than effective kernel minus both pads. */
    record TooSmall(int kernel, int dilation, int pad, int in) {}

    static Gen<TooSmall> inputsSmallerThanTheWindow() {
        return rs -> {
            int k = draw(rs, 2, 6), d = draw(rs, 1, 3), p = draw(rs, 0, k / 2);
            int need = d * (k - 1) + 1 - 2 * p;
            return need <= 1 ? new TooSmall(k, d, 0, d * (k - 1)) : new TooSmall(k, d, p, draw(rs, 1, need - 1));
        };
    }

    @Test
    void aKernelLargerThanThePaddedInputIsRejected() {
        qt().withExamples(100).forAll(inputsSmallerThanTheWindow()).checkAssert(t -> {
            MaxPool2dParams max = new MaxPool2dParams(t.kernel(), 1, 1, 1, t.pad(), 0, t.dilation(), 1, false);
            assertRejects(() -> ops.maxPool2d(Tensor.zeros(1, 1, t.in(), 4), max), "output height", "kernel " + t.kernel());
            assertRejects(() -> ops.maxPool2dBackward(Tensor.zeros(1, 1, t.in(), 4), Tensor.zeros(1, 1, 1, 4), max), "output height");
            if (t.dilation() == 1) {
                AvgPool2dParams avg = new AvgPool2dParams(1, t.kernel(), 1, 1, 0, t.pad(), false, true, 0);
                assertRejects(() -> ops.avgPool2d(Tensor.zeros(1, 1, 4, t.in()), avg), "output width");
                assertRejects(() -> ops.avgPool2dBackward(new int[] {1, 1, 4, t.in()}, Tensor.zeros(1, 1, 4, 1), avg), "output width");
            }
        });
    }

    @Test
    void twoDimensionalPoolsNeedFourDimensions() {
        for (int[] shape : new int[][] {{4, 4}, {1, 4, 4}, {1, 1, 1, 4, 4}}) {
            Tensor x = Tensor.zeros(shape);
            assertRejects(() -> ops.maxPool2d(x, MaxPool2dParams.of(2)), "input", "4 dimensions");
            assertRejects(() -> ops.maxPool2dWithIndices(x, MaxPool2dParams.of(2)), "input");
            assertRejects(() -> ops.avgPool2d(x, AvgPool2dParams.of(2)), "input");
            assertRejects(() -> ops.avgPool2dBackward(shape, Tensor.zeros(1, 1, 2, 2), AvgPool2dParams.of(2)), "input");
            assertRejects(() -> ops.adaptiveAvgPool2d(x, AdaptivePool2dParams.global()), "input");
            assertRejects(() -> ops.adaptiveMaxPool2d(x, AdaptivePool2dParams.global()), "input");
            assertRejects(() -> ops.adaptiveAvgPool2dBackward(shape, Tensor.zeros(1, 1, 1, 1), AdaptivePool2dParams.global()), "input");
        }
    }

    @Test
    void nonPositiveSizesAreRejected() {
        assertRejects(() -> new MaxPool2dParams(0, 2, 1, 1, 0, 0, 1, 1, false), "kernel_size height");
        assertRejects(() -> new MaxPool2dParams(2, 2, 1, 0, 0, 0, 1, 1, false), "stride width");
        assertRejects(() -> new MaxPool2dParams(2, 2, 1, 1, 0, 0, 0, 1, false), "dilation height");
        assertRejects(() -> new MaxPool2dParams(2, 2, 1, 1, -1, 0, 1, 1, false), "padding height");
        assertRejects(() -> new AvgPool2dParams(2, -1, 1, 1, 0, 0, false, true, 0), "kernel_size width");
        assertRejects(() -> new AdaptivePool2dParams(0, 3), "output_size height");
        assertRejects(() -> ops.maxPool2d(Tensor.zeros(0, 1, 4, 4), MaxPool2dParams.of(2)), "batch size");
        assertRejects(() -> ops.avgPool2d(Tensor.zeros(1, 0, 4, 4), AvgPool2dParams.of(2)), "channels");
        assertRejects(() -> ops.adaptiveAvgPool2d(Tensor.zeros(1, 1, 0, 4), AdaptivePool2dParams.global()), "input height");
    }

    @Test
    void gradientsOfTheWrongShapeAreRejected() {
        qt().withExamples(40).forAll(PoolGen.maxPool2d(), PoolGen.avgPool2d(), PoolGen.adaptive()).checkAssert((m, a, ad) -> {
            int[] mo = m.p().outputShape(m.shape());
            mo[3]++;
            assertRejects(() -> ops.maxPool2dBackward(Tensor.zeros(m.shape()), Tensor.zeros(mo), m.p()), "grad_output");
            int[] ao = a.p().outputShape(a.shape());
            ao[1]++;
            assertRejects(() -> ops.avgPool2dBackward(a.shape(), Tensor.zeros(ao), a.p()), "grad_output");
            int[] dout = ad.p().outputShape(ad.shape());
            dout[2]++;
            assertRejects(() -> ops.adaptiveAvgPool2dBackward(ad.shape(), Tensor.zeros(dout), ad.p()), "grad_output");
            assertRejects(() -> ops.adaptiveMaxPool2dBackward(Tensor.zeros(ad.shape()), Tensor.zeros(dout), ad.p()), "grad_output");
        });
    }

    @Test
    void nullsAreRejectedByName() {
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        assertRejects(() -> ops.maxPool2d(null, MaxPool2dParams.of(2)), "input");
        assertRejects(() -> ops.maxPool2d(x, null), "params");
        assertRejects(() -> ops.maxPool2dBackward(x, null, MaxPool2dParams.of(2)), "grad_output");
        assertRejects(() -> ops.avgPool2dBackward(null, Tensor.zeros(1, 1, 2, 2), AvgPool2dParams.of(2)), "input shape");
        assertRejects(() -> ops.adaptiveMaxPool2d(null, AdaptivePool2dParams.global()), "input");
    }
}
