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

    /**
     * The 3x3 case (any dilation): the nine weights are broadcast once per row and the taps unrolled,
     * so the loop body is nine loads and nine FMAs per vector with no inner loops.
     */
    static int row3x3(float[] plane, int rowOff, int wp, float[] w, int wOff, int dh, int dw,
                      float bias, float[] y, int yOff, int outW) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff + 0]);
        FloatVector w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]);
        int r0 = rowOff, r1 = rowOff + dh * wp, r2 = rowOff + 2 * dh * wp, d2 = 2 * dw;
        FloatVector bv = FloatVector.broadcast(S, bias);
        int j = 0;
        for (; j + 2 * VL <= outW; j += 2 * VL) {
            FloatVector a0 = bv, a1 = bv;
            a0 = FloatVector.fromArray(S, plane, r0 + j).fma(w0, a0);
            a1 = FloatVector.fromArray(S, plane, r0 + j + VL).fma(w0, a1);
            a0 = FloatVector.fromArray(S, plane, r0 + j + dw).fma(w1, a0);
            a1 = FloatVector.fromArray(S, plane, r0 + j + dw + VL).fma(w1, a1);
            a0 = FloatVector.fromArray(S, plane, r0 + j + d2).fma(w2, a0);
            a1 = FloatVector.fromArray(S, plane, r0 + j + d2 + VL).fma(w2, a1);
            a0 = FloatVector.fromArray(S, plane, r1 + j).fma(w3, a0);
            a1 = FloatVector.fromArray(S, plane, r1 + j + VL).fma(w3, a1);
            a0 = FloatVector.fromArray(S, plane, r1 + j + dw).fma(w4, a0);
            a1 = FloatVector.fromArray(S, plane, r1 + j + dw + VL).fma(w4, a1);
            a0 = FloatVector.fromArray(S, plane, r1 + j + d2).fma(w5, a0);
            a1 = FloatVector.fromArray(S, plane, r1 + j + d2 + VL).fma(w5, a1);
            a0 = FloatVector.fromArray(S, plane, r2 + j).fma(w6, a0);
            a1 = FloatVector.fromArray(S, plane, r2 + j + VL).fma(w6, a1);
            a0 = FloatVector.fromArray(S, plane, r2 + j + dw).fma(w7, a0);
            a1 = FloatVector.fromArray(S, plane, r2 + j + dw + VL).fma(w7, a1);
            a0 = FloatVector.fromArray(S, plane, r2 + j + d2).fma(w8, a0);
            a1 = FloatVector.fromArray(S, plane, r2 + j + d2 + VL).fma(w8, a1);
            a0.intoArray(y, yOff + j);
            a1.intoArray(y, yOff + j + VL);
        }
        for (; j + VL <= outW; j += VL) {
            FloatVector a0 = bv;
            a0 = FloatVector.fromArray(S, plane, r0 + j).fma(w0, a0);
            a0 = FloatVector.fromArray(S, plane, r0 + j + dw).fma(w1, a0);
            a0 = FloatVector.fromArray(S, plane, r0 + j + d2).fma(w2, a0);
            a0 = FloatVector.fromArray(S, plane, r1 + j).fma(w3, a0);
            a0 = FloatVector.fromArray(S, plane, r1 + j + dw).fma(w4, a0);
            a0 = FloatVector.fromArray(S, plane, r1 + j + d2).fma(w5, a0);
            a0 = FloatVector.fromArray(S, plane, r2 + j).fma(w6, a0);
            a0 = FloatVector.fromArray(S, plane, r2 + j + dw).fma(w7, a0);
            a0 = FloatVector.fromArray(S, plane, r2 + j + d2).fma(w8, a0);
            a0.intoArray(y, yOff + j);
        }
        return j;
    }
}
