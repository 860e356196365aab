package dev.stride.core.internal;

/**
 * The input gradient of a {@link ConvPlan}'s convolution, which is also the forward pass of the
 * transposed convolution: per group, {@code cols[K x N] = W^T[K x mg] * g[mg x N]} on the packed GEMM,
 * then col2im adds every column entry into the input cell its tap read.
 *
 * <p>Threads: tasks are (image, group, chunk of input channels); a chunk's rows of {@code cols} only
 * touch its own channels, so no two tasks write the same cell. Chunks and tiles have fixed sizes (not
 * derived from the thread count) and each task adds in (tile, k, position) order, so results are
 * bitwise identical for any thread count.
 */
final class ConvBackwardInput {
    private ConvBackwardInput() {}

    /** Target rows (channels x taps) per task: enough for the GEMM to run full MR-row panels. */
    private static final int ROWS_PER_TASK = 64;

    /** Adds the gradient to {@code gradIn} (which the caller zeroed): {@code gradIn += conv^T(gradOut)}. */
    static void run(ConvPlan pl, float[] gradOut, float[] w, float[] gradIn, int threads) {
        if (pl.path == ConvPlan.Path.DEPTHWISE) {
            DepthwiseConv.backwardInput(pl, gradOut, w, gradIn, threads);
            return;
        }
        final ConvGeometry geo = pl.geometry;
        final int m = pl.mg, k = pl.k, groups = pl.groups, n = pl.n, cg = pl.cg;
        final int taps = geo.kernelH * geo.kernelW;
        final int chunkC = Math.max(1, (ROWS_PER_TASK + taps - 1) / taps);
        final int chunks = (cg + chunkC - 1) / chunkC;
        final int rowsMax = Math.min(cg, chunkC) * taps;
        final int tileN = Math.min(n, Math.max(1, ConvPlan.TILE_CAP_FLOATS / (rowsMax * PackedGemm.NB)) * PackedGemm.NB);
        final int groupIn = cg * geo.inH * geo.inW, inImage = pl.inImage(), outImage = pl.outImage();
        Parallel.forEach(threads, pl.batch * groups * chunks, task -> {
            int ch = task % chunks, ng = task / chunks, g = ng % groups, img = ng / groups;
            int c0 = ch * chunkC, c1 = Math.min(cg, c0 + chunkC), k0 = c0 * taps, k1 = c1 * taps, rows = k1 - k0;
            Workspace ws = Workspace.get();
            float[] ap = ws.taskA(PackedGemm.packedSize(rows, m));
            // A[i][j] = W[g*mg + j][k0 + i]: the transposed weight rows of this chunk.
            PackedGemm.packA(w, g * m * k + k0, 1, k, rows, m, ap, 0);
            int gOff = img * outImage + g * m * n, xOff = img * inImage + g * groupIn;
            for (int p0 = 0; p0 < n; p0 += tileN) {
                int count = Math.min(tileN, n - p0), ld = PackedGemm.roundUpNb(count);
                float[] col = ws.col(rows * ld);
                PackedGemm.gemm(rows, count, m, ap, 0, gradOut, gOff + p0, n, false, col, 0, ld, false,
                        null, 0, PackedGemm.ACT_NONE, 0f, ws);
                Im2col.scatterAdd(col, 0, ld, 1, geo, k0, k1, p0, count, gradIn, xOff);
            }
        });
    }
}
