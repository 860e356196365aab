package dev.stride.core.internal;

import dev.stride.core.MaxPool2dParams;

/**
 * 2-D max pooling on NCHW planes, forward (values, optionally indices) and backward.
 *
 * <p>Semantics are PyTorch's CPU kernel, window by window: the maximum starts at minus infinity and a
 * value replaces it when {@code v > max || isNaN(v)}, so the first maximum wins ties and a NaN wins
 * (the last NaN, for the index). Taps in the padding are skipped. Values alone are pooled row-first
 * ({@link PoolRows}): here in scalar code at width 0, else in {@link MaxPool2dVectorKernel} (loaded only
 * when {@link VectorSupport#BITS} is non-zero), the two agreeing bit for bit. Indices and the backward
 * pass search each window in row-major order, as PyTorch does ({@link #argmaxPlane}).
 *
 * <p>Each plane is one task: every output (and, backward, every input gradient) is written by one
 * task in a fixed order, so results are bitwise identical for any thread count.
 */
final class MaxPool2dKernel {
    private MaxPool2dKernel() {}

    /** Max pools {@code planes} planes of {@code h x w} into {@code oh x ow}; {@code indices} may be null. */
    static void forward(float[] in, float[] out, long[] indices, int planes, int h, int w, int oh, int ow,
                        MaxPool2dParams p, int threads) {
        if (indices != null) {
            PoolTasks.forEach(threads, planes, c -> {
                int[] idx = PoolScratch.get().lanes(oh * ow);
                argmaxPlane(in, c * h * w, h, w, out, c * oh * ow, idx, oh, ow, p);
                int ob = c * oh * ow;
                for (int i = 0; i < oh * ow; i++) indices[ob + i] = idx[i];
            });
            return;
        }
        if (VectorSupport.BITS > 0 && MaxPool3x3S2Kernel.applies(p, w, ow)) {
            // needs no scratch row: the per-plane scratch set-up below was ~10% of a P1 pass
            PoolTasks.forEach(threads, planes, c -> MaxPool3x3S2Kernel.plane(in, c * h * w, h, w, out, c * oh * ow, oh, ow));
            return;
        }
        int span = (p.kernelW() - 1) * p.dilationW();
        int len = PoolRows.length(w, p.paddingW(), p.strideW(), ow, span, Math.max(1, VectorSupport.BITS / 32));
        PoolTasks.forEach(threads, planes, c -> {
            float[] r = PoolScratch.get().row(len);
            PoolRows.fillPadding(r, len, p.paddingW(), w, Float.NEGATIVE_INFINITY);
            if (VectorSupport.BITS > 0) {
                MaxPool2dVectorKernel.plane(in, c * h * w, h, w, out, c * oh * ow, oh, ow, p, r);
            } else {
                planeScalar(in, c * h * w, h, w, out, c * oh * ow, oh, ow, p, r);
            }
        });
    }

    /**
     * One plane's maxima (into {@code out} from {@code ob}, unless {@code out} is null) and their flat
     * in-plane indices (into {@code idx[0, oh*ow)}), window by window in PyTorch's row-major order:
     * vector blocks ({@link MaxPool2dIndexVectorKernel}) for horizontal stride 1 and 2, scalar otherwise.
     */
    static void argmaxPlane(float[] in, int ib, int h, int w, float[] out, int ob, int[] idx, int oh, int ow,
                            MaxPool2dParams p) {
        if (VectorSupport.BITS > 0 && p.strideW() <= 2) {
            MaxPool2dIndexVectorKernel.plane(in, ib, h, w, out, ob, idx, oh, ow, p);
        } else {
            for (int y = 0; y < oh; y++) row(in, ib, h, w, out, ob, idx, y, ow, 0, ow, p);
        }
    }

    /**
     * Row-first pooling of one plane ({@link PoolRows}): the window's rows are reduced into {@code r}, then
     * each output reduces its taps of {@code r}. Both passes apply PyTorch's rule, so a NaN anywhere in the
     * window wins; with both +0 and -0 in a window the sign of a zero maximum follows column-major order.
     */
    static void planeScalar(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, MaxPool2dParams p,
                            float[] r) {
        int pw = p.paddingW(), sw = p.strideW(), dw = p.dilationW(), kw = p.kernelW(), dh = p.dilationH();
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = PoolWindows.firstTap(hs, dh), k1 = PoolWindows.endTap(hs, dh, p.kernelH(), h);
            if (k0 >= k1) {
                java.util.Arrays.fill(r, pw, pw + w, Float.NEGATIVE_INFINITY);
            } else {
                int first = ib + (hs + k0 * dh) * w;
                for (int c = 0; c < w; c++) {
                    float m = in[first + c];
                    for (int k = k0 + 1; k < k1; k++) {
                        float v = in[ib + (hs + k * dh) * w + c];
                        if (v > m || v != v) m = v;
                    }
                    r[pw + c] = m;
                }
            }
            int o = ob + y * ow;
            for (int x = 0; x < ow; x++) {
                int t = x * sw;
                float m = r[t];
                for (int j = 1; j < kw; j++) {
                    float v = r[t + j * dw];
                    if (v > m || v != v) m = v;
                }
                out[o + x] = m;
            }
        }
    }

    /**
     * Outputs {@code [from, to)} of output row {@code y}, exactly as PyTorch computes them: the maximum
     * into {@code out[ob + y*ow + x]} (unless {@code out} is null) and its flat in-plane index into
     * {@code idx[y*ow + x]} (PyTorch's placeholder, the first in-range tap, for a window with none).
     */
    static void row(float[] in, int ib, int h, int w, float[] out, int ob, int[] idx, int y, int ow,
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
            if (out != null) out[ob + y * ow + x] = max;
            idx[y * ow + x] = maxIndex;
        }
    }

    /**
     * Gradient with respect to the input: each output's gradient is added to the input cell holding its
     * window's maximum (found again by {@link #argmaxPlane}), in output order within the plane.
     */
    static void backward(float[] in, float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow,
                         MaxPool2dParams p, int threads) {
        int dh = p.dilationH(), dw = p.dilationW();
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            int[] idx = PoolScratch.get().lanes(oh * ow);
            argmaxPlane(in, ib, h, w, null, ob, idx, oh, ow, p);
            for (int y = 0; y < oh; y++) {
                int hs = y * p.strideH() - p.paddingH();
                boolean rowEmpty = PoolWindows.firstTap(hs, dh) >= PoolWindows.endTap(hs, dh, p.kernelH(), h);
                for (int x = 0; x < ow; x++) {
                    int ws = x * p.strideW() - p.paddingW();
                    // A window wholly in the padding routes its gradient nowhere (as the reference does).
                    if (rowEmpty || PoolWindows.firstTap(ws, dw) >= PoolWindows.endTap(ws, dw, p.kernelW(), w)) continue;
                    gradIn[ib + idx[y * ow + x]] += gradOut[ob + y * ow + x];
                }
            }
        });
    }
}
