package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one input row with up to four weight rows (the small-batch linear forward, where
 * a GEMM tile would be mostly padding): one input load per four FMAs, lane sums reduced once at the
 * end, then a scalar tail over the last {@code in % VL} features. Only loaded when
 * {@link VectorSupport#BITS} &gt; 0.
 */
final class LinearDotKernel {
    private LinearDotKernel() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;

    /** {@code y[yOff + j] = (bias) + dot(x[xOff..], w[wOff + j*in ..])} for {@code j < count <= 4}. */
    static void dots(float[] x, int xOff, float[] w, int wOff, int in, int count, float[] y, int yOff,
                     float[] bias, int biasOff) {
        int bound = S.loopBound(in);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int w1 = wOff + Math.min(1, count - 1) * in, w2 = wOff + Math.min(2, count - 1) * in,
                w3 = wOff + Math.min(3, count - 1) * in;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
            a0 = FloatVector.fromArray(S, w, wOff + i).fma(xv, a0);
            a1 = FloatVector.fromArray(S, w, w1 + i).fma(xv, a1);
            a2 = FloatVector.fromArray(S, w, w2 + i).fma(xv, a2);
            a3 = FloatVector.fromArray(S, w, w3 + i).fma(xv, a3);
        }
        finish(a0.reduceLanes(VectorOperators.ADD), x, xOff, w, wOff, bound, in, y, yOff, bias, biasOff);
        if (count > 1) finish(a1.reduceLanes(VectorOperators.ADD), x, xOff, w, w1, bound, in, y, yOff + 1, bias, biasOff + 1);
        if (count > 2) finish(a2.reduceLanes(VectorOperators.ADD), x, xOff, w, w2, bound, in, y, yOff + 2, bias, biasOff + 2);
        if (count > 3) finish(a3.reduceLanes(VectorOperators.ADD), x, xOff, w, w3, bound, in, y, yOff + 3, bias, biasOff + 3);
    }

    private static void finish(float s, float[] x, int xOff, float[] w, int row, int from, int in, float[] y, int yi,
                               float[] bias, int bi) {
        for (int i = from; i < in; i++) s += x[xOff + i] * w[row + i];
        y[yi] = bias == null ? s : s + bias[bi];
    }
}
