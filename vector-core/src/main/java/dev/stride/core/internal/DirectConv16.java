package dev.stride.core.internal;

/**
 * Direct convolution in the channel-blocked layout (NCHW16c) for 3x3 convolutions with many channels:
 * no im2col and no GEMM operand packing per tile. Per call, the input is copied once into padded
 * 16-channel blocks and the weights are packed; then every output row of 2 x 16 output channels is
 * computed by {@link DirectConvKernel14x2} in blocks of 14 pixels (16 output channels fill one
 * 512-bit vector; each input value is broadcast and multiplied into 2 weight vectors).
 *
 * <p>Layouts. Padded input: {@code [batch][inChannels/16][paddedH][strideW][wq][16]}, where a padded
 * row is split into its {@code strideW} column phases of {@code wq = ceil(paddedW/strideW)} cells, so
 * that consecutive output pixels read consecutive 16-float cells for every tap, whatever the stride
 * (padded column {@code pw} lives in phase {@code pw % strideW} at cell {@code pw / strideW}). Padding
 * of every mode goes through {@link ConvGeometry}'s maps. Weights: {@code [outChannels/16][K][16]},
 * {@code K = inChannels*kH*kW} ordered (input block, ky, kx, channel in block), so a weight vector is
 * 16 output channels of one reduction step. Reduction step {@code kk} of a pixel reads the padded input
 * at the pixel's cell plus {@link #offsets}{@code [kk]}.
 *
 * <p>Summation order: every output is a k-ascending FMA chain from zero over (input block, ky, kx,
 * channel), then bias, then the activation, applied to the stored tile. A row whose width is not a
 * multiple of 14 ends with a block that overlaps the previous one; the overlap recomputes identical
 * values. Threads: tasks are (image, pair of output-channel blocks, output row), each writing only its
 * own outputs, with sizes independent of the thread count: bitwise identical for any thread count.
 *
 * <p>Shapes with zeros padding whose windows leave the input only at the first and the last one or two
 * output columns (e.g. 3x3 with padding 1 at stride 1 or 2, padding 2 with dilation 2) are handed to {@link DirectConvInPlace} (planned in
 * {@link ConvPlan#inPlace}), which reads the input in place instead of copying it.
 *
 * <p>Workspace: the padded, blocked input copy ({@code batch * inChannels * paddedH * strideW * wq}
 * floats) and the packed weights ({@code outChannels * K}) on the calling thread, and one
 * {@code 32 x outW} output tile per task.
 */
final class DirectConv16 {
    private DirectConv16() {}

    private static final int C = 16;
    /** Output pixels per kernel call (a copy of {@link DirectConvKernel14x2#PIXELS}: planning loads no Vector API class). */
    static final int PIXELS = 14;

    /**
     * Whether the direct path runs for this shape: 512-bit vectors, one group, input channels a
     * multiple of 16, output channels a multiple of 32, a 3x3 kernel, equal strides 1 or 2 and rows of
     * at least 14 outputs. Those are the shapes measured faster than the implicit GEMM and im2col.
     */
    static boolean applies(int groups, int inChannels, int outChannels, ConvGeometry g) {
        return VectorSupport.BITS == 512 && groups == 1 && inChannels % C == 0 && outChannels % (2 * C) == 0
                && g.kernelH == 3 && g.kernelW == 3 && g.strideH == g.strideW && g.strideW <= 2 && g.outW >= PIXELS;
    }

    /** The index tables of one planned shape, built once with the {@link ConvPlan}. */
    static final class Layout {
        /** Cells of one column phase of a padded row, and floats of one padded, blocked row. */
        final int wq, row;
        /** Offset of reduction step kk = ((block*kH + ky)*kW + kx)*16 + channel from a pixel's cell. */
        final int[] steps;
        /** Offset of padded column pw's cell within its row ({@code paddedW} entries). */
        final int[] cells;
        /** {@code c * outH*outW} for c < 16: the output planes of one channel block. */
        final int[] planes;
        /** For weight column {@code ci*taps + tap} of one block: its cell {@code (tap*16 + ci)*16}. */
        final int[] packCells;

