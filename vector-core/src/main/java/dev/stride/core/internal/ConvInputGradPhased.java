package dev.stride.core.internal;

/**
 * Input gradient of a strided convolution (zeros padding, many channels) on the direct NCHW16c kernel
 * {@link DirectConvKernel14x2}: {@code dx[c][ih][iw] = sum over o and the taps (ky, kx) with
 * ih = oh*strideH + ky*dilationH - padTop, iw = ow*strideW + kx*dilationW - padLeft of g[o][oh][ow] * w[o][c][ky][kx]}.
 *
 * <p>Split by stride phase: the input rows {@code ih = strideH*i + a} are reached only by the taps ky
 * with {@code (a + padTop - ky*dilationH) % strideH == 0}, each from output row
 * {@code oh = i + (a + padTop - ky*dilationH)/strideH}; likewise the columns. So each phase (a, b) is a
 * stride-1 correlation of the output gradient with that phase's sub-kernel, and consecutive pixels of
 * one phase read consecutive output-gradient cells. The output gradient is copied once into padded
 * 16-channel blocks ({@code [batch][outChannels/16][paddedH][paddedW][16]}, zero borders wide enough for
 * every phase's offsets); the weights are packed per phase as {@code [inChannels/16][K_phase][16]} with
 * {@code K_phase = outChannels * taps of the phase}, ordered (output block, tap, channel in block).
 * Each kernel call computes 14 pixels of one phase row x 32 input channels; a phase row whose length
 * is not a multiple of 14 ends with an overlapping block that recomputes identical values.
 *
 * <p>Summation order: every input-gradient entry is one FMA chain from zero over its phase's reduction
 * steps in ascending order. Threads: tasks are (image, pair of input-channel blocks, input row), each
 * writing only its own cells, with sizes independent of the thread count: bitwise identical for any
 * thread count. Every cell of the input gradient is written (cells that no tap reaches get 0).
 *
 * <p>Workspace: the blocked, padded output gradient ({@code batch * outChannels * paddedH * paddedW}
 * floats) and the packed weights ({@code outChannels * inChannels * kH * kW}) on the calling thread,
 * and one {@code 2 * strideW * ceil(inW/strideW) * 16}-float tile per task.
 */
final class ConvInputGradPhased {
    private ConvInputGradPhased() {}

    private static final int C = 16;
    /** Pixels per kernel call (a copy of {@link DirectConvKernel14x2#PIXELS}: planning loads no Vector API class). */
    private static final int PIXELS = 14;

    /**
     * Whether this path computes the input gradient: 512-bit vectors, one group, input channels a
     * multiple of 32 and output channels a multiple of 16, zeros padding, and every column phase at
     * least 14 pixels long.
     */
    static boolean applies(ConvPlan pl) {
        ConvGeometry g = pl.geometry;
        if (VectorSupport.BITS != 512 || pl.path == ConvPlan.Path.DEPTHWISE || pl.groups != 1
                || pl.inChannels % (2 * C) != 0 || pl.outChannels % C != 0 || !pl.zerosPadding()) {
            return false;
        }
        return (g.inW - (g.strideW - 1) + g.strideW - 1) / g.strideW >= PIXELS;
    }

    /** The phase tables of one planned shape, built once with the {@link ConvPlan}. */
    static final class Layout {
        /** Geometry and blocked layout of the padded output gradient. */
        final ConvGeometry gradGeometry;
        final DirectConv16.Layout gradLayout;
        /** Per phase {@code a*strideW + b}: reduction length, taps as {@code ky*kW + kx}, step offsets from a pixel's cell. */
        final int[] k;
        final int[][] taps, steps;
        /** Per phase: offset of its packed weights. */
        final int[] weightOffset;
        /** Pixels of the longest column phase. */
        final int phaseWidth;
        /** Per kernel tap {@code ky*kW + kx}: its phase and its position in that phase's tap list. */
        final int[] tapPhase, tapSlot;

