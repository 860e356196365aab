package dev.stride.core;

/**
 * Parameters of 1-D average pooling ({@code torch.nn.AvgPool1d}): the H=1 case of {@link AvgPool2dParams}
 * (PyTorch's avg_pool1d has no divisor_override; this record carries it for symmetry, 0 = none).
 */
public record AvgPool1dParams(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad,
                              int divisorOverride) {
    public AvgPool1dParams {
        Check.positive("kernel_size", kernel);
        Check.positive("stride", stride);
        Check.nonNegative("padding", padding);
        PoolShape.checkPad("avg_pool1d", "", padding, kernel, 1);
    }

    public static AvgPool1dParams of(int kernel) { return new AvgPool1dParams(kernel, kernel, 0, false, true, 0); }

    public AvgPool2dParams toPool2d() {
        return new AvgPool2dParams(1, kernel, 1, stride, 0, padding, ceilMode, countIncludePad, divisorOverride);
    }

    public int outLength(int inL) { return PoolShape.outSize("avg_pool1d", "length", inL, kernel, stride, padding, 1, ceilMode); }

    public int[] outputShape(int[] inputShape) {
        PoolShape.checkNcl("avg_pool1d", inputShape);
        return new int[] {inputShape[0], inputShape[1], outLength(inputShape[2])};
    }
}
