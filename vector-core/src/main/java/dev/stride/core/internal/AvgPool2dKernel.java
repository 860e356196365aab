package dev.stride.core.internal;

import dev.stride.core.AvgPool2dParams;

/**
 * 2-D average pooling on NCHW planes, forward and backward, with PyTorch's divisor rules: the
 * override when set; else with count_include_pad the window clipped to the padded input
 * ({@code min(start + k, in + pad) - start} per axis); else the number of input cells covered.
 *
 * <p>Forward is row-first ({@link PoolRows}): float sums of the window's rows per column, then of the
 * taps, then one division. The scalar code here (width 0) and {@link AvgPool2dVectorKernel} add in the
 * same order, so they agree bit for bit. Each plane is one task, so results do not depend on the thread
 * count. NaN results are canonical ({@link ScalarMath#canon}): a sum of two different NaNs depends
 * on operand order, which the JIT may change.
 */
final class AvgPool2dKernel {
    private AvgPool2dKernel() {}

    static void forward(float[] in, float[] out, int planes, int h, int w, int oh, int ow, AvgPool2dParams p,
                        int threads) {
        if (VectorSupport.BITS > 0 && AvgPool2x2S2Kernel.applies(p, w, ow)) {
            // needs neither scratch row nor column divisors: their per-plane set-up below was ~15% of a P2 pass
            PoolTasks.forEach(threads, planes, c -> AvgPool2x2S2Kernel.plane(in, c * h * w, h, w, out, c * oh * ow, oh, p));
            return;
        }
        int len = PoolRows.length(w, p.paddingW(), p.strideW(), ow, p.kernelW() - 1, Math.max(1, VectorSupport.BITS / 32));
        PoolTasks.forEach(threads, planes, c -> {
            PoolScratch scratch = PoolScratch.get();
            float[] r = scratch.row(len);
            PoolRows.fillPadding(r, len, p.paddingW(), w, 0f);
            float[] colDiv = columnDivisors(scratch.divisors(ow + Math.max(1, VectorSupport.BITS / 32)), w, ow, p);
            if (VectorSupport.BITS > 0) {
                AvgPool2dVectorKernel.plane(in, c * h * w, h, w, out, c * oh * ow, oh, ow, p, r, colDiv);
            } else {
                planeScalar(in, c * h * w, h, w, out, c * oh * ow, oh, ow, p, r, colDiv);
            }
        });
    }

    /**
     * The column factor of each output's divisor (the divisor is a row factor times a column factor under
     * both count_include_pad rules); 1 with a divisor override.
     */
    static float[] columnDivisors(float[] d, int w, int ow, AvgPool2dParams p) {
        for (int x = 0; x < ow; x++) {
            int ws = x * p.strideW() - p.paddingW();
            int we = Math.min(ws + p.kernelW(), w + p.paddingW());
            d[x] = p.hasDivisorOverride() ? 1f
                    : p.countIncludePad() ? we - ws : Math.min(we, w) - Math.max(ws, 0);
        }
        return d;
    }

    /** The row factor of the divisors of output row starting at {@code hs}: the override itself if set. */
    static float rowDivisor(int hs, int h, AvgPool2dParams p) {
        if (p.hasDivisorOverride()) return p.divisorOverride();
        int he = Math.min(hs + p.kernelH(), h + p.paddingH());
        return p.countIncludePad() ? he - hs : Math.min(he, h) - Math.max(hs, 0);
    }