        Layout(ConvPlan pl) {
            ConvGeometry g = pl.geometry;
            int sh = g.strideH, sw = g.strideW, outC = pl.outChannels;
            int[][] rowOff = offsets(sh, g.kernelH, g.dilationH, g.padTop);
            int[][] colOff = offsets(sw, g.kernelW, g.dilationW, g.padLeft);
            int top = 0, left = 0, bottom = g.outH, right = g.outW;
            for (int a = 0; a < sh; a++) {
                int count = (g.inH - a + sh - 1) / sh;
                for (int e : rowOff[a]) {
                    top = Math.max(top, -e);
                    bottom = Math.max(bottom, count - 1 + e + 1);
                }
            }
            for (int b = 0; b < sw; b++) {
                int count = (g.inW - b + sw - 1) / sw;
                for (int e : colOff[b]) {
                    left = Math.max(left, -e);
                    right = Math.max(right, count - 1 + e + 1);
                }
            }
            gradGeometry = new ConvGeometry(outC, g.outH, g.outW, top + bottom, left + right, 1, 1, 1, 1, 1, 1, top, left,
                    dev.stride.core.PaddingMode.ZEROS);
            gradLayout = new DirectConv16.Layout(outC, gradGeometry);
            int blockPlane = gradGeometry.paddedH * gradLayout.row;
            k = new int[sh * sw];
            taps = new int[sh * sw][];
            steps = new int[sh * sw][];
            weightOffset = new int[sh * sw];
            int offset = 0;
            for (int a = 0; a < sh; a++) {
                for (int b = 0; b < sw; b++) {
                    int ph = a * sw + b, nt = rowOff[a].length * colOff[b].length;
                    int[] t = new int[nt];
                    int[] dy = new int[nt], dx = new int[nt];
                    int i = 0;
                    for (int y = 0; y < rowOff[a].length; y++) {
                        for (int x = 0; x < colOff[b].length; x++, i++) {
                            t[i] = tapIndex(a, y, sh, g.kernelH, g.dilationH, g.padTop) * g.kernelW
                                    + tapIndex(b, x, sw, g.kernelW, g.dilationW, g.padLeft);
                            dy[i] = rowOff[a][y] + top;
                            dx[i] = colOff[b][x] + left;
                        }
                    }
                    taps[ph] = t;
                    k[ph] = outC * nt;
                    int[] s = new int[k[ph]];
                    for (int kk = 0; kk < s.length; kk++) {
                        int oi = kk % C, tt = kk / C % nt, ob = kk / (C * nt);
                        s[kk] = ob * blockPlane + dy[tt] * gradLayout.row + dx[tt] * C + oi;
                    }
                    steps[ph] = s;
                    weightOffset[ph] = offset;
                    offset += k[ph] * pl.inChannels;
                }
            }
            phaseWidth = (g.inW + sw - 1) / sw;
            tapPhase = new int[g.kernelH * g.kernelW];
            tapSlot = new int[tapPhase.length];
            java.util.Arrays.fill(tapPhase, -1);
            for (int ph = 0; ph < taps.length; ph++) {
                for (int i = 0; i < taps[ph].length; i++) {
                    tapPhase[taps[ph][i]] = ph;
                    tapSlot[taps[ph][i]] = i;
                }
            }
        }

        /** Per phase a: the offsets {@code (a + pad - kk*dilation) / stride} of the taps that reach it, in tap order. */
        private static int[][] offsets(int stride, int kernel, int dilation, int pad) {
            int[][] r = new int[stride][];
            for (int a = 0; a < stride; a++) {
                int n = 0;
                for (int t = 0; t < kernel; t++) if (Math.floorMod(a + pad - t * dilation, stride) == 0) n++;
                r[a] = new int[n];
                n = 0;
                for (int t = 0; t < kernel; t++) {
                    if (Math.floorMod(a + pad - t * dilation, stride) == 0) r[a][n++] = Math.floorDiv(a + pad - t * dilation, stride);
                }
            }
            return r;
        }

        /** The kernel index of the {@code j}-th tap that reaches phase {@code a}. */
        private static int tapIndex(int a, int j, int stride, int kernel, int dilation, int pad) {
            for (int t = 0; t < kernel; t++) {
                if (Math.floorMod(a + pad - t * dilation, stride) == 0 && j-- == 0) return t;
            }
            throw new IllegalStateException("tap " + j + " of phase " + a);
        }
    }

