package dev.stride.core;

/**
 * Parameters of adaptive (and, at 1x1, global) average and max pooling
 * ({@code torch.nn.AdaptiveAvgPool2d}). Output cell {@code i} of an axis of input size {@code in} and
 * output size {@code out} covers {@code [floor(i*in/out), ceil((i+1)*in/out))}.
 */
public record AdaptivePool2dParams(int outH, int outW) {
    public AdaptivePool2dParams {
        Check.positive("output_size height", outH);
        Check.positive("output_size width", outW);
    }

    /** Global pooling: output 1x1. */
    public static AdaptivePool2dParams global() { return new AdaptivePool2dParams(1, 1); }

    /** First input index of output cell {@code i}. */
    public static int start(int i, int in, int out) { return (int) ((long) i * in / out); }

    /** One past the last input index of output cell {@code i}. */
    public static int end(int i, int in, int out) { return (int) (((long) (i + 1) * in + out - 1) / out); }

    public int[] outputShape(int[] inputShape) {
        PoolShape.checkNchw("adaptive_pool2d", inputShape);
        Check.positive("input height", inputShape[2]);
        Check.positive("input width", inputShape[3]);
        return new int[] {inputShape[0], inputShape[1], outH, outW};
    }
}
