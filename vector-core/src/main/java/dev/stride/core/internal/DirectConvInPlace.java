package dev.stride.core.internal;

/**
 * Direct convolution for 3x3 convolutions with many channels at stride 1 or 2 (e.g. ResNet's 3x3 layers
 * and their down-sampling convs), reading the input in place: unlike {@link DirectConv16} it makes no
 * padded, channel-blocked copy of the input, which costs about 2% of the convolution at stride 1 and
 * 5% at stride 2 (where the input has four times as many pixels as the output). The micro-kernel
 * ({@link DirectConvInPlaceKernel14x2}) broadcasts each input value, so it does not need the channels
 * in a vector; it reads the 14 pixels of a tile {@code stride} floats apart in the input row.
 *
 * <p>Padding (zeros only): a window row in the top or bottom padding only adds zeros, so the reduction
 * is ordered (ky, input channel, kx) and each output row runs only the steps of its valid window rows
 * ({@link Layout#kLo}, {@link Layout#kHi}). A window column in the left or right padding can only
 * happen for the first or the last one or two output columns, and only in the first or last 14-pixel
 * tile ({@link #applies} requires it: e.g. 3x3 with padding 1 at stride 1 or 2, or padding 2 with
 * dilation 2); those pixels read from small zero-padded copies of the input columns they need ("edge
 * strips", {@code batch * inChannels * inH * stripW} floats each with {@code stripW = (edge-1)*stride +
 * 2*dilation + 1}, on the calling thread).
 *
 * <p>Weights: {@code [outChannels/16][K][16]} with {@code K = inChannels*kH*kW} in the (ky, channel, kx)
 * order, packed per call (weights change between training steps).
 *
 * <p>Summation order: every output is a step-ascending FMA chain from zero over the valid steps, then
 * bias, then the activation. A row whose width is not a multiple of 14 ends with a tile that overlaps
 * the previous one and recomputes identical values. Threads: tasks are (image, pair of output-channel
 * blocks, output row) as in {@link DirectConv16}: bitwise identical results for any thread count.
 */
final class DirectConvInPlace {
    private DirectConvInPlace() {}

    private static final int C = 16;
    /** Output pixels per kernel call (a copy of {@link DirectConvInPlaceKernel14x2#PIXELS}: planning loads no Vector API class). */
    static final int PIXELS = 14;
    /** Most border pixels per side the kernels take from an edge strip. */
    static final int MAX_EDGE = 2;

    /**
     * Whether this path runs: the shapes of {@link DirectConv16} (512-bit vectors, one group, input
     * channels a multiple of 16, output channels a multiple of 32, 3x3, equal strides 1 or 2, rows of at
     * least 14 outputs) with zeros padding and windows that leave the input's columns only for at most
     * {@link #MAX_EDGE} output columns per side, all of them in the first or the last tile at the
     * positions the kernels take from the edge strips (so not, e.g., two border columns on one side with
     * {@code 14k+1} output columns, where the tiles' overlap would put one in another tile).
     */
    static boolean applies(int groups, int inChannels, int outChannels, ConvGeometry g) {
        if (VectorSupport.BITS != 512 || groups != 1 || inChannels % C != 0 || outChannels % (2 * C) != 0
                || g.kernelH != 3 || g.kernelW != 3 || g.strideH != g.strideW || g.strideW < 1 || g.strideW > 2 || g.outW < PIXELS) {
            return false;
        }
        if (!ConvPlan.zerosPadding(g)) return false;
        int e = edgePixels(g);
        if (e > MAX_EDGE) return false;
        int edge = Math.max(1, e);
        boolean firstEdge = firstEdge(g, edge), lastEdge = lastEdge(g, edge);
        // Every pixel of every tile must read inside the input, but the first tile's first `edge` pixels
        // and the last tile's last `edge` ones when they read an edge strip.
        for (int ow0 = 0; ow0 < g.outW; ow0 += PIXELS) {
            int ow = Math.min(ow0, g.outW - PIXELS);
            for (int p = 0; p < PIXELS; p++) {
                boolean strip = (firstEdge && ow == 0 && p < edge) || (lastEdge && ow == g.outW - PIXELS && p >= PIXELS - edge);
                if (!strip && !insideColumns(g, ow + p)) return false;
            }
        }
        return true;
    }

    /** Whether one of the first {@code edge} output columns reads padding (the first tile reads the left strip). */
    private static boolean firstEdge(ConvGeometry g, int edge) {
        for (int p = 0; p < edge; p++) if (!insideColumns(g, p)) return true;
        return false;
    }

    /** Whether one of the last {@code edge} output columns reads padding (the last tile reads the right strip). */
    private static boolean lastEdge(ConvGeometry g, int edge) {
        for (int p = 0; p < edge; p++) if (!insideColumns(g, g.outW - 1 - p)) return true;
        return false;
    }

