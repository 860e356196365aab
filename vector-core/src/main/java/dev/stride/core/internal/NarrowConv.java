package dev.stride.core.internal;

import java.util.Arrays;

/**
 * Direct forward convolution for few output channels and few input channels on small images (the
 * convolutions of LeNet-5: 1 -> 6 channels 5x5 on 28x28 and 6 -> 16 channels 5x5 on 14x14). There the
 * GEMM's 8-row micro-kernel wastes rows on 6 output channels, its patch matrix costs as much as the
 * FMAs ({@code K = 25} or 150), and a 16-image batch slice is a few hundred microseconds of work, so
 * per-call overhead counts. Two register-blocked kernels, no patch matrix:
 * <ul>
 * <li>{@link NarrowConvRowKernel} ("rows": 5 or 6, 10..12 output channels, rows of 26..32, 52..64, ...):
 * vectors run along output rows, 2 rows x 2 vectors of 16 pixels x 6 output channels per block,
 * each input vector feeding 6 FMAs with broadcast weights, stored straight into the NCHW output;
 * <li>{@link NarrowConvChannelKernel} ("channels": 13..16 output channels, rows of 10, 19..20, 28..30,
 * ...): one vector holds the 16 output channels of a pixel, 2 rows x 10 pixels per block, each weight vector
 * feeding 20 FMAs with broadcast inputs; the {@code [pixel][16]} tile is transposed into NCHW.
 * </ul>
 * Both add the bias and apply the activation before storing (the row kernel on its registers, the
 * channel kernel on its private tile), so a convolution followed by relu is one pass; after relu they
 * can also write the 2x2 stride-2 max pool of the output ({@link Layout#poolable}: LeNet's
 * conv -> relu -> pool blocks), the row kernel from its registers (vertical max of its row pair, then
 * the even and odd columns of the vector pair by two-vector permutes), the channel kernel from its
 * tile (4 cells per pooled pixel, transposed per image); the full output may then be skipped.
 *
 * <p>Input: read in place when no padding is needed (the kernels read only the input cells that
 * exist); otherwise copied once per call into padded planes {@code [batch][inChannels][paddedH][paddedW]}
 * through {@link ConvGeometry}'s maps (every padding mode). Reduction step {@code kk = (ci*kH + ky)*kW +
 * kx} of an output pixel reads the (padded) input at the pixel's cell plus {@link Layout#steps}{@code [kk]}.
 * Only {@code strideW == 1}: consecutive output pixels read consecutive cells.
 *
 * <p>Summation order: every output is a k-ascending FMA chain from zero over {@code (ci, ky, kx)},
 * then the bias, then the activation. Blocks that overlap at the right or bottom edge (a row of 28
 * runs as vectors at 0 and 12; an odd row count ends with an overlapping pair) recompute identical
 * values. Threads: tasks are (image, channel group, pair of output rows), each writing only outputs
 * whose values do not depend on the task split; bitwise identical for any thread count.
 *
 * <p>Workspace on the calling thread: the packed weights ({@code roundUp(outChannels, 6) * K} or
 * {@code 16 * K} floats) and, when padding is needed, the padded input copy (its own per-thread buffer:
 * with zeros padding, a repeated call of the same plan copies only the input cells); per task of the channel
 * kernel a {@code 2*outW x 16} tile (with the pool also the image's {@code outH/2 * outW/2 x 16}
 * pooled tile).
 */
final class NarrowConv {
    private NarrowConv() {}

    /** Output channels per block of the row kernel; pixels per row of the channel kernel (copies: planning loads no Vector API class). */
    static final int ROW_CHANNELS = 6, CHANNEL_PIXELS = 10;
    private static final int LANES = 16;
    /** Most input channels this path takes. */
    static final int MAX_IN_CHANNELS = 8;

    /** Which kernel a planned shape runs. */
    enum Kernel { ROWS, CHANNELS }

