package dev.stride.core.internal;

/**
 * Forward convolution when every group has one input channel (depthwise, with a channel multiplier
 * {@code mg = outChannels/groups}): a direct kernel per output plane. 3x3 kernels with zero padding,
 * dilation 1 and stride 1 or 2 run {@link Depthwise3x3Kernel} straight from the input (see
 * {@link #direct3x3}). Otherwise the input plane is first copied
 * into a padded plane (any padding mode, through {@link ConvGeometry}'s maps) in the thread's
 * workspace, so the taps need no bounds logic; rows with stride 1 run the vector kernel
 * {@link DepthwiseRowKernel}, the rest a scalar loop with the same summation order
 * (bias, then taps in (ky, kx) order).
 *
 * <p>Also the input and weight gradients of such convolutions ({@link #backwardInput},
 * {@link #backwardWeight}), which through the GEMM would run mostly on padding.
 *
 * <p>Threads: one task per (image, output channel) forward, per (image, input channel) for the input
 * gradient; each output belongs to one task, so results do not depend on the thread count. Workspace:
 * none for {@link Depthwise3x3Kernel} (its input gradient keeps the flipped weights, {@code 9 *
 * outChannels} floats, on the calling thread); otherwise one padded plane per thread,
 * {@code paddedH x paddedW} floats (plus {@code kH*kW*outW} for the weight gradient).
 */
final class DepthwiseConv {
    private DepthwiseConv() {}

