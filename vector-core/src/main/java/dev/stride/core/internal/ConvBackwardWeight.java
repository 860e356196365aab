package dev.stride.core.internal;

/**
 * The weight gradient of a {@link ConvPlan}'s convolution on the packed GEMM: per group,
 * {@code dW[mg x K] = sum over images and position tiles of g[mg x tile] * rows[tile x K]}, where
 * {@code rows} is the im2row layout of the input patches (B operand) and the output gradient is packed
 * as A.
 *
 * <p>Threads: tasks are (chunk of {@link #IMAGES_PER_CHUNK} images, group, block of K columns); each
 * task owns its columns of one chunk's partial {@code dW} and accumulates its images and tiles in a fixed
 * order; the partials are then added chunk by chunk in order. Chunks have a fixed size (not derived from
 * the thread count), so results are bitwise identical for any thread count, and small convolutions
 * (one column block, e.g. 1->6 channels 5x5) still split a large batch over threads. Workspace per
 * task: {@code TILE_POSITIONS x COLUMNS_PER_TASK} floats of patches and {@code mg x TILE_POSITIONS} of
 * packed gradient; with more than one chunk, the partials ({@code chunks * outChannels * K} floats).
 * Small stride-1 convolutions take {@link ConvWeightGradDirect} instead of the GEMM, in the same tasks;
 * convolutions with 16k input and output channels at 512 bits take the channel-blocked kernel
 * {@link ConvWeightGrad16} (any stride, dilation and padding mode).
 */
final class ConvBackwardWeight {
    private ConvBackwardWeight() {}

    private static final int COLUMNS_PER_TASK = 2 * PackedGemm.NB;
    private static final int TILE_POSITIONS = 256;
    /** Images per partial sum: enough work per task, and tasks for every thread at training batch sizes. */
    static final int IMAGES_PER_CHUNK = 8;

    /** Writes the gradient into {@code gradW} ({@code [outChannels, cg, kH, kW]}). */
    static void run(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, int threads) {
        if (pl.path == ConvPlan.Path.DEPTHWISE) {
            DepthwiseConv.backwardWeight(pl, x, gradOut, gradW, threads);
            return;
        }
        if (pl.weightGradLayout() != null) {
            ConvWeightGrad16.run(pl, x, gradOut, gradW, threads);
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
        final int chunks = (pl.batch + IMAGES_PER_CHUNK - 1) / IMAGES_PER_CHUNK;
        final int size = pl.outChannels * k;
        final float[] partial = chunks == 1 ? gradW : new float[chunks * size];
        if (implicit && ConvWeightGradDirect.applies(pl)) {
            Parallel.forEach(threads, chunks * groups, task -> {
                int g = task % groups, chunk = task / groups;
                ConvWeightGradDirect.run(pl, padded, gradOut, chunk * IMAGES_PER_CHUNK,
                        Math.min(pl.batch, (chunk + 1) * IMAGES_PER_CHUNK), g, partial, chunks == 1 ? 0 : chunk * size);
            });
            if (chunks > 1) sumPartials(partial, chunks, size, gradW, threads);
            return;
        }
        Parallel.forEach(threads, chunks * groups * blocks, task -> {
            int b = task % blocks, rest = task / blocks, g = rest % groups, chunk = rest / groups;
            int img0 = chunk * IMAGES_PER_CHUNK, img1 = Math.min(pl.batch, img0 + IMAGES_PER_CHUNK);
            int pOff = chunks == 1 ? 0 : chunk * size;
            int k0 = b * COLUMNS_PER_TASK, k1 = Math.min(k, k0 + COLUMNS_PER_TASK), kc = k1 - k0;
            int ld = PackedGemm.roundUpNb(kc);
            Workspace ws = Workspace.get();
            float[] rows = ws.col(step * ld);
            float[] ap = ws.taskA(PackedGemm.packedSize(m, step));
            boolean first = true;
            for (int img = img0; img < img1; img++) {
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
                    PackedGemm.gemm(m, kc, count, ap, 0, rows, 0, ld, true, partial, pOff + g * m * k + k0, k, !first,
                            null, 0, PackedGemm.ACT_NONE, 0f, ws);
                    first = false;
                }
            }
        });
        if (chunks > 1) sumPartials(partial, chunks, size, gradW, threads);
    }

    /** {@code gradW = partial[0] + partial[1] + ...}, in chunk order for every entry. */
    private static void sumPartials(float[] partial, int chunks, int size, float[] gradW, int threads) {
        final int span = 4096;
        Parallel.forEach(threads, (size + span - 1) / span, t -> {
            int i0 = t * span, i1 = Math.min(size, i0 + span);
            System.arraycopy(partial, i0, gradW, i0, i1 - i0);
            for (int c = 1; c < chunks; c++) {
                int off = c * size;
                for (int i = i0; i < i1; i++) gradW[i] += partial[off + i];
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
