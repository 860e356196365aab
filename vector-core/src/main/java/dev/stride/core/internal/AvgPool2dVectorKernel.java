package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.AvgPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

/**
 * Vector blocks of 2-D average pooling for horizontal stride 1 and 2: {@code L} adjacent outputs of one
 * output row per block. Stride 2 sums each tap's {@code 2L} columns as two vectors and deinterleaves
 * once per block. Within a row every interior output has the same divisor, so the block divides by one
 * broadcast. Windows that touch the left/right padding or the row's end go to {@link AvgPool2dKernel#row}.
 */
final class AvgPool2dVectorKernel {
    private AvgPool2dVectorKernel() {}

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, AvgPool2dParams p) {
        int sw = p.strideW(), pw = p.paddingW(), kw = p.kernelW();
        int x0 = PoolWindows.firstInterior(sw, pw);
        int x1 = PoolWindows.endInterior(w, sw, pw, kw - 1, ow);
        int lastRead = w - sw * L + pw - (kw - 1);
        int blockMax = lastRead < 0 ? -1 : lastRead / sw;
        IntVector even = sw == 2 ? FloatLanes.evenIndex() : null;
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = Math.max(hs, 0) - hs, k1 = Math.min(hs + p.kernelH(), h) - hs;
            if (k0 >= k1 || blockMax < x0) {
                AvgPool2dKernel.row(in, ib, h, w, out, ob, y, ow, 0, ow, p);
                continue;
            }
            // Interior columns: the divisor depends on the row only.
            float div = AvgPool2dKernel.divisor(hs, x0 * sw - pw, h, w, p);
            AvgPool2dKernel.row(in, ib, h, w, out, ob, y, ow, 0, x0, p);
            int x = x0;
            for (; x <= blockMax; x += L) block(in, ib, w, out, ob + y * ow + x, hs, k0, k1, x * sw - pw, kw, div, even);
            int done = x;
            if (x < x1) {
                block(in, ib, w, out, ob + y * ow + blockMax, hs, k0, k1, blockMax * sw - pw, kw, div, even);
                done = blockMax + L;
            }
            AvgPool2dKernel.row(in, ib, h, w, out, ob, y, ow, done, ow, p);
        }
    }

    private static void block(float[] in, int ib, int w, float[] out, int o, int hs, int k0, int k1, int col, int kw,
                              float div, IntVector even) {
        if (even == null) {
            FloatVector sum = FloatVector.zero(F);
            for (int k = k0; k < k1; k++) {
                int base = ib + (hs + k) * w + col;
                for (int j = 0; j < kw; j++) sum = sum.add(FloatVector.fromArray(F, in, base + j));
            }
            sum.div(div).intoArray(out, o);
        } else {
            FloatVector lo = FloatVector.zero(F), hi = lo;
            for (int k = k0; k < k1; k++) {
                int base = ib + (hs + k) * w + col;
                for (int j = 0; j < kw; j++) {
                    lo = lo.add(FloatVector.fromArray(F, in, base + j));
                    hi = hi.add(FloatVector.fromArray(F, in, base + j + L));
                }
            }
            MaxPool2dVectorKernel.evenLanes(lo, hi, even).div(div).intoArray(out, o);
        }
    }
}
