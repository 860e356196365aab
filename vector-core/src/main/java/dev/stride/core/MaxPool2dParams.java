package dev.stride.core;

/**
 * Parameters of 2-D max pooling ({@code torch.nn.MaxPool2d}); stride defaults to the kernel.
 *
 * <p>Input {@code [N, C, H, W]}, output {@code [N, C, outH, outW]} with {@code out =
 * floor_or_ceil((in + 2*padding - dilation*(kernel-1) - 1) / stride) + 1}; in ceil mode the last window
 * must start inside the input or the left padding. Padding is at most half the kernel (PyTorch rule).
 * Padded cells count as minus infinity. Each channel is pooled on its own; a NaN in a window wins.
 */
public record MaxPool2dParams(int kernelH, int kernelW, int strideH, int strideW, int paddingH, int paddingW,
                              int dilationH, int dilationW, boolean ceilMode) {
    public MaxPool2dParams {
        Check.positive("kernel_size height", kernelH);
        Check.positive("kernel_size width", kernelW);
        Check.positive("stride height", strideH);
        Check.positive("stride width", strideW);
        Check.nonNegative("padding height", paddingH);
        Check.nonNegative("padding width", paddingW);
        Check.positive("dilation height", dilationH);
        Check.positive("dilation width", dilationW);
        PoolShape.checkPad("max_pool2d", "height", paddingH, kernelH, dilationH);
        PoolShape.checkPad("max_pool2d", "width", paddingW, kernelW, dilationW);
    }

    /** Square kernel, stride = kernel, no padding, no dilation, floor mode. */
    public static MaxPool2dParams of(int kernel) { return of(kernel, kernel, 0); }

    /** Square kernel, stride and padding; dilation 1, floor mode. */
    public static MaxPool2dParams of(int kernel, int stride, int padding) {
        return new MaxPool2dParams(kernel, kernel, stride, stride, padding, padding, 1, 1, false);
    }

    public int outHeight(int inH) { return PoolShape.outSize("max_pool2d", "height", inH, kernelH, strideH, paddingH, dilationH, ceilMode); }

    public int outWidth(int inW) { return PoolShape.outSize("max_pool2d", "width", inW, kernelW, strideW, paddingW, dilationW, ceilMode); }

    /** Output shape for an NCHW input shape. */
    public int[] outputShape(int[] inputShape) {
        PoolShape.checkNchw("max_pool2d", inputShape);
        return PoolShape.nchwOut("max_pool2d", inputShape, outHeight(inputShape[2]), outWidth(inputShape[3]));
    }

    public MaxPool2dParams withCeilMode(boolean ceil) {
        return new MaxPool2dParams(kernelH, kernelW, strideH, strideW, paddingH, paddingW, dilationH, dilationW, ceil);
    }
}