    /**
     * Row-first average pooling of one plane ({@link PoolRows}): the window's rows are summed into
     * {@code r}, then each output sums its taps of {@code r} and divides once.
     */
    static void planeScalar(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, AvgPool2dParams p,
                            float[] r, float[] colDiv) {
        int pw = p.paddingW(), sw = p.strideW(), kw = p.kernelW();
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = Math.max(hs, 0) - hs, k1 = Math.min(hs + p.kernelH(), h) - hs;
            if (k0 >= k1) {
                java.util.Arrays.fill(r, pw, pw + w, 0f);
            } else {
                int first = ib + (hs + k0) * w;
                for (int c = 0; c < w; c++) {
                    float s = in[first + c];
                    for (int k = k0 + 1; k < k1; k++) s += in[ib + (hs + k) * w + c];
                    r[pw + c] = s;
                }
            }
            float rowDiv = rowDivisor(hs, h, p);
            int o = ob + y * ow;
            for (int x = 0; x < ow; x++) {
                int t = x * sw;
                float s = r[t];
                for (int j = 1; j < kw; j++) s += r[t + j];
                out[o + x] = ScalarMath.canon(s / (rowDiv * colDiv[x]));
            }
        }
    }

    /** The divisor of the window starting at {@code (hs, ws)}, PyTorch's rule. */
    static int divisor(int hs, int ws, int h, int w, AvgPool2dParams p) {
        if (p.hasDivisorOverride()) return p.divisorOverride();
        int he = Math.min(hs + p.kernelH(), h + p.paddingH());
        int we = Math.min(ws + p.kernelW(), w + p.paddingW());
        if (p.countIncludePad()) return (he - hs) * (we - ws);
        return (Math.min(he, h) - Math.max(hs, 0)) * (Math.min(we, w) - Math.max(ws, 0));
    }

    /**
     * Gradient with respect to the input: each output's gradient divided by its forward divisor is added
     * to every input cell of its window. Row by row: an output row's quotients are first spread along the
     * columns into a scratch row ({@code kernelW} adds per output, padding columns included), then that row
     * is added to each input row of the window (vector adds, {@link PoolRowAdd}), instead of
     * {@code kernelH * kernelW} scattered adds per output. The terms reaching a cell are those of the
     * reference, added in another order; output rows in order within the plane, one task per plane, so
     * bitwise the same for any thread count.
     */
    static void backward(float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow,
                         AvgPool2dParams p, int threads) {
        int pw = p.paddingW(), sw = p.strideW(), kw = p.kernelW();
        int len = Math.max(pw + w, (ow - 1) * sw + kw);
        PoolTasks.forEach(threads, planes, c -> {
            PoolScratch scratch = PoolScratch.get();
            float[] spread = scratch.row(len + ow);
            // the column factors of the divisors, then (from ow on) one row's quotients
            float[] q = columnDivisors(scratch.divisors(2 * ow), w, ow, p);
            int ib = c * h * w, ob = c * oh * ow;
            for (int y = 0; y < oh; y++) {
                int hs = y * p.strideH() - p.paddingH();
                int ih0 = Math.max(hs, 0), ih1 = Math.min(hs + p.kernelH(), h);
                if (ih0 >= ih1) continue;
                float rowDiv = rowDivisor(hs, h, p);
                int o = ob + y * ow;
                // a window wholly in the padding may divide by zero: its columns all fall outside [pw, pw + w)
                for (int x = 0; x < ow; x++) q[ow + x] = gradOut[o + x] / (rowDiv * q[x]);
                if (sw == kw) {
                    // windows side by side: each column gets one quotient
                    for (int x = 0; x < ow; x++) {
                        float g = q[ow + x];
                        for (int j = 0, t = x * sw; j < kw; j++) spread[t + j] = g;
                    }
                    java.util.Arrays.fill(spread, ow * sw, len, 0f);
                } else {
                    java.util.Arrays.fill(spread, 0, len, 0f);
                    for (int x = 0; x < ow; x++) {
                        float g = q[ow + x];
                        for (int j = 0, t = x * sw; j < kw; j++) spread[t + j] += g;
                    }
                }
                for (int r = ih0; r < ih1; r++) addRow(gradIn, ib + r * w, spread, pw, w);
            }
        });
    }

    /** {@code dst[d + i] += src[s + i]} for {@code i < n} ({@link PoolRowAdd} at a non-zero width). */
    private static void addRow(float[] dst, int d, float[] src, int s, int n) {
        int i = VectorSupport.BITS > 0 ? PoolRowAdd.add(dst, d, src, s, n) : 0;
        for (; i < n; i++) dst[d + i] += src[s + i];
    }
}
