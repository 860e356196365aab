package dev.stride.core;

/** Parameters of 1-D max pooling ({@code torch.nn.MaxPool1d}): the H=1 case of {@link MaxPool2dParams}. */
public record MaxPool1dParams(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    public MaxPool1dParams {
        Check.positive("kernel_size", kernel);
        Check.positive("stride", stride);
        Check.nonNegative("padding", padding);
        Check.positive("dilation", dilation);
        PoolShape.checkPad("max_pool1d", "", padding, kernel, dilation);
    }

    public static MaxPool1dParams of(int kernel) { return new MaxPool1dParams(kernel, kernel, 0, 1, false); }

    /** The 2-D form on {@code [N, C, 1, L]}. */
    public MaxPool2dParams toPool2d() { return new MaxPool2dParams(1, kernel, 1, stride, 0, padding, 1, dilation, ceilMode); }

    public int outLength(int inL) { return PoolShape.outSize("max_pool1d", "length", inL, kernel, stride, padding, dilation, ceilMode); }

    public int[] outputShape(int[] inputShape) {
        PoolShape.checkNcl("max_pool1d", inputShape);
        return new int[] {inputShape[0], inputShape[1], outLength(inputShape[2])};
    }
}
