package dev.stride.core.internal;

/**
 * The weight gradient of a {@link ConvPlan}'s convolution on the packed GEMM: per group,
 * {@code dW[mg x K] = sum over images and position tiles of g[mg x tile] * rows[tile x K]}, where
 * {@code rows} is the im2row layout of the input patches (B operand) and the output gradient is packed
 * as A.
 *
 * <p>Threads: tasks are (group, block of K columns); each task owns its columns of {@code dW} and
 * accumulates images and tiles in a fixed order, so no cross-task reduction is needed and results are
 * bitwise identical for any thread count. Workspace per task: {@code TILE_POSITIONS x COLUMNS_PER_TASK}
 * floats of patches and {@code mg x TILE_POSITIONS} of packed gradient.
 */
final class ConvBackwardWeight {
    private ConvBackwardWeight() {}

    private static final int COLUMNS_PER_TASK = 2 * PackedGemm.NB;
    private static final int TILE_POSITIONS = 256;

    /** Writes the gradient into {@code gradW} ({@code [outChannels, cg, kH, kW]}). */
    static void run(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, int threads) {
        if (pl.path == ConvPlan.Path.DEPTHWISE) {
            DepthwiseConv.backwardWeight(pl, x, gradOut, gradW, threads);
            return;
        }
        final ConvGeometry geo = pl.geometry;
        final int m = pl.mg, k = pl.k, groups = pl.groups, n = pl.n;
        final int blocks = (k + COLUMNS_PER_TASK - 1) / COLUMNS_PER_TASK;
        final int groupIn = pl.cg * geo.inH * geo.inW, inImage = pl.inImage(), outImage = pl.outImage();
        final int step = Math.min(n, TILE_POSITIONS);
        // Stride 1: gather patches from a padded copy of the input (contiguous writes, no maps).
        final boolean implicit = pl.path == ConvPlan.Path.IMPLICIT_GEMM;
        final int plane = geo.paddedH * geo.paddedW;
        final float[] padded = implicit ? Workspace.get().sharedB(pl.batch * pl.inChannels * plane) : null;
        if (implicit) {
            final int inPlane = geo.inH * geo.inW;
            Parallel.forEach(threads, pl.batch * pl.inChannels, t -> DepthwiseConv.fillPadded(x, t * inPlane, geo, padded, t * plane));
        }
        Parallel.forEach(threads, groups * blocks, task -> {
            int b = task % blocks, g = task / blocks;
            int k0 = b * COLUMNS_PER_TASK, k1 = Math.min(k, k0 + COLUMNS_PER_TASK), kc = k1 - k0;
            int ld = PackedGemm.roundUpNb(kc);
            Workspace ws = Workspace.get();
            float[] rows = ws.col(step * ld);
            float[] ap = ws.taskA(PackedGemm.packedSize(m, step));
            boolean first = true;
            for (int img = 0; img < pl.batch; img++) {
                int xOff = img * inImage + g * groupIn, gOff = img * outImage + g * m * n;
                for (int p0 = 0; p0 < n; p0 += step) {
                    int count = Math.min(step, n - p0);
                    if (implicit) {
                        Im2col.gatherRowsImplicit(padded, (img * pl.inChannels + g * pl.cg) * plane, pl.implicitOffsets,
                                k0, k1, geo.outW, geo.paddedW, p0, count, rows, ld);
                    } else {
                        Im2col.gather(x, xOff, geo, k0, k1, p0, count, rows, 0, 1, ld);
                    }
                    PackedGemm.packA(gradOut, gOff + p0, n, 1, m, count, ap, 0);
                    PackedGemm.gemm(m, kc, count, ap, 0, rows, 0, ld, true, gradW, g * m * k + k0, k, !first,
                            null, 0, PackedGemm.ACT_NONE, 0f, ws);
                    first = false;
                }
            }
        });
    }

    /** {@code gradBias[o] = sum over images and positions of gradOut[img, o, p]}, one task per channel. */
    static void bias(float[] gradOut, int batch, int channels, int positions, float[] gradBias, int threads) {
        Parallel.forEach(threads, channels, o -> {
            float s = 0f;
            for (int img = 0; img < batch; img++) {
                int off = (img * channels + o) * positions;
                for (int p = 0; p < positions; p++) s += gradOut[off + p];
            }
            gradBias[o] = s;
        });
    }
}
