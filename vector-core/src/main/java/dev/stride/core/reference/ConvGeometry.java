package dev.stride.core.reference;

import dev.stride.core.Conv2dParams;
import dev.stride.core.PaddingMode;

/**
 * The sizes of one {@link Conv2dParams} applied to one input shape, and the index arithmetic the
 * reference loops share: where a kernel tap reads, and flat NCHW / OIHW offsets. Built only from
 * validated parameters and shapes.
 */
final class ConvGeometry {
    final int batch, inChannels, inH, inW, outChannels, outH, outW, kernelH, kernelW;
    final int inPerGroup, outPerGroup;
    private final int strideH, strideW, dilationH, dilationW, padTop, padLeft;
    private final PaddingMode mode;

    private ConvGeometry(int[] inputShape, Conv2dParams p) {
        batch = inputShape[0];
        inChannels = inputShape[1];
        inH = inputShape[2];
        inW = inputShape[3];
        outChannels = p.outChannels();
        outH = p.outHeight(inH);
        outW = p.outWidth(inW);
        kernelH = p.kernelH();
        kernelW = p.kernelW();
        inPerGroup = p.inChannels() / p.groups();
        outPerGroup = p.outChannels() / p.groups();
        strideH = p.strideH();
        strideW = p.strideW();
        dilationH = p.dilationH();
        dilationW = p.dilationW();
        padTop = p.padding().top();
        padLeft = p.padding().left();
        mode = p.paddingMode();
    }

    static ConvGeometry of(int[] inputShape, Conv2dParams p) { return new ConvGeometry(inputShape, p); }

    int[] outputShape() { return new int[] {batch, outChannels, outH, outW}; }

    /** The input row that tap {@code i} of output row {@code oy} reads, or -1 when it reads zero padding. */
    int sourceRow(int oy, int i) { return ConvPadding.sourceIndex(oy * strideH + i * dilationH - padTop, inH, mode); }

    /** The input column that tap {@code j} of output column {@code ox} reads, or -1 for zero padding. */
    int sourceCol(int ox, int j) { return ConvPadding.sourceIndex(ox * strideW + j * dilationW - padLeft, inW, mode); }

    int inputIndex(int n, int c, int y, int x) { return ((n * inChannels + c) * inH + y) * inW + x; }

    int outputIndex(int n, int o, int y, int x) { return ((n * outChannels + o) * outH + y) * outW + x; }

    int weightIndex(int o, int c, int i, int j) { return ((o * inPerGroup + c) * kernelH + i) * kernelW + j; }
}
