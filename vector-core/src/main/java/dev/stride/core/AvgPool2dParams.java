package dev.stride.core;

/**
 * Parameters of 2-D average pooling ({@code torch.nn.AvgPool2d}); stride defaults to the kernel.
 *
 * <p>Output size as {@link MaxPool2dParams} without dilation. The divisor of a window is
 * {@code divisorOverride} when non-zero; else, with {@code countIncludePad} (PyTorch's default true), the
 * window's size clipped to the padded input ({@code in + padding}); else the number of input cells it covers.
 * ONNX AveragePool's default is {@code count_include_pad=0}: pass false for ONNX semantics.
 */
public record AvgPool2dParams(int kernelH, int kernelW, int strideH, int strideW, int paddingH, int paddingW,
                              boolean ceilMode, boolean countIncludePad, int divisorOverride) {
    public AvgPool2dParams {
        Check.positive("kernel_size height", kernelH);
        Check.positive("kernel_size width", kernelW);
        Check.positive("stride height", strideH);
        Check.positive("stride width", strideW);
        Check.nonNegative("padding height", paddingH);
        Check.nonNegative("padding width", paddingW);
        PoolShape.checkPad("avg_pool2d", "height", paddingH, kernelH, 1);
        PoolShape.checkPad("avg_pool2d", "width", paddingW, kernelW, 1);
    }

    /** Square kernel, stride = kernel, no padding, floor mode, count_include_pad, no divisor override. */
    public static AvgPool2dParams of(int kernel) { return of(kernel, kernel, 0); }

    public static AvgPool2dParams of(int kernel, int stride, int padding) {
        return new AvgPool2dParams(kernel, kernel, stride, stride, padding, padding, false, true, 0);
    }

    /** True when {@link #divisorOverride()} is set (non-zero). */
    public boolean hasDivisorOverride() { return divisorOverride != 0; }

    public int outHeight(int inH) { return PoolShape.outSize("avg_pool2d", "height", inH, kernelH, strideH, paddingH, 1, ceilMode); }

    public int outWidth(int inW) { return PoolShape.outSize("avg_pool2d", "width", inW, kernelW, strideW, paddingW, 1, ceilMode); }

    public int[] outputShape(int[] inputShape) {
        PoolShape.checkNchw("avg_pool2d", inputShape);
        return PoolShape.nchwOut("avg_pool2d", inputShape, outHeight(inputShape[2]), outWidth(inputShape[3]));
    }
}
