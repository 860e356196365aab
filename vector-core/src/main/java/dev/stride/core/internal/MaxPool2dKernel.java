package dev.stride.core.internal;

import dev.stride.core.MaxPool2dParams;

/**
 * 2-D max pooling on NCHW planes, forward (values, optionally indices) and backward.
 *
 * <p>Semantics are PyTorch's CPU kernel, window by window: the maximum starts at minus infinity and a
 * value replaces it when {@code v > max || isNaN(v)}, so the first maximum wins ties and a NaN wins
 * (the last NaN, for the index). Taps in the padding are skipped. The scalar code here serves width 0,
 * every stride above 2, the border outputs of the vector path and the index-producing paths; the
 * vector blocks live in {@link MaxPool2dVectorKernel}, which this class loads only when
 * {@link VectorSupport#BITS} is non-zero.
 *
 * <p>Each plane is one task: every output (and, backward, every input gradient) is written by one
 * task in a fixed order, so results are bitwise identical for any thread count.
 */
final class MaxPool2dKernel {
    private MaxPool2dKernel() {}

    /** Max pools {@code planes} planes of {@code h x w} into {@code oh x ow}; {@code indices} may be null. */
    static void forward(float[] in, float[] out, long[] indices, int planes, int h, int w, int oh, int ow,
                        MaxPool2dParams p, int threads) {
        boolean vector = VectorSupport.BITS > 0 && indices == null && p.strideW() <= 2;
        Parallel.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            if (vector) {
                MaxPool2dVectorKernel.plane(in, ib, h, w, out, ob, oh, ow, p);
            } else {
                for (int y = 0; y < oh; y++) row(in, ib, h, w, out, indices, ob, y, ow, 0, ow, p);
            }
        });
    }

    /**
     * Outputs {@code [from, to)} of output row {@code y} of the plane at {@code ib}/{@code ob}, exactly as
     * PyTorch computes them. Writes the flat in-plane index of the maximum when {@code indices} is not null.
     */
    static void row(float[] in, int ib, int h, int w, float[] out, long[] indices, int ob, int y, int ow,
                    int from, int to, MaxPool2dParams p) {
        int dh = p.dilationH(), dw = p.dilationW();
        int hs = y * p.strideH() - p.paddingH();
        int ih1 = Math.min(hs + (p.kernelH() - 1) * dh + 1, h);
        int ih0 = hs + PoolWindows.firstTap(hs, dh) * dh;
        for (int x = from; x < to; x++) {
            int ws = x * p.strideW() - p.paddingW();
            int iw1 = Math.min(ws + (p.kernelW() - 1) * dw + 1, w);
            int iw0 = ws + PoolWindows.firstTap(ws, dw) * dw;
            int maxIndex = ih0 * w + iw0;
            float max = Float.NEGATIVE_INFINITY;
            for (int ih = ih0; ih < ih1; ih += dh) {
                int rowBase = ib + ih * w;
                for (int iw = iw0; iw < iw1; iw += dw) {
                    float v = in[rowBase + iw];
                    if (v > max || v != v) {
                        max = v;
                        maxIndex = ih * w + iw;
                    }
                }
            }
            int o = ob + y * ow + x;
            out[o] = max;
            if (indices != null) indices[o] = maxIndex;
        }
    }

    /**
     * Gradient with respect to the input: each output's gradient is added to the input cell holding its
     * window's maximum (found again, as forward does), in output order within the plane.
     */
    static void backward(float[] in, float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow,
                         MaxPool2dParams p, int threads) {
        int dh = p.dilationH(), dw = p.dilationW();
        Parallel.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int y = 0; y < oh; y++) {
                int hs = y * p.strideH() - p.paddingH();
                int ih1 = Math.min(hs + (p.kernelH() - 1) * dh + 1, h);
                int ih0 = hs + PoolWindows.firstTap(hs, dh) * dh;
                for (int x = 0; x < ow; x++) {
                    int ws = x * p.strideW() - p.paddingW();
                    int iw1 = Math.min(ws + (p.kernelW() - 1) * dw + 1, w);
                    int iw0 = ws + PoolWindows.firstTap(ws, dw) * dw;
                    int maxIndex = ih0 * w + iw0;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = ih0; ih < ih1; ih += dh) {
                        int rowBase = ib + ih * w;
                        for (int iw = iw0; iw < iw1; iw += dw) {
                            float v = in[rowBase + iw];
                            if (v > max || v != v) {
                                max = v;
                                maxIndex = ih * w + iw;
                            }
                        }
                    }
                    // A window wholly in the padding has no cell to route to (PyTorch cannot build one).
                    if (maxIndex >= 0 && maxIndex < h * w) gradIn[ib + maxIndex] += gradOut[ob + y * ow + x];
                }
            }
        });
    }
}