    /** Most output columns at one side whose window leaves the input's columns. */
    static int edgePixels(ConvGeometry g) {
        int left = 0, right = 0;
        while (left < g.outW && !insideColumns(g, left)) left++;
        while (right < g.outW - left && !insideColumns(g, g.outW - 1 - right)) right++;
        for (int ow = left; ow < g.outW - right; ow++) {
            if (!insideColumns(g, ow)) return Integer.MAX_VALUE;
        }
        return Math.max(left, right);
    }

    /** Whether every window column of output column {@code ow} lies inside the input. */
    private static boolean insideColumns(ConvGeometry g, int ow) {
        int c0 = ow * g.strideW - g.padLeft;
        return c0 >= 0 && c0 + (g.kernelW - 1) * g.dilationW < g.inW;
    }

    /** The index tables of one planned shape, built once with the {@link ConvPlan}. */
    static final class Layout {
        /** Offset of step kk = (ky*inC + c)*kW + kx from a pixel's window origin in the input image. */
        final int[] steps;
        /** Edge pixels per side (1 or 2; the kernel's E), and the padded columns an edge strip keeps. */
        final int edge, stripW;
        /** The same step's offset in an edge strip ({@code [channel][inH][stripW]}) from the row's origin. */
        final int[] stripSteps;
        /** Valid steps of output row oh: {@code [kLo[oh], kHi[oh])}. */
        final int[] kLo, kHi;
        /** Whether output column 0 / outW-1 reads padding, so that the tile's edge pixels read an edge strip. */
        final boolean firstEdge, lastEdge;
        /** For weight column {@code c*taps + ky*kW + kx} of one output channel: its step's cell, 16 * step. */
        final int[] packCells;
        /** {@code c * outH*outW} for c < 16: the output planes of one channel block. */
        final int[] planes;

