package dev.stride.tests;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Conv1dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of small, valid convolution cases. Every case is built from small integer draws, so
 * QuickTheories shrinks a failure towards 1-channel, 1x1-kernel, stride-1 cases on the smallest input
 * that still fits. Input sizes are derived from the drawn kernel and padding so that the output is at
 * least 1 and the padding fits its mode (reflect: pad < size; circular: pad <= size).
 */
final class ConvCaseGen {
    private ConvCaseGen() {}

    /** A conv2d case: parameters, input shape and a seed for the tensors' values. */
    record Conv2dCase(Conv2dParams params, int[] inputShape, int seed) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        int[] outputShape() { return params.outputShape(inputShape); }
        Tensor gradOutput() { return Tensor.uniform(seed + 3L, -1, 1, outputShape()); }
        @Override public String toString() { return params + " input " + Arrays.toString(inputShape) + " seed " + seed; }
    }

    /** A conv1d case. */
    record Conv1dCase(Conv1dParams params, int[] inputShape, int seed) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        Tensor gradOutput() { return Tensor.uniform(seed + 3L, -1, 1, params.outputShape(inputShape)); }
        @Override public String toString() { return params + " input " + Arrays.toString(inputShape) + " seed " + seed; }
    }

    /** A conv_transpose2d case. */
    record ConvTransposeCase(ConvTranspose2dParams params, int[] inputShape, int seed) {
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, params.weightShape()); }
        Tensor bias() { return params.bias() ? Tensor.uniform(seed + 2L, -1, 1, params.outChannels()) : null; }
        int[] outputShape() { return params.outputShape(inputShape); }
        Tensor gradOutput() { return Tensor.uniform(seed + 3L, -1, 1, outputShape()); }
        @Override public String toString() { return params + " input " + Arrays.toString(inputShape) + " seed " + seed; }
    }

    static Gen<Integer> between(int lo, int hi) { return integers().between(lo, hi); }

    static Gen<Integer> seeds() { return integers().between(0, 1_000_000); }

    /** Padding modes, shrinking towards ZEROS. */
    static Gen<PaddingMode> modes() { return Generate.pick(List.of(PaddingMode.values())); }

    /**
     * conv2d cases over every parameter: batch 1-2, groups 1-2, 1-2 channels per group in and out,
     * kernel 1-3, stride 1-2, dilation 1-2, per-side padding 0-2, any padding mode, with or without bias.
     */
    static Gen<Conv2dCase> conv2d() { return conv2d(modes()); }

    /** As {@link #conv2d()} with the padding mode drawn from {@code modes}. */
    static Gen<Conv2dCase> conv2d(Gen<PaddingMode> modes) { return conv2d(modes, false); }

    /**
     * As {@link #conv2d()} with the padding mode drawn from {@code modes}; when {@code symmetric}, the
     * padding is the same above and below, left and right (the form conv_transpose2d can invert).
     */
    static Gen<Conv2dCase> conv2d(Gen<PaddingMode> modes, boolean symmetric) {
        return in -> {
            int batch = between(1, 2).generate(in);
            int groups = between(1, 2).generate(in);
            int inPerGroup = between(1, 2).generate(in);
            int outPerGroup = between(1, 2).generate(in);
            int kh = between(1, 3).generate(in), kw = between(1, 3).generate(in);
            int sh = between(1, 2).generate(in), sw = between(1, 2).generate(in);
            int dh = between(1, 2).generate(in), dw = between(1, 2).generate(in);
            PaddingMode mode = modes.generate(in);
            int top = between(0, 2).generate(in), left = between(0, 2).generate(in);
            Padding2d pad = symmetric ? Padding2d.of(top, left)
                    : new Padding2d(top, between(0, 2).generate(in), left, between(0, 2).generate(in));
            boolean bias = Generate.booleans().generate(in);
            int h = smallestInput(kh, dh, pad.top(), pad.bottom(), mode) + between(0, 3).generate(in);
            int w = smallestInput(kw, dw, pad.left(), pad.right(), mode) + between(0, 3).generate(in);
            Conv2dParams p = new Conv2dParams(groups * inPerGroup, groups * outPerGroup, kh, kw, sh, sw, pad, mode,
                    dh, dw, groups, bias);
            return new Conv2dCase(p, new int[] {batch, groups * inPerGroup, h, w}, seeds().generate(in));
        };
    }

    /** The smallest input size along one axis for which the output is at least 1 and the padding fits the mode. */
    static int smallestInput(int kernel, int dilation, int padBefore, int padAfter, PaddingMode mode) {
        int fitsKernel = dilation * (kernel - 1) + 1 - padBefore - padAfter;
        int fitsMode = switch (mode) {
            case REFLECT -> Math.max(padBefore, padAfter) + 1;
            case CIRCULAR -> Math.max(padBefore, padAfter);
            default -> 1;
        };
        return Math.max(1, Math.max(fitsKernel, fitsMode));
    }

    /** conv1d cases: as {@link #conv2d()} on one axis (kernel 1-4, padding 0-3 per side). */
    static Gen<Conv1dCase> conv1d() {
        return in -> {
            int batch = between(1, 2).generate(in);
            int groups = between(1, 2).generate(in);
            int inPerGroup = between(1, 2).generate(in);
            int outPerGroup = between(1, 2).generate(in);
            int k = between(1, 4).generate(in);
            int s = between(1, 3).generate(in);
            int d = between(1, 2).generate(in);
            PaddingMode mode = modes().generate(in);
            int pl = between(0, 3).generate(in), pr = between(0, 3).generate(in);
            boolean bias = Generate.booleans().generate(in);
            int len = smallestInput(k, d, pl, pr, mode) + between(0, 4).generate(in);
            Conv1dParams p = new Conv1dParams(groups * inPerGroup, groups * outPerGroup, k, s, pl, pr, mode, d,
                    groups, bias);
            return new Conv1dCase(p, new int[] {batch, groups * inPerGroup, len}, seeds().generate(in));
        };
    }

    /**
     * conv_transpose2d cases: batch 1-2, groups 1-2, 1-2 channels per group, kernel 1-3, stride 1-3,
     * dilation 1-2, padding 0-2, output_padding below the stride or the dilation, input 1-4 (grown until
     * the output is at least 1).
     */
    static Gen<ConvTransposeCase> convTranspose2d() {
        return in -> {
            int batch = between(1, 2).generate(in);
            int groups = between(1, 2).generate(in);
            int inPerGroup = between(1, 2).generate(in);
            int outPerGroup = between(1, 2).generate(in);
            int kh = between(1, 3).generate(in), kw = between(1, 3).generate(in);
            int sh = between(1, 3).generate(in), sw = between(1, 3).generate(in);
            int dh = between(1, 2).generate(in), dw = between(1, 2).generate(in);
            int ph = between(0, 2).generate(in), pw = between(0, 2).generate(in);
            int oph = between(0, Math.max(sh, dh) - 1).generate(in), opw = between(0, Math.max(sw, dw) - 1).generate(in);
            boolean bias = Generate.booleans().generate(in);
            int h = smallestTransposeInput(kh, sh, ph, oph, dh) + between(0, 2).generate(in);
            int w = smallestTransposeInput(kw, sw, pw, opw, dw) + between(0, 2).generate(in);
            ConvTranspose2dParams p = new ConvTranspose2dParams(groups * inPerGroup, groups * outPerGroup, kh, kw,
                    sh, sw, ph, pw, oph, opw, dh, dw, groups, bias);
            return new ConvTransposeCase(p, new int[] {batch, groups * inPerGroup, h, w}, seeds().generate(in));
        };
    }

    /** The smallest input for which {@code (in-1)*stride - 2*pad + dilation*(kernel-1) + outPad + 1 >= 1}. */
    static int smallestTransposeInput(int kernel, int stride, int pad, int outPad, int dilation) {
        int in = 1;
        while ((in - 1) * stride - 2 * pad + dilation * (kernel - 1) + outPad + 1 < 1) in++;
        return in;
    }

    /** The element-wise sum {@code a*x + b*y} of two same-shaped tensors, as a new tensor. */
    static Tensor axpby(float a, Tensor x, float b, Tensor y) {
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) out[i] = a * x.data()[i] + b * y.data()[i];
        return Tensor.wrap(out, x.shape());
    }

    /** {@code sum(a*b)} in double. */
    static double dot(Tensor a, Tensor b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("dot of " + Arrays.toString(a.shape()) + " and "
                + Arrays.toString(b.shape()));
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += (double) a.data()[i] * b.data()[i];
        return s;
    }

    /** {@code sum(|a|*|b|)} in double: the scale against which the rounding error of {@link #dot} is judged. */
    static double absDot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += Math.abs((double) a.data()[i] * b.data()[i]);
        return s;
    }
}
