package dev.stride.core;

import java.util.Arrays;

/**
 * Parameters of a 1-D convolution ({@code torch.nn.Conv1d}); computed as the H=1 case of
 * {@link Conv2dParams} (see {@link #toConv2d()}).
 *
 * <p>Shapes: input {@code [N, inChannels, L]}, weight {@code [outChannels, inChannels/groups, kernel]},
 * bias {@code [outChannels]}, output {@code [N, outChannels, outL]}.
 */
public record Conv1dParams(int inChannels, int outChannels, int kernel, int stride, int padLeft, int padRight,
                           PaddingMode paddingMode, int dilation, int groups, boolean bias) {
    public Conv1dParams {
        // Validation is shared with the 2-D form.
        new Conv2dParams(inChannels, outChannels, 1, kernel, 1, stride, new Padding2d(0, 0, padLeft, padRight),
                paddingMode, 1, dilation, groups, bias);
    }

    /** PyTorch defaults: stride 1, padding 0, zeros, dilation 1, groups 1, bias. */
    public static Conv1dParams of(int inChannels, int outChannels, int kernel) {
        return new Conv1dParams(inChannels, outChannels, kernel, 1, 0, 0, PaddingMode.ZEROS, 1, 1, true);
    }

    /** PyTorch's {@code padding='same'} (stride must be 1). */
    public static Conv1dParams same(int inChannels, int outChannels, int kernel, int dilation, int groups,
                                    PaddingMode mode, boolean bias) {
        Check.positive("kernel", kernel);
        Check.positive("dilation", dilation);
        int t = dilation * (kernel - 1);
        return new Conv1dParams(inChannels, outChannels, kernel, 1, t / 2, t - t / 2, mode, dilation, groups, bias);
    }

    /** The equivalent 2-D parameters (kernel 1 x kernel, input seen as {@code [N, C, 1, L]}). */
    public Conv2dParams toConv2d() {
        return new Conv2dParams(inChannels, outChannels, 1, kernel, 1, stride, new Padding2d(0, 0, padLeft, padRight),
                paddingMode, 1, dilation, groups, bias);
    }

    /** Output length for an input of length {@code inL}. */
    public int outLength(int inL) { return toConv2d().outWidth(inL); }

    /** The output shape for an NCL input shape. */
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("input must be NCL (3 dimensions), got shape " + Arrays.toString(inputShape));
        }
        int[] o = toConv2d().outputShape(new int[] {inputShape[0], inputShape[1], 1, inputShape[2]});
        return new int[] {o[0], o[1], o[3]};
    }

    /** The weight shape {@code [outChannels, inChannels/groups, kernel]}. */
    public int[] weightShape() { return new int[] {outChannels, inChannels / groups, kernel}; }
}
