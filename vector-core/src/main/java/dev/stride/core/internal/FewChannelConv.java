package dev.stride.core.internal;

import java.util.Arrays;

/**
 * Direct forward convolution for few input channels (a network's stem, e.g. 7x7 stride 2 over RGB):
 * there the patch size {@code K = inChannels*kH*kW} is short (147 for 3x7x7), so im2col and the
 * GEMM's per-tile work weigh as much as the FMAs. This path builds no patch matrix: per call the input
 * is copied once into padded, column-phase-split planes and the weights are packed; then every output
 * row of 2 x 16 output channels is computed by {@link FewChannelConvKernel14x2} in blocks of 14 pixels
 * (16 output channels fill one 512-bit vector; each input value is broadcast into 2 weight vectors),
 * and the {@code [pixel][16 channels]} tile is transposed in registers into the NCHW output.
 *
 * <p>Layouts. Padded input: {@code [batch][inChannels][paddedH][strideW][wq]} with
 * {@code wq = ceil(paddedW/strideW)}: padded column {@code pw} lives in phase {@code pw % strideW} at
 * cell {@code pw / strideW}, so for every tap the consecutive output pixels of a row read consecutive
 * floats, whatever the stride. Padding of every mode goes through {@link ConvGeometry}'s maps.
 * Weights: {@code [ceil(outChannels/32)*2][K][16]}, K ordered as the weight tensor ({@code ci, ky, kx}),
 * channels past {@code outChannels} zero (computed and dropped). Reduction step {@code kk} of a pixel
 * reads the padded input at the pixel's offset plus {@link Layout#steps}{@code [kk]}.
 *
 * <p>Summation order: every output is a k-ascending FMA chain from zero over {@code (ci, ky, kx)},
 * then bias, then the activation, applied to the stored tile before it is transposed. A row whose
 * width is not a multiple of 14 ends with a block that overlaps the previous one; the overlap
 * recomputes identical values. Threads: tasks are (image, pair of output-channel blocks, output row),
 * each writing only its own outputs, with sizes independent of the thread count: bitwise identical
 * for any thread count.
 *
 * <p>Workspace: the padded input copy ({@code batch * inChannels * paddedH * strideW * wq} floats,
 * about the input's size) and the packed weights ({@code roundUp(outChannels, 32) * K}) on the calling
 * thread, and one {@code 32 x outW} output tile per task.
 */
final class FewChannelConv {
    private FewChannelConv() {}

    private static final int C = 16;
    /** Output pixels per kernel call (a copy of {@link FewChannelConvKernel14x2#PIXELS}: planning loads no Vector API class). */
    static final int PIXELS = 14;
    /** Most input channels this path takes for strided convolutions, and for stride-1 ones. */
    static final int MAX_IN_CHANNELS_STRIDED = 16, MAX_IN_CHANNELS_UNIT_STRIDE = 4;

    /**
     * Whether this path runs: 512-bit vectors, one group, a kernel of at least 3x3 taps, output
     * channels that fill the 32-channel register block to at least 80% (32, 52..64, 77..96, ...), rows
     * whose 14-pixel blocks (the last one overlapping) recompute at most 1/8 of the row (14, 28, 42, 56,
     * 63..70, 75..84, ...: a 16-wide row would compute 28 pixels); then for {@code strideW >= 2} at most
     * 16 input channels, for stride 1 at most 4 input channels and at least 25 taps (5x5). These are
     * the shapes measured faster than im2col (stride 2: 1.2-1.35x on 3x3, 5x5 and 7x7 kernels with 3..16
     * input channels and rows of 56-112) and than the implicit GEMM (stride 1: 1.05-1.1x on 5x5 and 7x7;
     * it is as fast or faster on 3x3, on 16 output channels and on 16-wide rows).
     */
    static boolean applies(int groups, int inChannels, int outChannels, ConvGeometry g) {
        int taps = g.kernelH * g.kernelW, padded = (outChannels + 2 * C - 1) / (2 * C) * (2 * C);
        int computed = (g.outW + PIXELS - 1) / PIXELS * PIXELS;
        if (VectorSupport.BITS != 512 || groups != 1 || g.outW < PIXELS || 8 * computed > 9 * g.outW
                || taps < 9 || 4 * padded > 5 * outChannels) {
            return false;
        }
        return g.strideW >= 2 ? inChannels <= MAX_IN_CHANNELS_STRIDED
                : inChannels <= MAX_IN_CHANNELS_UNIT_STRIDE && taps >= 25;
    }

    /** The index tables of one planned shape, built once with the {@link ConvPlan}. */
    static final class Layout {
        /** Cells of one column phase, floats of one padded row, of one padded plane, of one image. */
        final int wq, row, plane, image;
        /** Pairs of 16-channel output blocks (the last may be partly past outChannels). */
        final int pairs;
        /** Offset of reduction step kk = (ci*kH + ky)*kW + kx from a pixel's cell. */
        final int[] steps;
        /** {@code c * outH*outW} for c < 16: the output planes of one channel block. */
        final int[] planes;

