package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one input row with up to four weight rows (the small-batch linear forward, where
 * a GEMM tile would be mostly padding): one input load per four FMAs, lane sums reduced once at the
 * end by a fixed scalar tree (the same interpreted or compiled, unlike {@code reduceLanes}; and
 * cheaper here than {@link VectorRowSums#sumLanes}' slices), then a scalar tail over the last {@code in % VL} features. Only loaded when
 * {@link VectorSupport#BITS} &gt; 0.
 */
final class LinearDotKernel {
    private LinearDotKernel() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();
    /** Per-thread lanes of the four accumulators, summed in a fixed order. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[4 * VL]);

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
        float[] t = LANES.get();
        a0.intoArray(t, 0);
        a1.intoArray(t, VL);
        a2.intoArray(t, 2 * VL);
        a3.intoArray(t, 3 * VL);
        finish(treeSum(t, 0), x, xOff, w, wOff, bound, in, y, yOff, bias, biasOff);
        if (count > 1) finish(treeSum(t, VL), x, xOff, w, w1, bound, in, y, yOff + 1, bias, biasOff + 1);
        if (count > 2) finish(treeSum(t, 2 * VL), x, xOff, w, w2, bound, in, y, yOff + 2, bias, biasOff + 2);
        if (count > 3) finish(treeSum(t, 3 * VL), x, xOff, w, w3, bound, in, y, yOff + 3, bias, biasOff + 3);
    }

    /** Lane i plus lane i + L/2, then i + L/4, ...: the order of {@link VectorRowSums#sumLanes}, in scalar code. */
    private static float treeSum(float[] t, int off) {
        for (int s = VL / 2; s >= 1; s /= 2) {
            for (int i = 0; i < s; i++) t[off + i] += t[off + i + s];
        }
        return t[off];
    }

    private static void finish(float s, float[] x, int xOff, float[] w, int row, int from, int in, float[] y, int yi,
                               float[] bias, int bi) {
        for (int i = from; i < in; i++) s += x[xOff + i] * w[row + i];
        y[yi] = bias == null ? s : s + bias[bi];
    }
}