        Layout(int inChannels, ConvGeometry g) {
            int sw = g.strideW, taps = g.kernelH * g.kernelW;
            wq = (g.paddedW + sw - 1) / sw;
            row = sw * wq * C;
            cells = new int[g.paddedW];
            for (int pw = 0; pw < g.paddedW; pw++) cells[pw] = ((pw % sw) * wq + pw / sw) * C;
            int blockPlane = g.paddedH * row;
            steps = new int[inChannels * taps];
            for (int kk = 0; kk < steps.length; kk++) {
                int ci = kk % C, t = kk / C % taps, cb = kk / (C * taps);
                int ky = t / g.kernelW, kx = t % g.kernelW;
                steps[kk] = cb * blockPlane + ky * g.dilationH * row + cells[kx * g.dilationW] + ci;
            }
            planes = new int[C];
            for (int c = 0; c < C; c++) planes[c] = c * g.outH * g.outW;
            packCells = new int[C * taps];
            for (int col = 0; col < packCells.length; col++) packCells[col] = ((col % taps) * C + col / taps) * C;
        }
    }

    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        if (pl.inPlace != null) {
            DirectConvInPlace.forward(pl, x, w, bias, act, alpha, y, threads);
            return;
        }
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.direct;
        final int inC = pl.inChannels, outC = pl.outChannels, k = pl.k, n = pl.n;
        final int blocksIn = inC / C, blockPlane = g.paddedH * lay.row, image = blocksIn * blockPlane;
        final int outH = g.outH, outW = g.outW, pairs = outC / (2 * C);
        Workspace caller = Workspace.get();
        final float[] xp = caller.sharedB(pl.batch * image);
        Parallel.forEach(threads, pl.batch * blocksIn, t -> fillBlock(x, t, inC, g, lay, xp, t * blockPlane));
        final float[] wp = caller.sharedA(outC * k);
        packWeights(w, outC, inC, g.kernelH * g.kernelW, lay, wp);
        final int rowStep = g.strideH * lay.row;
        Parallel.forEach(threads, pl.batch * pairs * outH, task -> {
            int oh = task % outH, ip = task / outH, pair = ip % pairs, img = ip / pairs;
            float[] tile = Workspace.get().col(2 * C * outW);
            int xRow = img * image + oh * rowStep, wOff = pair * 2 * C * k;
            for (int ow0 = 0; ow0 < outW; ow0 += PIXELS) {
                int ow = Math.min(ow0, outW - PIXELS);
                DirectConvKernel14x2.tile(k, wp, wOff, C * k, xp, xRow + ow * C, lay.steps, tile, ow * C, outW * C);
            }
            for (int j = 0; j < 2; j++) {
                int o0 = (pair * 2 + j) * C;
                storeTile(tile, j * outW * C, outW, y, (img * outC + o0) * n + oh * outW, n, lay.planes, bias, o0, act, alpha);
            }
        });
    }

    /**
     * Stores one output row of 16 channels from its tile ({@code outW} cells of 16 floats from
     * {@code tileOff}) into the NCHW output at {@code y[yBase + c*n + q]}, then adds the bias of
     * channel {@code o0 + c} and applies the activation. {@code planes[c] = c*n}.
     */
    static void storeTile(float[] tile, int tileOff, int outW, float[] y, int yBase, int n, int[] planes,
                          float[] bias, int o0, int act, float alpha) {
        if (outW >= C) {
            for (int q0 = 0; q0 < outW; q0 += C) {
                int q = Math.min(q0, outW - C);
                Transpose16.transpose(tile, tileOff + q * C, C, y, yBase + q, planes, 0);
            }
        } else {
            for (int c = 0; c < C; c++) {
                for (int q = 0; q < outW; q++) y[yBase + c * n + q] = tile[tileOff + q * C + c];
            }
        }
        if (bias != null || act != PackedGemm.ACT_NONE) {
            for (int c = 0; c < C; c++) {
                float b = bias == null ? 0f : bias[o0 + c];
                int r = yBase + c * n;
                for (int i = r; i < r + outW; i++) {
                    y[i] = PackedGemm.activate(bias == null ? y[i] : y[i] + b, act, alpha);
                }
            }
        }
    }

    /** Copies input block {@code t = img*blocks + cb} (16 channel planes) into its padded, blocked form. */
    static void fillBlock(float[] x, int t, int inC, ConvGeometry g, Layout lay, float[] xp, int dst) {
        int blocks = inC / C, img = t / blocks, cb = t % blocks, plane = g.inH * g.inW, inW = g.inW;
        int[] cells = lay.cells;
        // Padded columns [lo, hi) read input column pw - padLeft directly; the rest go through colMap.
        int lo = Math.min(g.padLeft, g.paddedW), hi = Math.min(g.padLeft + inW, g.paddedW);
        int vectorEnd = hi - lo >= C ? hi : lo;
        int src0 = (img * inC + cb * C) * plane;
        for (int ph = 0; ph < g.paddedH; ph++) {
            int r = g.rowMap[ph], d = dst + ph * lay.row;
            if (r < 0) {
                java.util.Arrays.fill(xp, d, d + lay.row, 0f);
                continue;
            }
            int src = src0 + r * inW;
            for (int pw0 = lo; pw0 < vectorEnd; pw0 += C) {
                int pw = Math.min(pw0, vectorEnd - C);
                Transpose16.transpose(x, src + pw - g.padLeft, plane, xp, d, cells, pw);
            }
            for (int pw = 0; pw < g.paddedW; pw++) {
                if (pw >= lo && pw < vectorEnd) continue;
                int col = g.colMap[pw];
                for (int ci = 0; ci < C; ci++) xp[d + cells[pw] + ci] = col < 0 ? 0f : x[src + ci * plane + col];
            }
        }
    }

    /**
     * {@code wp[(o/16)*K*16 + kk*16 + o%16]} with kk = ((c/16)*taps + tap)*16 + c%16: per pair of
     * blocks (16 output channels, 16 input channels) the weights are a 16 x 16*taps matrix with rows
     * {@code inC*taps} apart; each of its 16-column slices is transposed in registers into the 16-float
     * cells of its (tap, input channel) steps ({@link Layout#packCells}).
     */
    private static void packWeights(float[] w, int outC, int inC, int taps, Layout lay, float[] wp) {
        int rowLen = inC * taps, k = rowLen;
        for (int ob = 0; ob < outC / C; ob++) {
            for (int cb = 0; cb < inC / C; cb++) {
                int src = ob * C * rowLen + cb * C * taps, dst = (ob * k + cb * taps * C) * C;
                for (int j = 0; j < C * taps; j += C) Transpose16.transpose(w, src + j, rowLen, wp, dst, lay.packCells, j);
            }
        }
    }
}
