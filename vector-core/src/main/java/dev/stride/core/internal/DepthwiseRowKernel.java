package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One output row of a stride-1 depthwise convolution over a padded plane, four vectors of output
 * columns at a time (one weight broadcast per four FMAs), then single vectors. Returns how many
 * columns it wrote; the caller finishes the rest with the scalar loop (same order: bias, then taps in
 * (ky, kx) order). Only loaded when {@link VectorSupport#BITS} &gt; 0.
 */
final class DepthwiseRowKernel {
    private DepthwiseRowKernel() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();

    static int row(float[] plane, int rowOff, int wp, float[] w, int wOff, int kh, int kw, int dh, int dw,
                   float bias, float[] y, int yOff, int outW) {
        int j = 0;
        for (; j + 4 * VL <= outW; j += 4 * VL) {
            FloatVector a0 = FloatVector.broadcast(S, bias), a1 = a0, a2 = a0, a3 = a0;
            for (int ky = 0; ky < kh; ky++) {
                int r = rowOff + ky * dh * wp + j;
                for (int kx = 0; kx < kw; kx++) {
                    FloatVector wv = FloatVector.broadcast(S, w[wOff + ky * kw + kx]);
                    int i = r + kx * dw;
                    a0 = FloatVector.fromArray(S, plane, i).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, plane, i + VL).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, plane, i + 2 * VL).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, plane, i + 3 * VL).fma(wv, a3);
                }
            }
            a0.intoArray(y, yOff + j);
            a1.intoArray(y, yOff + j + VL);
            a2.intoArray(y, yOff + j + 2 * VL);
            a3.intoArray(y, yOff + j + 3 * VL);
        }
        for (; j + VL <= outW; j += VL) {
            FloatVector a0 = FloatVector.broadcast(S, bias);
            for (int ky = 0; ky < kh; ky++) {
                int r = rowOff + ky * dh * wp + j;
                for (int kx = 0; kx < kw; kx++) {
                    a0 = FloatVector.fromArray(S, plane, r + kx * dw).fma(FloatVector.broadcast(S, w[wOff + ky * kw + kx]), a0);
                }
            }
            a0.intoArray(y, yOff + j);
        }
        return j;
    }
}
