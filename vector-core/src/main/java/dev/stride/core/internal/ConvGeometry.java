package dev.stride.core.internal;

import dev.stride.core.PaddingMode;

/**
 * The index arithmetic of one convolution group, shared by im2col, col2im and the depthwise path:
 * a {@code channels x inH x inW} input seen through a {@code kernelH x kernelW} window with stride,
 * dilation and padding, giving {@code outH x outW} positions.
 *
 * <p>Padding is resolved once into maps from padded coordinates to input coordinates
 * ({@code -1} = a zero cell): {@code rowMap[ph]} for {@code ph < paddedH}, {@code colMap[pw]}. Zeros
 * padding maps outside cells to -1; reflect, replicate and circular map them to the input cell PyTorch
 * reads, so every padding mode runs through the same loops and the backward pass accumulates into the
 * cells the forward read. {@code rowTap[ky*outH + oh]} and {@code colTap[kx*outW + ow]} are the maps at
 * each window tap. {@code colLo[kx]..colHi[kx]} is the range of output columns whose tap reads the input
 * directly at {@code ow*strideW + kx*dilationW - padLeft}, so the interior needs no lookups.
 */
final class ConvGeometry {
    final int channels, inH, inW, outH, outW, kernelH, kernelW, strideH, strideW, dilationH, dilationW;
    final int padTop, padLeft, paddedH, paddedW;
    final int[] rowMap, colMap, rowTap, colTap, colLo, colHi;

    ConvGeometry(int channels, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                 int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft, PaddingMode mode) {
        this.channels = channels;
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.paddedH = (outH - 1) * strideH + (kernelH - 1) * dilationH + 1;
        this.paddedW = (outW - 1) * strideW + (kernelW - 1) * dilationW + 1;
        this.rowMap = map(paddedH, padTop, inH, mode);
        this.colMap = map(paddedW, padLeft, inW, mode);
        this.rowTap = new int[kernelH * outH];
        for (int ky = 0; ky < kernelH; ky++) {
            for (int oh = 0; oh < outH; oh++) rowTap[ky * outH + oh] = rowMap[oh * strideH + ky * dilationH];
        }
        this.colTap = new int[kernelW * outW];
        this.colLo = new int[kernelW];
        this.colHi = new int[kernelW];
        for (int kx = 0; kx < kernelW; kx++) {
            int lo = outW, hi = outW;
            for (int ow = 0; ow < outW; ow++) {
                int pw = ow * strideW + kx * dilationW;
                colTap[kx * outW + ow] = colMap[pw];
                boolean inside = pw - padLeft >= 0 && pw - padLeft < inW;
                if (inside && lo == outW) lo = ow;
                if (inside) hi = ow + 1;
            }
            if (lo == outW) hi = outW;
            colLo[kx] = lo;
            colHi[kx] = hi;
        }
    }

    /** Rows of the im2col matrix: {@code channels * kernelH * kernelW}. */
    int patchSize() { return channels * kernelH * kernelW; }

    /** Output positions: {@code outH * outW}. */
    int positions() { return outH * outW; }

    private static int[] map(int padded, int before, int in, PaddingMode mode) {
        int[] m = new int[padded];
        for (int p = 0; p < padded; p++) {
            int i = p - before;
            if (i >= 0 && i < in) {
                m[p] = i;
                continue;
            }
            m[p] = switch (mode) {
                case ZEROS -> -1;
                case REPLICATE -> i < 0 ? 0 : in - 1;
                case REFLECT -> i < 0 ? -i : 2 * (in - 1) - i;
                case CIRCULAR -> Math.floorMod(i, in);
            };
        }
        return m;
    }
}