    static void forward(ConvPlan pl, float[] x, float[] w, float[] bias, int act, float alpha, float[] y, int threads) {
        final ConvGeometry g = pl.geometry;
        final int mult = pl.mg, outC = pl.outChannels, n = pl.n, inPlane = g.inH * g.inW;
        final int taps = g.kernelH * g.kernelW, wp = g.paddedW;
        if (direct3x3(g)) {
            Parallel.forEach(threads, pl.batch * outC, task -> {
                int o = task % outC, img = task / outC, yPlane = (img * outC + o) * n;
                Depthwise3x3Kernel.plane(x, img * pl.inImage() + (o / mult) * inPlane, g.inH, g.inW, w, o * 9,
                        bias == null ? 0f : bias[o], y, yPlane, g.outH, g.outW, g.strideH, g.padTop, g.padLeft);
                activate(y, yPlane, n, act, alpha);
            });
            return;
        }
        Parallel.forEach(threads, pl.batch * outC, task -> {
            int o = task % outC, img = task / outC, ch = o / mult;
            float[] plane = Workspace.get().plane(g.paddedH * wp);
            fillPadded(x, img * pl.inImage() + ch * inPlane, g, plane);
            float b = bias == null ? 0f : bias[o];
            int wOff = o * taps, yPlane = (img * outC + o) * n;
            for (int oh = 0; oh < g.outH; oh++) {
                int rowOff = oh * g.strideH * wp, yOff = yPlane + oh * g.outW;
                int done = 0;
                if (VectorSupport.BITS > 0 && g.strideW == 1 && g.kernelH == 3 && g.kernelW == 3) {
                    done = DepthwiseRowKernel.row3x3(plane, rowOff, wp, w, wOff, g.dilationH, g.dilationW, b, y, yOff, g.outW);
                } else if (VectorSupport.BITS > 0 && g.strideW == 1) {
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
            activate(y, yPlane, n, act, alpha);
        });
    }

    private static void activate(float[] y, int off, int len, int act, float alpha) {
        if (act == PackedGemm.ACT_NONE) return;
        for (int i = off; i < off + len; i++) y[i] = PackedGemm.activate(y[i], act, alpha);
    }

    /**
     * Whether the forward runs {@link Depthwise3x3Kernel} (vectors available, 3x3, dilation 1, equal
     * strides 1 or 2, and padding that reads zeros: every padded cell outside the input maps to -1).
     */
    static boolean direct3x3(ConvGeometry g) {
        return VectorSupport.BITS > 0 && g.kernelH == 3 && g.kernelW == 3 && g.dilationH == 1 && g.dilationW == 1
                && g.strideH == g.strideW && (g.strideH == 1 || g.strideH == 2)
                && zeroPadded(g.rowMap, g.padTop, g.inH) && zeroPadded(g.colMap, g.padLeft, g.inW);
    }

    private static boolean zeroPadded(int[] map, int before, int in) {
        for (int p = 0; p < map.length; p++) {
            int i = p - before;
            if (map[p] != (i >= 0 && i < in ? i : -1)) return false;
        }
        return true;
    }

    /**
     * Adds the input gradient into {@code gradIn} (which the caller zeroed). Stride-1, multiplier-1
     * convs on {@link #direct3x3}'s shapes run the forward kernel on the flipped weights. Otherwise each
     * output gradient is spread over the taps of a
     * padded plane (a saxpy per tap and row, which C2 vectorises), then the plane is folded back onto the
     * input through the padding maps (reflected/replicated/wrapped cells accumulate). One task per
     * (image, input channel), adding in a fixed order.
     */
    static void backwardInput(ConvPlan pl, float[] gradOut, float[] w, float[] gradIn, int threads) {
        final ConvGeometry g = pl.geometry;
        final int mult = pl.mg, inC = pl.inChannels, outC = pl.outChannels, n = pl.n, inPlane = g.inH * g.inW;
        if (mult == 1 && g.strideH == 1 && direct3x3(g)) {
            // dx[ih][iw] = sum w[ky][kx] * g[ih + padTop - ky][iw + padLeft - kx]: the forward kernel
            // over the output gradient with the kernel flipped and padding 2 - pad (negative crops).
            // It writes every cell, which is what "adds into the caller's zeros" gives.
            float[] flipped = Workspace.get().adjointWeights(outC * 9);
            for (int o = 0; o < outC; o++) {
                for (int t = 0; t < 9; t++) flipped[o * 9 + t] = w[o * 9 + 8 - t];
            }
            Parallel.forEach(threads, pl.batch * inC, task -> {
                int c = task % inC, img = task / inC;
                Depthwise3x3Kernel.plane(gradOut, (img * outC + c) * n, g.outH, g.outW, flipped, c * 9, 0f, gradIn,
                        img * pl.inImage() + c * inPlane, g.inH, g.inW, 1, 2 - g.padTop, 2 - g.padLeft);
            });
            return;
        }
        final int taps = g.kernelH * g.kernelW, wp = g.paddedW, sw = g.strideW, outW = g.outW;
        Parallel.forEach(threads, pl.batch * inC, task -> {
            int c = task % inC, img = task / inC;
            float[] plane = Workspace.get().plane(g.paddedH * wp);
            java.util.Arrays.fill(plane, 0, g.paddedH * wp, 0f);
            for (int m = 0; m < mult; m++) {
                int o = c * mult + m, gPlane = (img * outC + o) * n, wOff = o * taps;
                for (int oh = 0; oh < g.outH; oh++) {
                    int gRow = gPlane + oh * outW;
                    for (int ky = 0; ky < g.kernelH; ky++) {
                        int pRow = (oh * g.strideH + ky * g.dilationH) * wp;
                        for (int kx = 0; kx < g.kernelW; kx++) {
                            float wv = w[wOff + ky * g.kernelW + kx];
                            int base = pRow + kx * g.dilationW;
                            if (sw == 1) {
                                int ow = VectorSupport.BITS > 0 ? AxpyKernel.axpy(wv, gradOut, gRow, plane, base, outW) : 0;
                                for (; ow < outW; ow++) plane[base + ow] += wv * gradOut[gRow + ow];
                            } else {
                                for (int ow = 0; ow < outW; ow++) plane[base + ow * sw] += wv * gradOut[gRow + ow];
                            }
                        }
                    }
                }
            }
            int inOff = img * pl.inImage() + c * inPlane;
            for (int ph = 0; ph < g.paddedH; ph++) {
                int r = g.rowMap[ph];
                if (r < 0) continue;
                for (int pw = 0; pw < wp; pw++) {
                    int col = g.colMap[pw];
                    if (col >= 0) gradIn[inOff + r * g.inW + col] += plane[ph * wp + pw];
                }
            }
        });
    }

    /**
     * Writes the weight gradient ({@link Depthwise3x3WeightGrad} on stride-1 {@link #direct3x3} shapes):
     * per output channel and tap, products of the output gradient and the
     * padded input are accumulated lane-wise over a row buffer (vectorisable), summed once at the end.
     * One task per output channel, images in order.
     */
    static void backwardWeight(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, int threads) {
        final ConvGeometry g = pl.geometry;
        final int mult = pl.mg, outC = pl.outChannels, n = pl.n, inPlane = g.inH * g.inW;
        final int taps = g.kernelH * g.kernelW, wp = g.paddedW, sw = g.strideW, outW = g.outW;
        if (g.strideH == 1 && direct3x3(g)) {
            Parallel.forEach(threads, outC, o -> Depthwise3x3WeightGrad.channel(pl, x, gradOut, gradW, o));
            return;
        }
        Parallel.forEach(threads, outC, o -> {
            int c = o / mult;
            Workspace ws = Workspace.get();
            float[] plane = ws.plane(g.paddedH * wp);
            float[] acc = ws.col(taps * outW);
            java.util.Arrays.fill(acc, 0, taps * outW, 0f);
            for (int img = 0; img < pl.batch; img++) {
                fillPadded(x, img * pl.inImage() + c * inPlane, g, plane);
                int gPlane = (img * outC + o) * n;
                for (int oh = 0; oh < g.outH; oh++) {
                    int gRow = gPlane + oh * outW;
                    for (int ky = 0; ky < g.kernelH; ky++) {
                        int pRow = (oh * g.strideH + ky * g.dilationH) * wp;
                        for (int kx = 0; kx < g.kernelW; kx++) {
                            int base = pRow + kx * g.dilationW, a = (ky * g.kernelW + kx) * outW;
                            if (sw == 1) {
                                int ow = VectorSupport.BITS > 0
                                        ? AxpyKernel.multiplyAdd(acc, a, gradOut, gRow, plane, base, outW) : 0;
                                for (; ow < outW; ow++) acc[a + ow] += gradOut[gRow + ow] * plane[base + ow];
                            } else {
                                for (int ow = 0; ow < outW; ow++) acc[a + ow] += gradOut[gRow + ow] * plane[base + ow * sw];
                            }
                        }
                    }
                }
            }
            for (int t = 0; t < taps; t++) {
                float s = 0f;
                for (int ow = 0; ow < outW; ow++) s += acc[t * outW + ow];
                gradW[o * taps + t] = s;
            }
        });
    }

    static void fillPadded(float[] x, int off, ConvGeometry g, float[] plane) {
        fillPadded(x, off, g, plane, 0);
    }

    /** Copies one input plane at {@code x[off...]} into {@code paddedH x paddedW} cells at {@code plane[dst...]}. */
    static void fillPadded(float[] x, int off, ConvGeometry g, float[] plane, int dst) {
        final int wp = g.paddedW, inW = g.inW;
        int lo = Math.min(g.padLeft, wp), hi = Math.min(g.padLeft + inW, wp);
        for (int ph = 0; ph < g.paddedH; ph++) {
            int r = g.rowMap[ph], d = dst + ph * wp;
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
