package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one input row with up to four weight rows (the small-batch linear forward, where
 * a GEMM tile would be mostly padding): one input load per four FMAs, lane sums reduced once at the
 * end by exact lane permutes and lanewise adds in a fixed order (the same interpreted or compiled,
 * unlike {@code reduceLanes}), then a scalar tail over the last {@code in % VL} features. Only loaded when
 * {@link VectorSupport#BITS} &gt; 0.
 */
final class LinearDotKernel {
    private LinearDotKernel() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();
    private static final VectorSpecies<Integer> I = FloatLanes.I;
    private static final int H = VL / 2, Q = VL / 4;
    /**
     * Lane indices of the two-vector permutes that fold four accumulators into one vector: stage 1 pairs
     * halves ({@code a0|a1}, {@code a2|a3}), stage 2 quarters, then in-register folds of {@code Q}-lane groups;
     * lane {@code g*Q} ends with the sum of accumulator g. Every step is an exact permute or a lanewise add.
     */
    private static final int[] LO1 = new int[VL], HI1 = new int[VL], LO2 = new int[VL], HI2 = new int[VL], FOLD = new int[2 * VL];

    static {
        for (int j = 0; j < VL; j++) {
            LO1[j] = j < H ? j : VL + j - H;
            HI1[j] = j < H ? j + H : VL + j;
            int g = j / Q, i = j % Q, base = (g & 1) * H + (g >= 2 ? VL : 0);
            LO2[j] = base + i;
            HI2[j] = base + Q + i;
        }
        // FOLD[f*VL + j]: partner lane at fold distance Q/2 (f = 0) and Q/4 (f = 1); unused lanes point at themselves.
        for (int f = 0; f < 2; f++) {
            int d = Q >> (f + 1);
            for (int j = 0; j < VL; j++) FOLD[f * VL + j] = d > 0 && j % (2 * d) < d ? j + d : j;
        }
    }

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
        FloatVector sums = foldFour(a0, a1, a2, a3);
        finish(sums.lane(0), x, xOff, w, wOff, bound, in, y, yOff, bias, biasOff);
        if (count > 1) finish(sums.lane(Q), x, xOff, w, w1, bound, in, y, yOff + 1, bias, biasOff + 1);
        if (count > 2) finish(sums.lane(2 * Q), x, xOff, w, w2, bound, in, y, yOff + 2, bias, biasOff + 2);
        if (count > 3) finish(sums.lane(3 * Q), x, xOff, w, w3, bound, in, y, yOff + 3, bias, biasOff + 3);
    }

    /** Lane {@code g*Q} of the result is the lane sum of accumulator g, in a fixed order (see {@link #LO1}). */
    private static FloatVector foldFour(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3) {
        IntVector lo = IntVector.fromArray(I, LO1, 0), hi = IntVector.fromArray(I, HI1, 0);
        IntVector i0 = a0.reinterpretAsInts(), i1 = a1.reinterpretAsInts(), i2 = a2.reinterpretAsInts(), i3 = a3.reinterpretAsInts();
        FloatVector s01 = lo.selectFrom(i0, i1).reinterpretAsFloats().add(hi.selectFrom(i0, i1).reinterpretAsFloats());
        FloatVector s23 = lo.selectFrom(i2, i3).reinterpretAsFloats().add(hi.selectFrom(i2, i3).reinterpretAsFloats());
        lo = IntVector.fromArray(I, LO2, 0);
        hi = IntVector.fromArray(I, HI2, 0);
        IntVector j01 = s01.reinterpretAsInts(), j23 = s23.reinterpretAsInts();
        FloatVector t = lo.selectFrom(j01, j23).reinterpretAsFloats().add(hi.selectFrom(j01, j23).reinterpretAsFloats());
        for (int f = 0; f < 2 && (Q >> (f + 1)) > 0; f++) {
            IntVector idx = IntVector.fromArray(I, FOLD, f * VL);
            t = t.add(idx.selectFrom(t.reinterpretAsInts()).reinterpretAsFloats());
        }
        return t;
    }

    private static void finish(float s, float[] x, int xOff, float[] w, int row, int from, int in, float[] y, int yi,
                               float[] bias, int bi) {
        for (int i = from; i < in; i++) s += x[xOff + i] * w[row + i];
        y[yi] = bias == null ? s : s + bias[bi];
    }
}
