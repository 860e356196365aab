package dev.stride.core.internal;

/**
 * Forward convolution when every group has one input channel (depthwise, with a channel multiplier
 * {@code mg = outChannels/groups}): a direct kernel per output plane. The input plane is first copied
 * into a padded plane (any padding mode, through {@link ConvGeometry}'s maps) in the thread's
 * workspace, so the taps need no bounds logic; rows with stride 1 run the vector kernel
 * {@link DepthwiseRowKernel}, the rest a scalar loop with the same summation order
 * (bias, then taps in (ky, kx) order).
 *
 * <p>Threads: one task per (image, output channel). Workspace: one padded plane per thread,
 * {@code paddedH x paddedW} floats.
 */
final class DepthwiseConv {
    private DepthwiseConv() {}

    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        final ConvGeometry g = pl.geometry;
        final int mult = pl.mg, outC = pl.outChannels, n = pl.n, inPlane = g.inH * g.inW;
        final int taps = g.kernelH * g.kernelW, wp = g.paddedW;
        Parallel.forEach(threads, pl.batch * outC, task -> {
            int o = task % outC, img = task / outC, ch = o / mult;
            float[] plane = Workspace.get().plane(g.paddedH * wp);
            fillPadded(x, img * pl.inImage() + ch * inPlane, g, plane);
            float b = bias == null ? 0f : bias[o];
            int wOff = o * taps, yPlane = (img * outC + o) * n;
            for (int oh = 0; oh < g.outH; oh++) {
                int rowOff = oh * g.strideH * wp, yOff = yPlane + oh * g.outW;
                int done = 0;
                if (VectorSupport.BITS > 0 && g.strideW == 1) {
                    done = DepthwiseRowKernel.row(plane, rowOff, wp, w, wOff, g.kernelH, g.kernelW, g.dilationH,
                            g.dilationW, b, y, yOff, g.outW);
                }
                for (int ow = done; ow < g.outW; ow++) {
                    float s = b;
                    for (int ky = 0; ky < g.kernelH; ky++) {
                        int r = rowOff + ky * g.dilationH * wp + ow * g.strideW;
                        for (int kx = 0; kx < g.kernelW; kx++) s += w[wOff + ky * g.kernelW + kx] * plane[r + kx * g.dilationW];
                    }
                    y[yOff + ow] = s;
                }
            }
            if (act != PackedGemm.ACT_NONE) {
                for (int i = yPlane; i < yPlane + n; i++) y[i] = PackedGemm.activate(y[i], act, alpha);
            }
        });
    }

    private static void fillPadded(float[] x, int off, ConvGeometry g, float[] plane) {
        final int wp = g.paddedW, inW = g.inW;
        int lo = Math.min(g.padLeft, wp), hi = Math.min(g.padLeft + inW, wp);
        for (int ph = 0; ph < g.paddedH; ph++) {
            int r = g.rowMap[ph], d = ph * wp;
            if (r < 0) {
                java.util.Arrays.fill(plane, d, d + wp, 0f);
                continue;
            }
            int src = off + r * inW;
            for (int pw = 0; pw < lo; pw++) plane[d + pw] = g.colMap[pw] < 0 ? 0f : x[src + g.colMap[pw]];
            System.arraycopy(x, src, plane, d + lo, hi - lo);
            for (int pw = hi; pw < wp; pw++) plane[d + pw] = g.colMap[pw] < 0 ? 0f : x[src + g.colMap[pw]];
        }
    }
}
