package dev.stride.core.internal;

/**
 * Weight gradient in the channel-blocked layout (NCHW16c) for convolutions with many channels:
 * {@code dW[o][c][ky][kx] = sum over images and output pixels (oh, ow) of
 * g[o][oh][ow] * xpad[c][oh*strideH + ky*dilationH][ow*strideW + kx*dilationW]}, with no im2col and no
 * GEMM packing. The input is copied once into the padded, blocked form of {@link DirectConv16}
 * ({@link DirectConv16#fillBlock}, every padding mode and stride), the output gradient into
 * {@code [batch][outChannels/16][outH*outW][16]}; then {@link WeightGradKernel8x3} computes 8 output
 * channels x 3 columns (an input block of 16 channels at one tap) per call, reading both operands in
 * place (an output pixel's gradient of 8 channels is 8 consecutive floats; a column's 16 input channels
 * one 16-float cell, and the cells of consecutive pixels are consecutive in every column phase).
 *
 * <p>The reduction columns (input block, tap) are taken three at a time in (block, ky, kx) order, so
 * a 3x3 kernel gives one kernel row per call and a 1x1 kernel three input blocks; a last group of one
 * or two columns repeats its first column and drops those results, so this path is only planned when
 * that waste is small (see {@link #applies}).
 *
 * <p>Summation order: every weight-gradient entry is one FMA chain from zero over images, then output
 * rows, then output columns, ascending. Threads: tasks are (8 output channels, group of three
 * columns), each writing only its own entries of {@code dW}, with sizes independent of the thread count:
 * bitwise identical for any thread count.
 *
 * <p>Workspace: the blocked input copy ({@code batch * inChannels * paddedH * strideW * wq} floats, as
 * {@link DirectConv16}) and the blocked output gradient ({@code batch * outChannels * outH * outW})
 * on the calling thread, and 384 floats per task.
 */
final class ConvWeightGrad16 {
    private ConvWeightGrad16() {}

    private static final int C = 16;
    /** Output channels and columns (input block, tap) per kernel call. */
    private static final int CHANNELS = 8, COLUMNS = 3;

    /**
     * Whether this path computes the weight gradient: 512-bit vectors, one group, input and output
     * channels multiples of 16, and {@code (inChannels/16) * kH * kW} columns that split into threes
     * with at most 20% waste (3, 6, 9, ... columns, or at least 5).
     */
    static boolean applies(int groups, int inChannels, int outChannels, ConvGeometry g) {
        int columns = inChannels / C * g.kernelH * g.kernelW;
        return VectorSupport.BITS == 512 && groups == 1 && inChannels % C == 0 && outChannels % C == 0
                && columns >= COLUMNS && (columns % COLUMNS == 0 || columns >= 5);
    }

    /** Writes the gradient into {@code gradW} ({@code [outChannels, inChannels, kH, kW]}). */
    static void run(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, int threads) {
        final ConvGeometry g = pl.geometry;
        final DirectConv16.Layout lay = pl.weightGradLayout();
        final int inC = pl.inChannels, outC = pl.outChannels, n = pl.n, batch = pl.batch;
        final int taps = g.kernelH * g.kernelW, columns = inC / C * taps, columnGroups = (columns + COLUMNS - 1) / COLUMNS;
        final int blocksIn = inC / C, blocksOut = outC / C, blockPlane = g.paddedH * lay.row, image = blocksIn * blockPlane;
        Workspace caller = Workspace.get();
        final float[] xp = caller.sharedB(batch * image);
        Parallel.forEach(threads, batch * blocksIn, t -> DirectConv16.fillBlock(x, t, inC, g, lay, xp, t * blockPlane));
        final float[] gp = caller.sharedA(batch * outC * n);
        Parallel.forEach(threads, batch * blocksOut, t -> blockGradient(gradOut, t, n, gp));
        final int channelGroups = outC / CHANNELS, xRow = g.strideH * lay.row, gRow = g.outW * C;
        Parallel.forEach(threads, channelGroups * columnGroups, task -> {
            int cg = task % columnGroups, og = task / columnGroups;
            int c0 = cg * COLUMNS, c1 = Math.min(columns, c0 + COLUMNS);
            // Column (block, tap) = step (block*taps + tap)*16 of the blocked image.
            int x0 = lay.steps[c0 * C];
            int x1 = c0 + 1 < c1 ? lay.steps[(c0 + 1) * C] : x0;
            int x2 = c0 + 2 < c1 ? lay.steps[(c0 + 2) * C] : x0;
            float[] acc = Workspace.get().col(CHANNELS * COLUMNS * C);
            int oBlock = og * CHANNELS / C, half = og * CHANNELS % C;
            for (int img = 0; img < batch; img++) {
                WeightGradKernel8x3.tile(g.outH, g.outW, xp, img * image, xRow, x0, x1, x2,
                        gp, (img * blocksOut + oBlock) * n * C + half, gRow, acc, 0, img > 0);
            }
            for (int j = 0; j < CHANNELS; j++) {
                int o = og * CHANNELS + j;
                for (int col = c0; col < c1; col++) {
                    int cb = col / taps, t = col % taps;
                    int src = (j * COLUMNS + col - c0) * C, dst = (o * inC + cb * C) * taps + t;
                    for (int ci = 0; ci < C; ci++) gradW[dst + ci * taps] = acc[src + ci];
                }
            }
        });
    }

    /** Output gradient block {@code t = img*blocks + ob} (16 planes of n) as {@code n} cells of 16 channels. */
    private static void blockGradient(float[] gradOut, int t, int n, float[] gp) {
        int src = t * C * n, dst = t * n * C;
        if (n >= C) {
            for (int p0 = 0; p0 < n; p0 += C) {
                int p = Math.min(p0, n - C);
                Transpose16.transpose(gradOut, src + p, n, gp, dst + p * C, CELLS, 0);
            }
            return;
        }
        for (int c = 0; c < C; c++) {
            for (int p = 0; p < n; p++) gp[dst + p * C + c] = gradOut[src + c * n + p];
        }
    }

    /** Cell offsets of 16 consecutive pixels: {@code 16 * i}. */
    private static final int[] CELLS = new int[C];

    static {
        for (int i = 0; i < C; i++) CELLS[i] = i * C;
    }
}
