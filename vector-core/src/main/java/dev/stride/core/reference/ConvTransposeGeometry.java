package dev.stride.core.reference;

import dev.stride.core.ConvTranspose2dParams;

/**
 * The sizes of one {@link ConvTranspose2dParams} applied to one input shape, and the index arithmetic
 * of the reference loops: which input cell a kernel tap brings to an output cell, and flat NCHW /
 * IOHW offsets. Built only from validated parameters and shapes.
 */
final class ConvTransposeGeometry {
    final int batch, inChannels, inH, inW, outChannels, outH, outW, kernelH, kernelW;
    final int inPerGroup, outPerGroup;
    private final int strideH, strideW, dilationH, dilationW, padH, padW;

    private ConvTransposeGeometry(int[] inputShape, ConvTranspose2dParams p) {
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
        padH = p.paddingH();
        padW = p.paddingW();
    }

    static ConvTransposeGeometry of(int[] inputShape, ConvTranspose2dParams p) {
        return new ConvTransposeGeometry(inputShape, p);
    }

    int[] outputShape() { return new int[] {batch, outChannels, outH, outW}; }

    /** The input row whose tap {@code i} lands on output row {@code oy}, or -1 when none does. */
    int sourceRow(int oy, int i) { return source(oy + padH - i * dilationH, strideH, inH); }

    /** The input column whose tap {@code j} lands on output column {@code ox}, or -1 when none does. */
    int sourceCol(int ox, int j) { return source(ox + padW - j * dilationW, strideW, inW); }

    // Input cell y lands at y*stride - pad + tap*dilation; invert that, requiring an exact multiple of the stride.
    private static int source(int scaled, int stride, int size) {
        if (scaled < 0 || scaled % stride != 0) return -1;
        int y = scaled / stride;
        return y < size ? y : -1;
    }

    int inputIndex(int n, int c, int y, int x) { return ((n * inChannels + c) * inH + y) * inW + x; }

    int outputIndex(int n, int o, int y, int x) { return ((n * outChannels + o) * outH + y) * outW + x; }

    int weightIndex(int c, int o, int i, int j) { return ((c * outPerGroup + o) * kernelH + i) * kernelW + j; }
}
