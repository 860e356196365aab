package dev.stride.core.internal;

/**
 * The input gradient of a {@link ConvPlan}'s convolution, which is also the forward pass of the
 * transposed convolution: per group, {@code cols[K x N] = W^T[K x mg] * g[mg x N]} on the packed GEMM,
 * then col2im adds every column entry into the input cell its tap read.
 *
 * <p>Faster paths, chosen in {@link #run}: depthwise; the phase-split direct kernel
 * ({@link ConvInputGradPhased}: zeros padding, 32k input and 16k output channels, 512 bits) for strided
 * convolutions and for stride-1 ones whose adjoint is not a direct 3x3; for stride 1, the forward of the
 * adjoint conv, either written straight into the input ({@link ConvPlan#paddedAdjoint}, zeros padding)
 * or into the padded input and folded ({@link ConvPlan#fullAdjoint}, every padding mode).
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
        // The direct phase-split kernel, unless the stride-1 adjoint already runs on the direct forward.
        if (pl.path != ConvPlan.Path.POINTWISE && pl.phasedInputLayout() != null
                && !(pl.paddedAdjoint() != null && pl.paddedAdjoint().direct != null)) {
            ConvInputGradPhased.run(pl, gradOut, w, gradIn, threads);
            return;
        }
        if (pl.path == ConvPlan.Path.IMPLICIT_GEMM && pl.paddedAdjoint() != null) {
            viaPaddedConvolution(pl, gradOut, w, gradIn, threads);
            return;
        }
        if (pl.path == ConvPlan.Path.IMPLICIT_GEMM) {
            viaFullConvolution(pl, gradOut, w, gradIn, threads);
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
                if (pl.path == ConvPlan.Path.POINTWISE) {
                    // 1x1, stride 1, no padding: the columns are the input gradient's rows (each written once).
                    PackedGemm.gemm(rows, count, m, ap, 0, gradOut, gOff + p0, n, false, gradIn, xOff + k0 * n + p0, n,
                            false, null, 0, PackedGemm.ACT_NONE, 0f, ws);
                    continue;
                }
                float[] col = ws.col(rows * ld);
                PackedGemm.gemm(rows, count, m, ap, 0, gradOut, gOff + p0, n, false, col, 0, ld, false,
                        null, 0, PackedGemm.ACT_NONE, 0f, ws);
                Im2col.scatterAdd(col, 0, ld, 1, geo, k0, k1, p0, count, gradIn, xOff);
            }
        });
    }

    /**
     * Stride 1, zeros padding: the input gradient is a forward convolution of the output gradient with
     * the flipped, transposed kernel and padding {@code dilation*(kernel-1) - pad}
     * ({@link ConvPlan#paddedAdjoint}), written straight into {@code gradIn} by {@link ConvForward}
     * (which overwrites; the caller's zeros are not needed). No padded copy and no fold.
     */
    private static void viaPaddedConvolution(ConvPlan pl, float[] gradOut, float[] w, float[] gradIn, int threads) {
        float[] flipped = flipTransposed(pl, w, Workspace.get());
        ConvForward.run(pl.paddedAdjoint(), gradOut, flipped, null, PackedGemm.ACT_NONE, 0f, gradIn, threads);
    }

    /** The adjoint's weight {@code [inChannels, mg, kH, kW]}: per group, transposed and flipped in both axes. */
    private static float[] flipTransposed(ConvPlan pl, float[] w, Workspace caller) {
        final int m = pl.mg, cg = pl.cg, groups = pl.groups, taps = pl.geometry.kernelH * pl.geometry.kernelW;
        float[] flipped = caller.adjointWeights(pl.inChannels * m * taps);
        for (int gr = 0; gr < groups; gr++) {
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < cg; c++) {
                    int src = ((gr * m + j) * cg + c) * taps, dst = ((gr * cg + c) * m + j) * taps;
                    for (int t = 0; t < taps; t++) flipped[dst + t] = w[src + taps - 1 - t];
                }
            }
        }
        return flipped;
    }

    /**
     * Stride 1: the gradient with respect to the padded input is a "full" forward convolution of the
     * output gradient with the flipped kernel ({@link ConvPlan#fullAdjoint}), run by {@link ConvForward}
     * at GEMM speed; it is then folded onto the input through the padding maps (cells that the forward
     * read more than once, in reflect/replicate/circular modes, accumulate). Tasks of the fold are
     * (image, channel) planes, added in a fixed order.
     */
    private static void viaFullConvolution(ConvPlan pl, float[] gradOut, float[] w, float[] gradIn, int threads) {
        final ConvGeometry g = pl.geometry;
        ConvPlan adj = pl.fullAdjoint();
        Workspace caller = Workspace.get();
        float[] flipped = flipTransposed(pl, w, caller);
        final int hp = g.paddedH, wp = g.paddedW, plane = hp * wp, inPlane = g.inH * g.inW;
        final float[] padded = caller.adjointOut(pl.batch * pl.inChannels * plane);
        ConvForward.run(adj, gradOut, flipped, null, PackedGemm.ACT_NONE, 0f, padded, threads);
        Parallel.forEach(threads, pl.batch * pl.inChannels, t -> {
            int src = t * plane, dst = t * inPlane;
            for (int ph = 0; ph < hp; ph++) {
                int r = g.rowMap[ph];
                if (r < 0) continue;
                int row = dst + r * g.inW, prow = src + ph * wp;
                for (int pw = 0; pw < wp; pw++) {
                    int col = g.colMap[pw];
                    if (col >= 0) gradIn[row + col] += padded[prow + pw];
                }
            }
        });
    }
}
