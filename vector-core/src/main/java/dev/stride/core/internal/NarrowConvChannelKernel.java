package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The channel micro-kernel of {@link NarrowConv}: 2 output rows x 10 consecutive output pixels, one
 * 512-bit vector of 16 output channels each (20 accumulators). Each reduction step loads the packed
 * {@code [K][16]} weight vector once and multiplies it by the 20 pixels' input values, broadcast.
 *
 * <p>Only loaded when the planner chose this path, which requires 512-bit vectors. The unrolling is
 * mechanical (row r, pixel p -> {@code aR_PP}); keep it regular when editing.
 */
final class NarrowConvChannelKernel {
    private NarrowConvChannelKernel() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    /**
     * Sums {@code k} steps from zero: row r, pixel p accumulates {@code x[xOff + r*rowStep + p + kOff[kk]]}
     * times {@code w[16kk ..+16]}; then adds {@code bias[0..valid)} (if bias is not null; lanes past
     * {@code valid} get nothing and are dropped by the caller), applies the activation
     * ({@link PackedGemm#ACT_NONE}, {@code ACT_RELU} as {@code max(v, 0)}, {@code ACT_LEAKY_RELU} with
     * {@code alpha}) and stores pixel (r, p)'s 16 channels at {@code t[tOff + r*tRow + 16p ..+16]}.
     */
    static void block(int k, float[] w, float[] x, int xOff, int rowStep, int[] kOff, float[] bias, int valid,
                      int act, float alpha, float[] t, int tOff, int tRow) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a0_00 = z, a0_01 = z, a0_02 = z, a0_03 = z, a0_04 = z, a0_05 = z, a0_06 = z, a0_07 = z, a0_08 = z, a0_09 = z;
        FloatVector a1_00 = z, a1_01 = z, a1_02 = z, a1_03 = z, a1_04 = z, a1_05 = z, a1_06 = z, a1_07 = z, a1_08 = z, a1_09 = z;
        int x1 = xOff + rowStep;
        for (int kk = 0; kk < k; kk++) {
            FloatVector b = FloatVector.fromArray(S, w, 16 * kk);
            int s0 = xOff + kOff[kk], s1 = x1 + kOff[kk];
            a0_00 = FloatVector.broadcast(S, x[s0 + 0]).fma(b, a0_00);
            a0_01 = FloatVector.broadcast(S, x[s0 + 1]).fma(b, a0_01);
            a0_02 = FloatVector.broadcast(S, x[s0 + 2]).fma(b, a0_02);
            a0_03 = FloatVector.broadcast(S, x[s0 + 3]).fma(b, a0_03);
            a0_04 = FloatVector.broadcast(S, x[s0 + 4]).fma(b, a0_04);
            a0_05 = FloatVector.broadcast(S, x[s0 + 5]).fma(b, a0_05);
            a0_06 = FloatVector.broadcast(S, x[s0 + 6]).fma(b, a0_06);
            a0_07 = FloatVector.broadcast(S, x[s0 + 7]).fma(b, a0_07);
            a0_08 = FloatVector.broadcast(S, x[s0 + 8]).fma(b, a0_08);
            a0_09 = FloatVector.broadcast(S, x[s0 + 9]).fma(b, a0_09);
            a1_00 = FloatVector.broadcast(S, x[s1 + 0]).fma(b, a1_00);
            a1_01 = FloatVector.broadcast(S, x[s1 + 1]).fma(b, a1_01);
            a1_02 = FloatVector.broadcast(S, x[s1 + 2]).fma(b, a1_02);
            a1_03 = FloatVector.broadcast(S, x[s1 + 3]).fma(b, a1_03);
            a1_04 = FloatVector.broadcast(S, x[s1 + 4]).fma(b, a1_04);
            a1_05 = FloatVector.broadcast(S, x[s1 + 5]).fma(b, a1_05);
            a1_06 = FloatVector.broadcast(S, x[s1 + 6]).fma(b, a1_06);
            a1_07 = FloatVector.broadcast(S, x[s1 + 7]).fma(b, a1_07);
            a1_08 = FloatVector.broadcast(S, x[s1 + 8]).fma(b, a1_08);
            a1_09 = FloatVector.broadcast(S, x[s1 + 9]).fma(b, a1_09);
        }
        int t1 = tOff + tRow;
        a0_00.intoArray(t, tOff + 0);
        a0_01.intoArray(t, tOff + 16);
        a0_02.intoArray(t, tOff + 32);
        a0_03.intoArray(t, tOff + 48);
        a0_04.intoArray(t, tOff + 64);
        a0_05.intoArray(t, tOff + 80);
        a0_06.intoArray(t, tOff + 96);
        a0_07.intoArray(t, tOff + 112);
        a0_08.intoArray(t, tOff + 128);
        a0_09.intoArray(t, tOff + 144);
        a1_00.intoArray(t, t1 + 0);
        a1_01.intoArray(t, t1 + 16);
        a1_02.intoArray(t, t1 + 32);
        a1_03.intoArray(t, t1 + 48);
        a1_04.intoArray(t, t1 + 64);
        a1_05.intoArray(t, t1 + 80);
        a1_06.intoArray(t, t1 + 96);
        a1_07.intoArray(t, t1 + 112);
        a1_08.intoArray(t, t1 + 128);
        a1_09.intoArray(t, t1 + 144);
        if (bias != null || act != PackedGemm.ACT_NONE) {
            // Not on the accumulators above: that epilogue would not be inlined into this large method.
            FloatVector bv = bias == null ? z : FloatVector.fromArray(S, bias, 0, S.indexInRange(0, valid));
            for (int p = 0; p < 10; p++) {
                finish(t, tOff + 16 * p, bv, act, alpha);
                finish(t, t1 + 16 * p, bv, act, alpha);
            }
        }
    }

    /**
     * Plus {@code b}, then the activation, on the 16 stored sums at {@code t[i..]}; lane by lane as
     * {@link PackedGemm#activate} (relu as {@code max(v, 0)} keeps NaN and maps -0 to 0, as it does).
     */
    private static void finish(float[] t, int i, FloatVector b, int act, float alpha) {
        FloatVector v = FloatVector.fromArray(S, t, i).add(b);
        if (act == PackedGemm.ACT_RELU) {
            v = v.lanewise(VectorOperators.MAX, 0f);
        } else if (act == PackedGemm.ACT_LEAKY_RELU) {
            v = v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f));
        }
        v.intoArray(t, i);
    }

    /**
     * 2x2 max pool of a stored two-row tile ({@code [2][tRow/16][16]} cells from {@code t[tOff]}): pooled
     * cell q (for q < {@code cells}) is the lane-wise maximum of cells 2q and 2q+1 of both rows, stored at
     * {@code p[pOff + 16q]}. The caller pools only after relu (no -0 to order; NaN wins as in PyTorch's rule).
     */
    static void poolPair(float[] t, int tOff, int tRow, int cells, float[] p, int pOff) {
        for (int q = 0; q < cells; q++) {
            int a = tOff + 32 * q, b = a + tRow;
            FloatVector m = FloatVector.fromArray(S, t, a).max(FloatVector.fromArray(S, t, a + 16))
                    .max(FloatVector.fromArray(S, t, b).max(FloatVector.fromArray(S, t, b + 16)));
            m.intoArray(p, pOff + 16 * q);
        }
    }
}