    /**
     * The kernel for a shape, or null when this path does not run: 512-bit vectors, one group,
     * {@code strideW == 1}, at most {@link #MAX_IN_CHANNELS} input channels, at least 2 output rows, and
     * at least 80% of the computed lanes kept: for the row kernel 5, 6, 10, 11 or 12 output channels
     * (blocks of 6) and rows of 26..32, 52..64, ... (pairs of 16-pixel vectors, the last
     * overlapping); for the channel kernel 13..16 output channels and rows of 10, 19..20, 28..30, ...
     * (10-pixel blocks, the last overlapping). LeNet-5's convolutions are the shapes this was measured
     * on (rows 28 and 10).
     */
    static Kernel choose(int groups, int inChannels, int outChannels, ConvGeometry g) {
        if (VectorSupport.BITS != 512 || groups != 1 || g.strideW != 1 || inChannels > MAX_IN_CHANNELS || g.outH < 2) {
            return null;
        }
        int groupsOf6 = (outChannels + ROW_CHANNELS - 1) / ROW_CHANNELS;
        int rowLanes = 2 * LANES * ((g.outW + 2 * LANES - 1) / (2 * LANES));
        if (outChannels <= 12 && 5 * groupsOf6 * ROW_CHANNELS <= 6 * outChannels && g.outW >= LANES
                && 4 * rowLanes <= 5 * g.outW) {
            return Kernel.ROWS;
        }
        int pixelLanes = CHANNEL_PIXELS * ((g.outW + CHANNEL_PIXELS - 1) / CHANNEL_PIXELS);
        if (outChannels > 12 && outChannels <= LANES && g.outW >= CHANNEL_PIXELS && 4 * pixelLanes <= 5 * g.outW) {
            return Kernel.CHANNELS;
        }
        return null;
    }

    /** The index tables of one planned shape, built once with the {@link ConvPlan}. */
    static final class Layout {
        final Kernel kernel;
        /** Whether the input is copied into padded planes (else read in place). */
        final boolean padded;
        /** Whether every padded cell outside the input is zero (zeros padding), so a copy may keep its border. */
        final boolean zeroBorder;
        /** Floats of one (padded) input row, plane and image. */
        final int row, plane, image;
        /** Offset of reduction step kk = (ci*kH + ky)*kW + kx from a pixel's cell. */
        final int[] steps;
        /** Channel kernel: {@code c * outH*outW} for c < 16, the output planes of one image. */
        final int[] planes;
        /**
         * Whether a 2x2 stride-2 max pool of the output can be computed with it ({@link #forward} with
         * {@code pooled}): even output height and width; for the row kernel rows of at most 32 (one
         * vector pair), for the channel kernel at least 16 pooled pixels per plane (a whole transpose).
         */
        final boolean poolable;
        /** Floats of one pooled plane, and {@code c * pooledPlane} for c < 16. */
        final int pooledPlane;
        final int[] pooledPlanes;
        /**
         * Row kernel: for pooled column i < outW/2, the lane of the vector pair (0..15 the vector at
         * column 0, 16..31 the one at {@code outW-16}) holding column 2i ({@code [0, 16)}) and 2i+1
         * ({@code [16, 32)}); lanes past outW/2 pick lane 0 and are not stored.
         */
        final int[] poolLanes = new int[2 * LANES];

