package dev.stride.core.internal;

/**
 * Forward convolution of a {@link ConvPlan} on the packed GEMM: per group, {@code out[mg x N] =
 * W[mg x K] * patches[K x N]} (+ bias, activation fused into the micro-kernel's store).
 *
 * <p>Weights are re-packed on every call (cost {@code outChannels * K} floats against
 * {@code 2 * outChannels * K * N} FLOPs), into the calling thread's workspace: weights change between
 * training steps, and a cache keyed on the array's identity would silently go stale.
 *
 * <p>Threads: tasks are (image, group, tile of output positions); each output element belongs to one
 * task and its sum runs in the same order whatever the thread count.
 */
final class ConvForward {
    private ConvForward() {}

    static void run(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        if (pl.path == ConvPlan.Path.DEPTHWISE) {
            DepthwiseConv.forward(pl, x, w, bias, act, alpha, y, threads);
            return;
        }
        if (pl.direct != null) {
            DirectConv16.forward(pl, x, w, bias, act, alpha, y, threads);
            return;
        }
        if (pl.narrow != null) {
            NarrowConv.forward(pl, x, w, bias, act, alpha, y, threads);
            return;
        }
        if (pl.fewChannel != null) {
            FewChannelConv.forward(pl, x, w, bias, act, alpha, y, threads);
            return;
        }
        if (pl.path == ConvPlan.Path.IMPLICIT_GEMM) {
            ConvImplicitGemm.run(pl, x, w, bias, act, alpha, y, threads);
            return;
        }
        final int m = pl.mg, k = pl.k, groups = pl.groups, n = pl.n, tileN = pl.tileN;
        final int per = PackedGemm.packedSize(m, k);
        final float[] ap = Workspace.get().sharedA(per * groups);
        for (int g = 0; g < groups; g++) PackedGemm.packA(w, g * m * k, k, 1, m, k, ap, g * per);
        final int tiles = (n + tileN - 1) / tileN;
        final int groupIn = pl.cg * pl.geometry.inH * pl.geometry.inW, inImage = pl.inImage(), outImage = pl.outImage();
        final boolean pointwise = pl.path == ConvPlan.Path.POINTWISE;
        final ConvGeometry geo = pl.geometry;
        // Strided im2col copies contiguous runs from rows split into stride phases (one pass over the input).
        final boolean phased = !pointwise && geo.strideW > 1;
        final int phaseRow = geo.strideW * ((geo.inW + geo.strideW - 1) / geo.strideW);
        final float[] xs = phased ? Workspace.get().sharedB(pl.batch * pl.inChannels * geo.inH * phaseRow) : null;
        if (phased) {
            final int inPlane = geo.inH * geo.inW;
            Parallel.forEach(threads, pl.batch * pl.inChannels, t -> Im2col.splitPhases(x, t * inPlane, geo.inH, geo.inW,
                    geo.strideW, xs, t * geo.inH * phaseRow));
        }
        Parallel.forEach(threads, pl.batch * groups * tiles, task -> {
            int t = task % tiles, ng = task / tiles, g = ng % groups, img = ng / groups;
            int p0 = t * tileN, count = Math.min(tileN, n - p0);
            Workspace ws = Workspace.get();
            int xOff = img * inImage + g * groupIn;
            int yOff = img * outImage + g * m * n + p0;
            if (pointwise) {
                PackedGemm.gemm(m, count, k, ap, g * per, x, xOff + p0, n, false, y, yOff, n, false,
                        bias, g * m, act, alpha, ws);
            } else {
                int ld = PackedGemm.roundUpNb(count);
                float[] col = ws.col(k * ld);
                if (phased) {
                    Im2col.gatherPhased(x, xOff, xs, (img * pl.inChannels + g * pl.cg) * geo.inH * phaseRow, geo,
                            p0, count, col, ld);
                } else {
                    Im2col.gather(x, xOff, geo, 0, k, p0, count, col, 0, ld, 1);
                }
                PackedGemm.gemm(m, count, k, ap, g * per, col, 0, ld, true, y, yOff, n, false,
                        bias, g * m, act, alpha, ws);
            }
        });
    }
}
