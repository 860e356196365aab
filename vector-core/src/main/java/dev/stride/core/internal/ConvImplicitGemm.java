package dev.stride.core.internal;

/**
 * Stride-1 convolution as an implicit GEMM: no im2col. Each input image is copied once into padded
 * planes ({@code paddedH x paddedW}, any padding mode, through {@link ConvGeometry}'s maps); then the
 * output is computed over "virtual" positions {@code q = oh*paddedW + ow} with {@code ow < paddedW},
 * where the patch entry of row {@code k = (c, ky, kx)} is simply
 * {@code padded[c*plane + ky*dilationH*paddedW + kx*dilationW + q]}: every B row is a contiguous run of
 * the padded image at a per-row offset ({@link PackedGemm#gemmIndexed}). The columns with
 * {@code ow >= outW} are computed and dropped ({@code (paddedW-outW)/paddedW} extra work, 3% on a
 * 56-wide 3x3 layer); the copy into the output applies bias and activation.
 *
 * <p>Workspace: the padded copy of the input ({@code batch * inChannels * paddedH * paddedW} floats
 * plus a small slack) on the calling thread, and per task one {@code roundUp(mg, 8) x TILE} output
 * tile ({@code TILE} = 8 column blocks). Threads: tasks are (image, group, tile); bitwise identical
 * for any thread count.
 */
final class ConvImplicitGemm {
    private ConvImplicitGemm() {}

    private static final int TILE = 8 * PackedGemm.NB;

    static void run(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        final ConvGeometry g = pl.geometry;
        final int hp = g.paddedH, wp = g.paddedW, plane = hp * wp, inPlane = g.inH * g.inW;
        final int m = pl.mg, k = pl.k, groups = pl.groups, inC = pl.inChannels, outC = pl.outChannels;
        final int outH = g.outH, outW = g.outW, n = pl.n;
        Workspace caller = Workspace.get();
        final float[] padded = caller.sharedB(pl.batch * inC * plane + wp + 2 * PackedGemm.NB + g.kernelW * g.dilationW);
        Parallel.forEach(threads, pl.batch * inC, t -> DepthwiseConv.fillPadded(x, t * inPlane, g, padded, t * plane));
        final int per = PackedGemm.packedSize(m, k);
        final float[] ap = caller.sharedA(per * groups);
        for (int gr = 0; gr < groups; gr++) PackedGemm.packA(w, gr * m * k, k, 1, m, k, ap, gr * per);
        final int[] kOff = pl.implicitOffsets;
        final int virtual = outH * wp;
        final int tile = Math.min(TILE, PackedGemm.roundUpNb(virtual));
        final int tiles = (virtual + tile - 1) / tile;
        final int rowsPadded = (m + PackedGemm.MR - 1) / PackedGemm.MR * PackedGemm.MR;
        Parallel.forEach(threads, pl.batch * groups * tiles, task -> {
            int t = task % tiles, ng = task / tiles, gr = ng % groups, img = ng / groups;
            int q0 = t * tile, count = Math.min(tile, virtual - q0), cols = PackedGemm.roundUpNb(count);
            float[] c = Workspace.get().col(rowsPadded * cols);
            PackedGemm.gemmIndexed(rowsPadded, cols, k, ap, gr * per, padded, (img * inC + gr * pl.cg) * plane + q0, kOff,
                    c, 0, cols);
            int qEnd = q0 + count;
            for (int i = 0; i < m; i++) {
                int o = gr * m + i, yPlane = (img * outC + o) * n, cRow = i * cols - q0;
                float bv = bias == null ? 0f : bias[o];
                int q = q0;
                while (q < qEnd) {
                    int oh = q / wp, ow = q - oh * wp, rowEnd = Math.min(qEnd, oh * wp + wp);
                    int validEnd = Math.min(rowEnd, oh * wp + outW);
                    int yRow = yPlane + oh * outW - oh * wp;
                    if (bias == null && act == PackedGemm.ACT_NONE) {
                        if (validEnd > q) System.arraycopy(c, cRow + q, y, yRow + q, validEnd - q);
                    } else {
                        for (int qq = q; qq < validEnd; qq++) {
                            y[yRow + qq] = PackedGemm.activate(bias == null ? c[cRow + qq] : c[cRow + qq] + bv, act, alpha);
                        }
                    }
                    q = rowEnd;
                }
            }
        });
    }

}