        Layout(int inChannels, ConvGeometry g) {
            int kW = g.kernelW, kH = g.kernelH, taps = kH * kW, plane = g.inH * g.inW;
            edge = Math.max(1, edgePixels(g));
            stripW = (edge - 1) * g.strideW + (kW - 1) * g.dilationW + 1;
            steps = new int[inChannels * taps];
            stripSteps = new int[steps.length];
            packCells = new int[steps.length];
            for (int kk = 0; kk < steps.length; kk++) {
                int kx = kk % kW, c = kk / kW % inChannels, ky = kk / (kW * inChannels);
                steps[kk] = c * plane + ky * g.dilationH * g.inW + kx * g.dilationW;
                stripSteps[kk] = (c * g.inH + ky * g.dilationH) * stripW + kx * g.dilationW;
                packCells[c * taps + ky * kW + kx] = kk * C;
            }
            kLo = new int[g.outH];
            kHi = new int[g.outH];
            int perRow = inChannels * kW;
            for (int oh = 0; oh < g.outH; oh++) {
                int lo = kH, hi = 0;
                for (int ky = 0; ky < kH; ky++) {
                    int r = oh * g.strideH - g.padTop + ky * g.dilationH;
                    if (r >= 0 && r < g.inH) {
                        lo = Math.min(lo, ky);
                        hi = ky + 1;
                    }
                }
                kLo[oh] = lo >= hi ? 0 : lo * perRow;
                kHi[oh] = lo >= hi ? 0 : hi * perRow;
            }
            firstEdge = firstEdge(g, edge);
            lastEdge = lastEdge(g, edge);
            planes = new int[C];
            for (int c = 0; c < C; c++) planes[c] = c * g.outH * g.outW;
        }
    }

    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.inPlace;
        final int inC = pl.inChannels, outC = pl.outChannels, k = pl.k, n = pl.n;
        final int inW = g.inW, outH = g.outH, outW = g.outW, pairs = outC / (2 * C);
        final int sw = g.strideW, edge = lay.edge, stripW = lay.stripW;
        final int inImage = pl.inImage(), stripImage = inC * g.inH * stripW;
        // The right strip starts at the window origin of output column outW-edge.
        final int lastCol = (outW - edge) * sw - g.padLeft;
        Workspace caller = Workspace.get();
        final int firstStrip = 0, lastStrip = lay.firstEdge ? pl.batch * stripImage : 0;
        final float[] strips = caller.sharedB(lastStrip + (lay.lastEdge ? pl.batch * stripImage : 0));
        final float[] wp = caller.sharedA(outC * k);
        // One parallel pass packs the weights (one task per block of 16 output channels) and fills the
        // edge strips (one task per image, edge and block of 16 input channels).
        final int packTasks = outC / C, blocksIn = inC / C;
        final int edges = (lay.firstEdge ? 1 : 0) + (lay.lastEdge ? 1 : 0);
        Parallel.forEach(threads, packTasks + pl.batch * edges * blocksIn, t -> {
            if (t < packTasks) {
                packBlock(w, t, inC * g.kernelH * g.kernelW, lay, wp);
                return;
            }
            int s = t - packTasks, cb = s % blocksIn, ie = s / blocksIn, img = ie / edges;
            boolean first = lay.firstEdge && ie % edges == 0;
            fillStrip(x, img, inC, g, first ? -g.padLeft : lastCol, stripW, cb * C, (cb + 1) * C, strips,
                    (first ? firstStrip : lastStrip) + img * stripImage);
        });
        final int lastShift = (PIXELS - edge) * sw;
        Parallel.forEach(threads, pl.batch * pairs * outH, task -> {
            int oh = task % outH, ip = task / outH, pair = ip % pairs, img = ip / pairs;
            float[] tile = Workspace.get().col(2 * C * outW);
            int k0 = lay.kLo[oh], k1 = lay.kHi[oh], wOff = pair * 2 * C * k;
            int rowOrigin = img * inImage + (oh * g.strideH - g.padTop) * inW;
            int stripRow = (oh * g.strideH - g.padTop) * stripW;
            for (int ow0 = 0; ow0 < outW; ow0 += PIXELS) {
                int ow = Math.min(ow0, outW - PIXELS);
                int xOff = rowOrigin + ow * sw - g.padLeft;
                boolean first = lay.firstEdge && ow == 0, last = lay.lastEdge && ow == outW - PIXELS;
                // Pixel p reads src[off + steps[kk] + stride*p]: the right strip's first column belongs to pixel 14-edge.
                float[] firstSrc = first ? strips : x, lastSrc = last ? strips : x;
                int firstOff = first ? firstStrip + img * stripImage + stripRow : xOff;
                int lastOff = last ? lastStrip + img * stripImage + stripRow - lastShift : xOff;
                int[] firstSteps = first ? lay.stripSteps : lay.steps, lastSteps = last ? lay.stripSteps : lay.steps;
                int tOff = ow * C, tBlock = outW * C;
                if (edge == 1 && sw == 2) {
                    DirectConvInPlaceKernel14x2.tileStride2Edge1(k0, k1, wp, wOff, C * k, x, xOff, lay.steps, firstSrc,
                            firstOff, firstSteps, lastSrc, lastOff, lastSteps, tile, tOff, tBlock);
                } else if (edge == 1) {
                    DirectConvInPlaceKernel14x2.tileStride1Edge1(k0, k1, wp, wOff, C * k, x, xOff, lay.steps, firstSrc,
                            firstOff, firstSteps, lastSrc, lastOff, lastSteps, tile, tOff, tBlock);
                } else if (sw == 2) {
                    DirectConvInPlaceKernel14x2.tileStride2Edge2(k0, k1, wp, wOff, C * k, x, xOff, lay.steps, firstSrc,
                            firstOff, firstSteps, lastSrc, lastOff, lastSteps, tile, tOff, tBlock);
                } else {
                    DirectConvInPlaceKernel14x2.tileStride1Edge2(k0, k1, wp, wOff, C * k, x, xOff, lay.steps, firstSrc,
                            firstOff, firstSteps, lastSrc, lastOff, lastSteps, tile, tOff, tBlock);
                }
            }
            for (int j = 0; j < 2; j++) {
                int o0 = (pair * 2 + j) * C;
                DirectConv16.storeTile(tile, j * outW * C, outW, y, (img * outC + o0) * n + oh * outW, n, lay.planes,
                        bias, o0, act, alpha);
            }
        });
    }

    /**
     * Channels {@code [c0, c1)} of an edge strip of image {@code img}: {@code [channel][inH][stripW]} from
     * {@code dst}, the input columns {@code col0 .. col0+stripW-1} (zero where a column lies in the padding).
     */
    static void fillStrip(float[] x, int img, int inC, ConvGeometry g, int col0, int stripW, int c0, int c1,
                          float[] strips, int dst) {
        // Rows of consecutive channel planes follow each other: one pass over (c1-c0)*inH rows per column.
        int inW = g.inW, rows = (c1 - c0) * g.inH, src = (img * inC + c0) * g.inH * inW;
        int d0 = dst + c0 * g.inH * stripW;
        for (int j = 0; j < stripW; j++) {
            int col = col0 + j;
            if (col < 0 || col >= inW) {
                for (int i = 0; i < rows; i++) strips[d0 + i * stripW + j] = 0f;
            } else {
                for (int i = 0, s = src + col; i < rows; i++, s += inW) strips[d0 + i * stripW + j] = x[s];
            }
        }
    }

    /**
     * Block {@code ob} (16 output channels) of {@code wp[(o/16)*K*16 + kk*16 + o%16]}: the block's
     * weights are a {@code 16 x rowLen} matrix; each of its 16-column slices is transposed in registers
     * into the cells of its steps ({@link Layout#packCells}). A last slice that would pass the row's end
     * overlaps the previous one and rewrites the same values.
     */
    static void packBlock(float[] w, int ob, int rowLen, Layout lay, float[] wp) {
        int src = ob * C * rowLen, dst = ob * C * rowLen;
        for (int j0 = 0; j0 < rowLen; j0 += C) {
            int j = Math.min(j0, rowLen - C);
            Transpose16.transpose(w, src + j, rowLen, wp, dst, lay.packCells, j);
        }
    }
}