        Layout(int inChannels, int outChannels, ConvGeometry g) {
            int sw = g.strideW, taps = g.kernelH * g.kernelW;
            wq = (g.paddedW + sw - 1) / sw;
            row = sw * wq;
            plane = g.paddedH * row;
            image = inChannels * plane;
            pairs = (outChannels + 2 * C - 1) / (2 * C);
            steps = new int[inChannels * taps];
            for (int kk = 0; kk < steps.length; kk++) {
                int ci = kk / taps, t = kk % taps, ky = t / g.kernelW, kx = t % g.kernelW;
                int pw = kx * g.dilationW;
                steps[kk] = ci * plane + ky * g.dilationH * row + (pw % sw) * wq + pw / sw;
            }
            planes = new int[C];
            for (int c = 0; c < C; c++) planes[c] = c * g.outH * g.outW;
        }
    }

    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.fewChannel;
        final int inC = pl.inChannels, outC = pl.outChannels, k = pl.k, n = pl.n;
        final int outH = g.outH, outW = g.outW, pairs = lay.pairs;
        Workspace caller = Workspace.get();
        final float[] xp = caller.sharedB(pl.batch * lay.image);
        Parallel.forEach(threads, pl.batch * inC, t -> fillPlane(x, t, g, lay, xp, t * lay.plane));
        final float[] wp = caller.sharedA(pairs * 2 * C * k);
        packWeights(w, outC, k, pairs * 2, wp);
        final int rowStep = g.strideH * lay.row;
        Parallel.forEach(threads, pl.batch * pairs * outH, task -> {
            int oh = task % outH, ip = task / outH, pair = ip % pairs, img = ip / pairs;
            float[] tile = Workspace.get().col(2 * C * outW);
            int xRow = img * lay.image + oh * rowStep, wOff = pair * 2 * C * k;
            for (int ow0 = 0; ow0 < outW; ow0 += PIXELS) {
                int ow = Math.min(ow0, outW - PIXELS);
                FewChannelConvKernel14x2.tile(k, wp, wOff, C * k, xp, xRow + ow, lay.steps, tile, ow * C, outW * C);
            }
            for (int j = 0; j < 2; j++) {
                int o0 = (pair * 2 + j) * C, valid = Math.min(C, outC - o0);
                if (valid <= 0) break;
                if (bias != null || act != PackedGemm.ACT_NONE) {
                    FewChannelConvKernel14x2.epilogue(tile, j * outW * C, outW, bias, o0, valid, act, alpha);
                }
                int yBase = (img * outC + o0) * n + oh * outW;
                if (valid == C && outW >= C) {
                    for (int q0 = 0; q0 < outW; q0 += C) {
                        int q = Math.min(q0, outW - C);
                        Transpose16.transpose(tile, (j * outW + q) * C, C, y, yBase + q, lay.planes, 0);
                    }
                } else {
                    for (int c = 0; c < valid; c++) {
                        for (int q = 0; q < outW; q++) y[yBase + c * n + q] = tile[(j * outW + q) * C + c];
                    }
                }
            }
        });
    }

    /** Copies input plane {@code t = img*inChannels + ci} into its padded, phase-split form at {@code xp[dst...]}. */
    private static void fillPlane(float[] x, int t, ConvGeometry g, Layout lay, float[] xp, int dst) {
        final int inW = g.inW, sw = g.strideW, wq = lay.wq, padLeft = g.padLeft, paddedW = g.paddedW;
        final int src0 = t * g.inH * inW;
        final int[] colMap = g.colMap;
        for (int ph = 0; ph < g.paddedH; ph++) {
            int r = g.rowMap[ph], d = dst + ph * lay.row;
            if (r < 0) {
                Arrays.fill(xp, d, d + lay.row, 0f);
                continue;
            }
            int src = src0 + r * inW;
            for (int s = 0; s < sw; s++) {
                int base = d + s * wq;
                // Cells j with padded column j*sw + s in [padLeft, padLeft+inW) copy the input directly.
                int jLo = Math.min(wq, Math.max(0, (padLeft - s + sw - 1) / sw));
                int jHi = Math.max(jLo, Math.min(wq, (padLeft + inW - s + sw - 1) / sw));
                for (int j = 0; j < jLo; j++) xp[base + j] = cell(x, src, colMap, j * sw + s, paddedW);
                int from = src + jLo * sw + s - padLeft;
                if (sw == 1) {
                    System.arraycopy(x, from, xp, base + jLo, jHi - jLo);
                } else if (sw == 2) {
                    Deinterleave2.copyEven(x, from, xp, base + jLo, jHi - jLo);
                } else {
                    for (int j = jLo; j < jHi; j++) xp[base + j] = x[from + (j - jLo) * sw];
                }
                for (int j = jHi; j < wq; j++) xp[base + j] = cell(x, src, colMap, j * sw + s, paddedW);
            }
        }
    }

    /** Padded column {@code pw} of a row through the padding map (zero past the padded width: never read). */
    private static float cell(float[] x, int src, int[] colMap, int pw, int paddedW) {
        if (pw >= paddedW) return 0f;
        int col = colMap[pw];
        return col < 0 ? 0f : x[src + col];
    }

    /** {@code wp[(o/16)*K*16 + kk*16 + o%16] = w[o*K + kk]}, zero for {@code o >= outC}, over {@code blocks} blocks. */
    private static void packWeights(float[] w, int outC, int k, int blocks, float[] wp) {
        for (int b = 0; b < blocks; b++) {
            int base = b * k * C;
            for (int c = 0; c < C; c++) {
                int o = b * C + c;
                if (o < outC) {
                    for (int kk = 0; kk < k; kk++) wp[base + kk * C + c] = w[o * k + kk];
                } else {
                    for (int kk = 0; kk < k; kk++) wp[base + kk * C + c] = 0f;
                }
            }
        }
    }
}