        Layout(Kernel kernel, int inChannels, ConvGeometry g) {
            this.kernel = kernel;
            padded = g.padTop != 0 || g.padLeft != 0 || g.paddedH > g.inH || g.paddedW > g.inW;
            boolean zeros = true;
            for (int ph = 0; ph < g.paddedH; ph++) {
                int i = ph - g.padTop;
                zeros &= (i >= 0 && i < g.inH) ? g.rowMap[ph] == i : g.rowMap[ph] < 0;
            }
            for (int pw = 0; pw < g.paddedW; pw++) {
                int i = pw - g.padLeft;
                zeros &= (i >= 0 && i < g.inW) ? g.colMap[pw] == i : g.colMap[pw] < 0;
            }
            zeroBorder = zeros;
            row = padded ? g.paddedW : g.inW;
            plane = padded ? g.paddedH * row : g.inH * g.inW;
            image = inChannels * plane;
            int taps = g.kernelH * g.kernelW;
            steps = new int[inChannels * taps];
            for (int kk = 0; kk < steps.length; kk++) {
                int ci = kk / taps, t = kk % taps;
                steps[kk] = ci * plane + (t / g.kernelW) * g.dilationH * row + (t % g.kernelW) * g.dilationW;
            }
            planes = new int[LANES];
            for (int c = 0; c < LANES; c++) planes[c] = c * g.outH * g.outW;
            int ph = g.outH / 2, pw = g.outW / 2;
            boolean even = g.outH % 2 == 0 && g.outW % 2 == 0;
            poolable = even && (kernel == Kernel.ROWS ? g.outW <= 2 * LANES : ph * pw >= LANES);
            pooledPlane = ph * pw;
            pooledPlanes = new int[LANES];
            for (int c = 0; c < LANES; c++) pooledPlanes[c] = c * pooledPlane;
            int second = g.outW - LANES;
            for (int i = 0; kernel == Kernel.ROWS && i < Math.min(pw, LANES); i++) {
                for (int odd = 0; odd < 2; odd++) {
                    int col = 2 * i + odd;
                    poolLanes[odd * LANES + i] = col < LANES ? col : LANES + col - second;
                }
            }
        }
    }

    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        forward(pl, x, w, bias, act, alpha, y, null, threads);
    }

    /**
     * The convolution into {@code y} (unless null) and, with {@code pooled} not null, its 2x2 stride-2
     * max pool into {@code pooled} ({@code [batch, outChannels, outH/2, outW/2]}); pooling requires
     * {@link Layout#poolable} and {@code act == ACT_RELU} (checked by the caller).
     */
    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, float[] pooled,
                        int threads) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.narrow;
        Workspace caller = Workspace.get();
        final float[] xs;
        if (lay.padded) {
            PaddedInput buffer = PADDED.get();
            int size = pl.batch * lay.image;
            // Zeros padding into a buffer whose border this layout already zeroed: copy the interior only.
            boolean interior = lay.zeroBorder && buffer.zeroed == lay && buffer.data.length >= size;
            if (buffer.data.length < size) buffer.data = new float[size];
            xs = buffer.data;
            if (interior) {
                Parallel.forEach(threads, pl.batch * pl.inChannels, t -> copyInterior(x, t, g, lay, xs));
            } else {
                Parallel.forEach(threads, pl.batch * pl.inChannels, t -> fillPlane(x, t, g, lay, xs));
                buffer.zeroed = lay.zeroBorder ? lay : null;
            }
        } else {
            xs = x;
        }
        if (lay.kernel == Kernel.ROWS) {
            rows(pl, xs, w, bias, act, alpha, y, pooled, threads, caller);
        } else if (pooled == null) {
            channels(pl, xs, w, bias, act, alpha, y, threads, caller);
        } else {
            channelsPooled(pl, xs, w, bias, act, alpha, y, pooled, threads, caller);
        }
    }

    private static void rows(ConvPlan pl, float[] xs, float[] w, float[] bias, int act, float alpha, float[] y,
                             float[] pooled, int threads, Workspace caller) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.narrow;
        final int k = pl.k, outC = pl.outChannels, n = pl.n, outH = g.outH, outW = g.outW;
        final int blocks = (outC + ROW_CHANNELS - 1) / ROW_CHANNELS, pairs = (outH + 1) / 2;
        final float[] wp = caller.sharedA(blocks * ROW_CHANNELS * k);
        for (int b = 0; b < blocks; b++) {
            for (int kk = 0; kk < k; kk++) {
                for (int j = 0; j < ROW_CHANNELS; j++) {
                    int o = b * ROW_CHANNELS + j;
                    wp[(b * k + kk) * ROW_CHANNELS + j] = o < outC ? w[o * k + kk] : 0f;
                }
            }
        }
        final int vectors = (outW + LANES - 1) / LANES, rowStep = g.strideH * lay.row;
        final int pw = outW / 2, pPlane = lay.pooledPlane;
        Parallel.forEach(threads, pl.batch * blocks * pairs, task -> {
            int pair = task % pairs, ib = task / pairs, b = ib % blocks, img = ib / blocks;
            int oh = Math.min(2 * pair, outH - 2), o0 = b * ROW_CHANNELS, valid = Math.min(ROW_CHANNELS, outC - o0);
            int xRow = img * lay.image + oh * rowStep, yRow = (img * outC + o0) * n + oh * outW;
            int pRow = (img * outC + o0) * pPlane + pair * pw;
            for (int v = 0; v < vectors; v += 2) {
                int c0 = Math.min(v * LANES, outW - LANES), c1 = Math.min((v + 1) * LANES, outW - LANES);
                NarrowConvRowKernel.block(k, wp, b * k * ROW_CHANNELS, xs, xRow + c0, c1 - c0, rowStep, lay.steps,
                        bias, o0, valid, act, alpha, y, yRow + c0, outW, n, pooled, pRow, pPlane, lay.poolLanes);
            }
        });
    }

    private static void channels(ConvPlan pl, float[] xs, float[] w, float[] bias, int act, float alpha, float[] y,
                                 int threads, Workspace caller) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.narrow;
        final int k = pl.k, outC = pl.outChannels, n = pl.n, outH = g.outH, outW = g.outW, pairs = (outH + 1) / 2;
        final float[] wp = packChannelWeights(w, k, outC, caller);
        final int rowStep = g.strideH * lay.row, pixels = 2 * outW;
        Parallel.forEach(threads, pl.batch * pairs, task -> {
            int pair = task % pairs, img = task / pairs, oh = Math.min(2 * pair, outH - 2);
            float[] tile = Workspace.get().col(pixels * LANES + LANES * LANES);
            int xRow = img * lay.image + oh * rowStep;
            for (int ow0 = 0; ow0 < outW; ow0 += CHANNEL_PIXELS) {
                int ow = Math.min(ow0, outW - CHANNEL_PIXELS);
                NarrowConvChannelKernel.block(k, wp, xs, xRow + ow, rowStep, lay.steps, bias, outC, act, alpha,
                        tile, ow * LANES, outW * LANES);
            }
            // The pair's 2*outW pixels are consecutive in every output plane.
            transposeOut(tile, 0, pixels, outC, y, img * outC * n + oh * outW, n, lay.planes, pixels * LANES);
        });
    }

    /**
     * The channel kernel with the 2x2 max pool: tasks are images (a pooled plane must hold a whole
     * 16-pixel transpose); each row pair is computed into the tile, transposed into {@code y} (unless
     * null) and pooled into the image's pooled tile, which is transposed at the end.
     */
    private static void channelsPooled(ConvPlan pl, float[] xs, float[] w, float[] bias, int act, float alpha,
                                       float[] y, float[] pooled, int threads, Workspace caller) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.narrow;
        final int k = pl.k, outC = pl.outChannels, n = pl.n, outH = g.outH, outW = g.outW, pairs = outH / 2;
        final float[] wp = packChannelWeights(w, k, outC, caller);
        final int rowStep = g.strideH * lay.row, pixels = 2 * outW, pw = outW / 2, pPlane = lay.pooledPlane;
        Parallel.forEach(threads, pl.batch, img -> {
            int tileFloats = pixels * LANES, pooledAt = tileFloats + LANES * LANES;
            float[] tile = Workspace.get().col(pooledAt + pPlane * LANES);
            for (int pair = 0; pair < pairs; pair++) {
                int oh = 2 * pair, xRow = img * lay.image + oh * rowStep;
                for (int ow0 = 0; ow0 < outW; ow0 += CHANNEL_PIXELS) {
                    int ow = Math.min(ow0, outW - CHANNEL_PIXELS);
                    NarrowConvChannelKernel.block(k, wp, xs, xRow + ow, rowStep, lay.steps, bias, outC, act, alpha,
                            tile, ow * LANES, outW * LANES);
                }
                if (y != null) transposeOut(tile, 0, pixels, outC, y, img * outC * n + oh * outW, n, lay.planes, tileFloats);
                NarrowConvChannelKernel.poolPair(tile, 0, outW * LANES, pw, tile, pooledAt + pair * pw * LANES);
            }
            transposeOut(tile, pooledAt, pPlane, outC, pooled, img * outC * pPlane, pPlane, lay.pooledPlanes, tileFloats);
        });
    }

    /** The channel kernel's weights {@code [K][16]}, channels past outC zero, in the caller's workspace. */
    private static float[] packChannelWeights(float[] w, int k, int outC, Workspace caller) {
        float[] wp = caller.sharedA(LANES * k);
        for (int kk = 0; kk < k; kk++) {
            for (int c = 0; c < LANES; c++) wp[kk * LANES + c] = c < outC ? w[c * k + kk] : 0f;
        }
        return wp;
    }

    /**
     * Writes {@code pixels} (at least 16) stored 16-channel cells from {@code tile[from]} into the first
     * {@code outC} planes at {@code dst[base + c*plane ..]}, by 16-pixel transposes (the last overlapping),
     * through a scratch block at {@code tile[scratch]} when fewer than 16 channels are kept.
     */
    private static void transposeOut(float[] tile, int from, int pixels, int outC, float[] dst, int base, int plane,
                                     int[] planes, int scratch) {
        for (int q0 = 0; q0 < pixels; q0 += LANES) {
            int q = Math.min(q0, pixels - LANES);
            if (outC == LANES) {
                Transpose16.transpose(tile, from + q * LANES, LANES, dst, base + q, planes, 0);
            } else {
                Transpose16.transpose(tile, from + q * LANES, LANES, tile, scratch, SCRATCH_ROWS, 0);
                for (int c = 0; c < outC; c++) System.arraycopy(tile, scratch + c * LANES, dst, base + c * plane + q, LANES);
            }
        }
    }

    /** {@code c * 16} for c < 16: the rows of a 16 x 16 scratch block. */
    private static final int[] SCRATCH_ROWS = new int[LANES];
    static {
        for (int c = 0; c < LANES; c++) SCRATCH_ROWS[c] = c * LANES;
    }

    /**
     * The calling thread's padded input copy, and the layout whose zero border it holds: every call that
     * writes the buffer sets {@code zeroed} (a full fill of a zeros-padded layout: that layout; any other
     * fill: null), so a later call of the same layout finds its border cells still zero.
     */
    private static final class PaddedInput {
        float[] data = new float[0];
        Layout zeroed;
    }

    private static final ThreadLocal<PaddedInput> PADDED = ThreadLocal.withInitial(PaddedInput::new);

    /** The input cells of plane {@code t} into their padded places (zeros padding; the border is already zero). */
    private static void copyInterior(float[] x, int t, ConvGeometry g, Layout lay, float[] xs) {
        final int inW = g.inW, padLeft = g.padLeft, padTop = g.padTop, dst = t * lay.plane, src0 = t * g.inH * inW;
        final int lo = Math.min(g.paddedW, padLeft), hi = Math.max(lo, Math.min(g.paddedW, padLeft + inW));
        final int r0 = Math.min(g.paddedH, padTop), r1 = Math.max(r0, Math.min(g.paddedH, padTop + g.inH));
        for (int ph = r0; ph < r1; ph++) {
            System.arraycopy(x, src0 + (ph - padTop) * inW + lo - padLeft, xs, dst + ph * lay.row + lo, hi - lo);
        }
    }

    /** Copies input plane {@code t = img*inChannels + ci} into its padded form at {@code xs[t * plane...]}. */
    private static void fillPlane(float[] x, int t, ConvGeometry g, Layout lay, float[] xs) {
        final int inW = g.inW, paddedW = g.paddedW, padLeft = g.padLeft, dst = t * lay.plane, src0 = t * g.inH * inW;
        final int[] colMap = g.colMap;
        // Padded columns [lo, hi) read input columns [lo - padLeft, hi - padLeft) directly.
        final int lo = Math.min(paddedW, padLeft), hi = Math.max(lo, Math.min(paddedW, padLeft + inW));
        for (int ph = 0; ph < g.paddedH; ph++) {
            int r = g.rowMap[ph], d = dst + ph * lay.row;
            if (r < 0) {
                Arrays.fill(xs, d, d + paddedW, 0f);
                continue;
            }
            int src = src0 + r * inW;
            for (int pw = 0; pw < lo; pw++) xs[d + pw] = colMap[pw] < 0 ? 0f : x[src + colMap[pw]];
            System.arraycopy(x, src + lo - padLeft, xs, d + lo, hi - lo);
            for (int pw = hi; pw < paddedW; pw++) xs[d + pw] = colMap[pw] < 0 ? 0f : x[src + colMap[pw]];
        }
    }
}