    /** Writes the input gradient into {@code gradIn} (every cell). */
    static void run(ConvPlan pl, float[] gradOut, float[] w, float[] gradIn, int threads) {
        final ConvGeometry g = pl.geometry;
        final Layout lay = pl.phasedInputLayout();
        final int inC = pl.inChannels, outC = pl.outChannels, sh = g.strideH, sw = g.strideW, inH = g.inH, inW = g.inW;
        final int blocksOut = outC / C, blockPlane = lay.gradGeometry.paddedH * lay.gradLayout.row, image = blocksOut * blockPlane;
        Workspace caller = Workspace.get();
        final float[] gp = caller.sharedB(pl.batch * image);
        Parallel.forEach(threads, pl.batch * blocksOut,
                t -> DirectConv16.fillBlock(gradOut, t, outC, lay.gradGeometry, lay.gradLayout, gp, t * blockPlane));
        final float[] wp = caller.sharedA(outC * inC * g.kernelH * g.kernelW);
        packWeights(w, outC, inC, g.kernelH * g.kernelW, lay, wp, threads);
        final int pairs = inC / (2 * C), width = lay.phaseWidth, rowLen = lay.gradLayout.row;
        Parallel.forEach(threads, pl.batch * pairs * inH, task -> {
            int ih = task % inH, ip = task / inH, pair = ip % pairs, img = ip / pairs;
            int a = ih % sh, r = ih / sh;
            float[] tile = Workspace.get().col(sw * 2 * width * C);
            for (int b = 0; b < sw; b++) {
                int ph = a * sw + b, k = lay.k[ph], count = (inW - b + sw - 1) / sw;
                int tOff = b * 2 * width * C;
                if (k == 0) {
                    java.util.Arrays.fill(tile, tOff, tOff + 2 * width * C, 0f);
                    continue;
                }
                int wOff = lay.weightOffset[ph] + pair * 2 * C * k;
                for (int i0 = 0; i0 < count; i0 += PIXELS) {
                    int i = Math.min(i0, count - PIXELS);
                    DirectConvKernel14x2.tile(k, wp, wOff, C * k, gp, img * image + r * rowLen + i * C, lay.steps[ph],
                            tile, tOff + i * C, width * C);
                }
            }
            for (int j = 0; j < 2; j++) {
                int dst = ((img * inC + (pair * 2 + j) * C) * inH + ih) * inW;
                if (inW / sw >= C && sw <= 2) {
                    store(tile, j, width, sw, inW, gradIn, dst, inH * inW, Workspace.get().plane(sw * C * width));
                } else {
                    for (int c = 0; c < C; c++) {
                        for (int b = 0; b < sw; b++) {
                            int src = (b * 2 + j) * width * C + c;
                            for (int iw = b, i = 0; iw < inW; iw += sw, i++) gradIn[dst + c * inH * inW + iw] = tile[src + i * C];
                        }
                    }
                }
            }
        });
    }

    /**
     * Writes block j of a row's tile (per column phase b: pixels x 16 channels) into the 16 channel rows
     * at {@code gradIn[dst + c*plane + iw]}: each phase is transposed into channel rows
     * ({@link Transpose16}, an overlapping last block), straight into the output at stride 1 and into
     * {@code rows} at stride 2, whose two phases are then interleaved ({@link Interleave2}).
     */
    private static void store(float[] tile, int j, int width, int sw, int inW, float[] gradIn, int dst, int plane, float[] rows) {
        if (sw == 1) {
            int src = j * width * C;
            for (int i0 = 0; i0 < inW; i0 += C) {
                int i = Math.min(i0, inW - C);
                Transpose16.transpose(tile, src + i * C, C, gradIn, dst + i, planeOffsets(plane), 0);
            }
            return;
        }
        int[] rowOffsets = planeOffsets(width);
        for (int b = 0; b < 2; b++) {
            int count = (inW - b + 1) / 2, src = (b * 2 + j) * width * C;
            for (int i0 = 0; i0 < count; i0 += C) {
                int i = Math.min(i0, count - C);
                Transpose16.transpose(tile, src + i * C, C, rows, b * C * width + i, rowOffsets, 0);
            }
        }
        for (int c = 0; c < C; c++) Interleave2.interleave(rows, c * width, rows, (C + c) * width, gradIn, dst + c * plane, inW);
    }

    /** {@code c * step} for c < 16, cached for the last step asked (per thread: tasks of one call share it). */
    private static int[] planeOffsets(int step) {
        int[] t = OFFSETS.get();
        if (t[C] != step) {
            for (int c = 0; c <= C; c++) t[c] = c == C ? step : c * step;
        }
        return t;
    }

    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[C + 1]);

    /**
     * Per phase: {@code wp[off + cb*K*16 + kk*16 + ci] = w[o][cb*16 + ci][tap]} for step kk = (o/16, tap, o%16).
     * Walks each output channel's weights tap by tap, so the writes run along the 16 input channels of a cell.
     */
    private static void packWeights(float[] w, int outC, int inC, int taps, Layout lay, float[] wp, int threads) {
        // One task per output channel: each writes only its own cells (a copy: any thread count gives the same).
        Parallel.forEach(threads, outC, o -> {
            int ob = o / C, oi = o % C;
            for (int t = 0; t < taps; t++) {
                int ph = lay.tapPhase[t], tt = lay.tapSlot[t], k = lay.k[ph], nt = lay.taps[ph].length;
                int dst = lay.weightOffset[ph] + ((ob * nt + tt) * C + oi) * C, src = o * inC * taps + t;
                for (int cb = 0; cb < inC / C; cb++) {
                    int d = dst + cb * k * C, sb = src + cb * C * taps;
                    for (int ci = 0; ci < C; ci++) wp[d + ci] = w[sb + ci * taps];
                }
            }
        });
    }
}
