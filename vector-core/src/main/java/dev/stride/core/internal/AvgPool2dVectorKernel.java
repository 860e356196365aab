package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.AvgPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.IntVector;

/**
 * Vector average pooling of one plane, row-first ({@link PoolRows}), for any kernel, stride, padding,
 * ceil mode and divisor rule; bit for bit the result of {@link AvgPool2dKernel#planeScalar}. Pass 1 sums
 * the window's rows {@code L} columns at a time; pass 2 sums each output's taps (stride 2: two vectors
 * per tap, one deinterleave per block; larger strides: a gather) and divides by the row factor times
 * the column factors of the divisor. The last block of a row overlaps the previous one. Average pool
 * 2x2/2 without padding on an even width has its own row kernel, {@link AvgPool2x2S2Kernel}.
 */
final class AvgPool2dVectorKernel {
    private AvgPool2dVectorKernel() {}

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, AvgPool2dParams p,
                      float[] r, float[] colDiv) {
        if (w < L || ow < L) {
            AvgPool2dKernel.planeScalar(in, ib, h, w, out, ob, oh, ow, p, r, colDiv);
            return;
        }
        if (AvgPool2x2S2Kernel.applies(p, w, ow)) {
            AvgPool2x2S2Kernel.plane(in, ib, h, w, out, ob, oh, p);
            return;
        }
        int pw = p.paddingW(), sw = p.strideW(), kw = p.kernelW();
        IntVector even = sw == 2 ? FloatLanes.evenIndex() : null;
        int[] map = null;
        if (sw > 2) {
            map = PoolScratch.get().lanes(L);
            for (int i = 0; i < L; i++) map[i] = i * sw;
        }
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = Math.max(hs, 0) - hs, k1 = Math.min(hs + p.kernelH(), h) - hs;
            float rowDiv = AvgPool2dKernel.rowDivisor(hs, h, p);
            int o = ob + y * ow;
            rows(in, ib, w, hs, k0, k1, r, pw);
            for (int x = 0; x < ow; x += L) {
                int xs = Math.min(x, ow - L);
                FloatVector s;
                if (sw == 1) {
                    s = FloatVector.fromArray(F, r, xs);
                    for (int j = 1; j < kw; j++) s = s.add(FloatVector.fromArray(F, r, xs + j));
                } else if (sw == 2) {
                    int t = 2 * xs;
                    FloatVector lo = FloatVector.fromArray(F, r, t), hi = FloatVector.fromArray(F, r, t + L);
                    for (int j = 1; j < kw; j++) {
                        lo = lo.add(FloatVector.fromArray(F, r, t + j));
                        hi = hi.add(FloatVector.fromArray(F, r, t + j + L));
                    }
                    s = MaxPool2dVectorKernel.evenLanes(lo, hi, even);
                } else {
                    int t = xs * sw;
                    s = FloatVector.fromArray(F, r, t, map, 0);
                    for (int j = 1; j < kw; j++) s = s.add(FloatVector.fromArray(F, r, t + j, map, 0));
                }
                FloatVector avg = s.div(FloatVector.fromArray(F, colDiv, xs).mul(rowDiv));
                avg.blend(Float.NaN, avg.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
            }
        }
    }

    private static void rows(float[] in, int ib, int w, int hs, int k0, int k1, float[] r, int pw) {
        if (k0 >= k1) {
            java.util.Arrays.fill(r, pw, pw + w, 0f);
            return;
        }
        int first = ib + (hs + k0) * w;
        for (int c = 0; c < w; c += L) {
            int cs = Math.min(c, w - L);
            FloatVector s = FloatVector.fromArray(F, in, first + cs);
            for (int k = k0 + 1; k < k1; k++) s = s.add(FloatVector.fromArray(F, in, ib + (hs + k) * w + cs));
            s.intoArray(r, pw + cs);
        }
    }
}
