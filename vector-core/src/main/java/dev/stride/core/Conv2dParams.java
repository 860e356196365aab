package dev.stride.core;

import java.util.Arrays;

/**
 * Parameters of a 2-D convolution with PyTorch's names and defaults ({@code torch.nn.Conv2d}).
 *
 * <p>Shapes: input {@code [N, inChannels, H, W]}, weight {@code [outChannels, inChannels/groups, kernelH,
 * kernelW]}, bias {@code [outChannels]} when {@link #bias()}, output {@code [N, outChannels, outH, outW]}
 * with {@code out = floor((in + padBefore + padAfter - dilation*(kernel-1) - 1) / stride) + 1}
 * (the conv_arithmetic formula). Padding is explicit per side; {@link Builder#same()},
 * {@link Builder#valid()} and {@link Padding2d#onnxAuto} resolve the named forms.
 *
 * <p>Errors: every invalid value or combination is an {@link IllegalArgumentException} naming the
 * parameter, the value and the rule; an output size below 1 is an error, not an empty tensor.
 */
public record Conv2dParams(int inChannels, int outChannels, int kernelH, int kernelW,
                           int strideH, int strideW, Padding2d padding, PaddingMode paddingMode,
                           int dilationH, int dilationW, int groups, boolean bias) {

    public Conv2dParams {
        Check.positive("in_channels", inChannels);
        Check.positive("out_channels", outChannels);
        Check.positive("kernel height", kernelH);
        Check.positive("kernel width", kernelW);
        Check.positive("stride height", strideH);
        Check.positive("stride width", strideW);
        Check.positive("dilation height", dilationH);
        Check.positive("dilation width", dilationW);
        Check.positive("groups", groups);
        Check.notNull("padding", padding);
        Check.notNull("padding_mode", paddingMode);
        Check.that(inChannels % groups == 0, "in_channels " + inChannels + " must be divisible by groups " + groups);
        Check.that(outChannels % groups == 0, "out_channels " + outChannels + " must be divisible by groups " + groups);
    }

    /** A builder with PyTorch's defaults: stride 1, padding 0, zeros mode, dilation 1, groups 1, bias true. */
    public static Builder builder(int inChannels, int outChannels, int kernel) {
        return new Builder(inChannels, outChannels, kernel, kernel);
    }

    /** As {@link #builder(int, int, int)} with a {@code kernelH x kernelW} kernel. */
    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, kernelH, kernelW);
    }

    /** Effective kernel height {@code dilationH*(kernelH-1)+1}. */
    public int effectiveKernelH() { return dilationH * (kernelH - 1) + 1; }

    /** Effective kernel width {@code dilationW*(kernelW-1)+1}. */
    public int effectiveKernelW() { return dilationW * (kernelW - 1) + 1; }

    /** Output height for an input of height {@code inH}; throws if the padding mode or size does not fit. */
    public int outHeight(int inH) {
        return outSize("height", inH, padding.top(), padding.bottom(), kernelH, strideH, dilationH);
    }

    /** Output width for an input of width {@code inW}; throws if the padding mode or size does not fit. */
    public int outWidth(int inW) {
        return outSize("width", inW, padding.left(), padding.right(), kernelW, strideW, dilationW);
    }

    private int outSize(String axis, int in, int p0, int p1, int k, int s, int d) {
        Check.positive("input " + axis, in);
        checkModePadding(axis, in, p0, p1, paddingMode);
        int eff = d * (k - 1) + 1;
        int span = in + p0 + p1 - eff;
        if (span < 0) {
            throw new IllegalArgumentException("input " + axis + " " + in + " plus padding " + p0 + "+" + p1
                    + " is smaller than the effective kernel " + axis + " " + eff
                    + " (dilation*(kernel-1)+1): output " + axis + " would be below 1");
        }
        return span / s + 1;
    }

    static void checkModePadding(String axis, int in, int p0, int p1, PaddingMode mode) {
        int p = Math.max(p0, p1);
        if (mode == PaddingMode.REFLECT && p >= in) {
            throw new IllegalArgumentException("padding " + p + " must be smaller than the input " + axis + " " + in
                    + " for reflect padding");
        }
        if (mode == PaddingMode.CIRCULAR && p > in) {
            throw new IllegalArgumentException("padding " + p + " must not exceed the input " + axis + " " + in
                    + " for circular padding (it would wrap more than once)");
        }
    }

    /** The weight shape {@code [outChannels, inChannels/groups, kernelH, kernelW]}. */
    public int[] weightShape() { return new int[] {outChannels, inChannels / groups, kernelH, kernelW}; }

    /** The output shape for an NCHW input shape; validates the input's rank and channels. */
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 4) {
            throw new IllegalArgumentException("input must be NCHW (4 dimensions), got shape " + Arrays.toString(inputShape));
        }
        Check.positive("batch size", inputShape[0]);
        if (inputShape[1] != inChannels) {
            throw new IllegalArgumentException("input has " + inputShape[1] + " channels, in_channels is " + inChannels);
        }
        return new int[] {inputShape[0], outChannels, outHeight(inputShape[2]), outWidth(inputShape[3])};
    }

    /** Validates input, weight and bias shapes against these parameters; bias must be null iff !bias(). */
    public void checkInputs(Tensor input, Tensor weight, Tensor biasTensor) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        outputShape(input.shape());
        weight.requireShape("weight", weightShape());
        checkBias(biasTensor, bias, outChannels);
    }

    static void checkBias(Tensor biasTensor, boolean bias, int outChannels) {
        if (bias) {
            if (biasTensor == null) throw new IllegalArgumentException("bias is null but the parameters say bias=true");
            biasTensor.requireShape("bias", outChannels);
        } else if (biasTensor != null) {
            throw new IllegalArgumentException("bias tensor given but the parameters say bias=false");
        }
    }

    /** Multiply-add FLOPs (2 per multiply-accumulate) of the forward pass for an input shape. */
    public long flops(int[] inputShape) {
        int[] o = outputShape(inputShape);
        return 2L * o[0] * o[1] * o[2] * o[3] * (long) (inChannels / groups) * kernelH * kernelW;
    }

    /** The same parameters with another padding. */
    public Conv2dParams withPadding(Padding2d p) {
        return new Conv2dParams(inChannels, outChannels, kernelH, kernelW, strideH, strideW, p, paddingMode,
                dilationH, dilationW, groups, bias);
    }

    /** Builder with PyTorch's defaults. */
    public static final class Builder {
        private final int in, out, kh, kw;
        private int sh = 1, sw = 1, dh = 1, dw = 1, groups = 1;
        private Padding2d padding = Padding2d.of(0);
        private boolean same;
        private PaddingMode mode = PaddingMode.ZEROS;
        private boolean bias = true;

        private Builder(int in, int out, int kh, int kw) { this.in = in; this.out = out; this.kh = kh; this.kw = kw; }

        public Builder stride(int s) { return stride(s, s); }
        public Builder stride(int h, int w) { sh = h; sw = w; return this; }
        public Builder padding(int p) { return padding(Padding2d.of(p)); }
        public Builder padding(int h, int w) { return padding(Padding2d.of(h, w)); }
        public Builder padding(Padding2d p) { padding = p; same = false; return this; }
        /** PyTorch {@code padding='same'}: only with stride 1. */
        public Builder same() { same = true; return this; }
        /** PyTorch {@code padding='valid'}: no padding. */
        public Builder valid() { return padding(0); }
        public Builder paddingMode(PaddingMode m) { mode = m; return this; }
        public Builder dilation(int d) { return dilation(d, d); }
        public Builder dilation(int h, int w) { dh = h; dw = w; return this; }
        public Builder groups(int g) { groups = g; return this; }
        public Builder bias(boolean b) { bias = b; return this; }

        public Conv2dParams build() {
            Padding2d p = padding;
            if (same) {
                if (sh != 1 || sw != 1) {
                    throw new IllegalArgumentException("padding='same' is not supported for strided convolutions (stride "
                            + sh + "," + sw + "); PyTorch rule");
                }
                Check.positive("kernel height", kh);
                Check.positive("kernel width", kw);
                Check.positive("dilation height", dh);
                Check.positive("dilation width", dw);
                p = Padding2d.same(kh, kw, dh, dw);
            }
            return new Conv2dParams(in, out, kh, kw, sh, sw, p, mode, dh, dw, groups, bias);
        }
    }
}
