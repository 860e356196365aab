package dev.stride.core;

import java.util.Arrays;

/**
 * Parameters of a 2-D transposed convolution ({@code torch.nn.ConvTranspose2d}).
 *
 * <p>Shapes: input {@code [N, inChannels, H, W]}, weight {@code [inChannels, outChannels/groups, kernelH,
 * kernelW]}, bias {@code [outChannels]}, output {@code [N, outChannels, outH, outW]} with
 * {@code out = (in-1)*stride - 2*padding + dilation*(kernel-1) + outputPadding + 1}.
 * {@code outputPadding} must be smaller than the stride or the dilation (PyTorch rule).
 */
public record ConvTranspose2dParams(int inChannels, int outChannels, int kernelH, int kernelW,
                                    int strideH, int strideW, int paddingH, int paddingW,
                                    int outputPaddingH, int outputPaddingW, int dilationH, int dilationW,
                                    int groups, boolean bias) {
    public ConvTranspose2dParams {
        Check.positive("in_channels", inChannels);
        Check.positive("out_channels", outChannels);
        Check.positive("kernel height", kernelH);
        Check.positive("kernel width", kernelW);
        Check.positive("stride height", strideH);
        Check.positive("stride width", strideW);
        Check.nonNegative("padding height", paddingH);
        Check.nonNegative("padding width", paddingW);
        Check.nonNegative("output_padding height", outputPaddingH);
        Check.nonNegative("output_padding width", outputPaddingW);
        Check.positive("dilation height", dilationH);
        Check.positive("dilation width", dilationW);
        Check.positive("groups", groups);
        Check.that(inChannels % groups == 0, "in_channels " + inChannels + " must be divisible by groups " + groups);
        Check.that(outChannels % groups == 0, "out_channels " + outChannels + " must be divisible by groups " + groups);
        Check.that(outputPaddingH < strideH || outputPaddingH < dilationH, "output_padding height " + outputPaddingH
                + " must be smaller than either stride " + strideH + " or dilation " + dilationH + " (PyTorch rule)");
        Check.that(outputPaddingW < strideW || outputPaddingW < dilationW, "output_padding width " + outputPaddingW
                + " must be smaller than either stride " + strideW + " or dilation " + dilationW + " (PyTorch rule)");
    }

    /** PyTorch defaults: stride 1, padding 0, output_padding 0, dilation 1, groups 1, bias. */
    public static ConvTranspose2dParams of(int inChannels, int outChannels, int kernel) {
        return new ConvTranspose2dParams(inChannels, outChannels, kernel, kernel, 1, 1, 0, 0, 0, 0, 1, 1, 1, true);
    }

    public int outHeight(int inH) { return outSize("height", inH, kernelH, strideH, paddingH, outputPaddingH, dilationH); }

    public int outWidth(int inW) { return outSize("width", inW, kernelW, strideW, paddingW, outputPaddingW, dilationW); }

    private static int outSize(String axis, int in, int k, int s, int p, int op, int d) {
        Check.positive("input " + axis, in);
        long out = (long) (in - 1) * s - 2L * p + (long) d * (k - 1) + op + 1;
        if (out < 1) {
            throw new IllegalArgumentException("output " + axis + " " + out + " is below 1: (in-1)*stride - 2*padding"
                    + " + dilation*(kernel-1) + output_padding + 1 with in=" + in + ", stride=" + s + ", padding=" + p
                    + ", dilation=" + d + ", kernel=" + k + ", output_padding=" + op);
        }
        return (int) out;
    }

    /** The weight shape {@code [inChannels, outChannels/groups, kernelH, kernelW]}. */
    public int[] weightShape() { return new int[] {inChannels, outChannels / groups, kernelH, kernelW}; }

    /** The output shape for an NCHW input shape. */
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

    /** Validates input, weight and bias shapes; bias must be null iff !bias(). */
    public void checkInputs(Tensor input, Tensor weight, Tensor biasTensor) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        outputShape(input.shape());
        weight.requireShape("weight", weightShape());
        Conv2dParams.checkBias(biasTensor, bias, outChannels);
    }

    /** FLOPs (2 per multiply-accumulate) of the forward pass. */
    public long flops(int[] inputShape) {
        return 2L * inputShape[0] * inputShape[1] * inputShape[2] * inputShape[3]
                * (long) (outChannels / groups) * kernelH * kernelW;
    }

    /** The convolution whose input gradient this op computes (same kernel, stride, padding, dilation, groups). */
    public Conv2dParams adjointConv() {
        return new Conv2dParams(outChannels, inChannels, kernelH, kernelW, strideH, strideW,
                Padding2d.of(paddingH, paddingW), PaddingMode.ZEROS, dilationH, dilationW, groups, false);
    }
}
