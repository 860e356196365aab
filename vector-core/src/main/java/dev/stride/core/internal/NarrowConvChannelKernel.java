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
        FloatVector bv = bias == null ? z : FloatVector.fromArray(S, bias, 0, S.indexInRange(0, valid));
        boolean hasBias = bias != null;
        int t1 = tOff + tRow;
        finish(a0_00, hasBias, bv, act, alpha).intoArray(t, tOff + 0);
        finish(a0_01, hasBias, bv, act, alpha).intoArray(t, tOff + 16);
        finish(a0_02, hasBias, bv, act, alpha).intoArray(t, tOff + 32);
        finish(a0_03, hasBias, bv, act, alpha).intoArray(t, tOff + 48);
        finish(a0_04, hasBias, bv, act, alpha).intoArray(t, tOff + 64);
        finish(a0_05, hasBias, bv, act, alpha).intoArray(t, tOff + 80);
        finish(a0_06, hasBias, bv, act, alpha).intoArray(t, tOff + 96);
        finish(a0_07, hasBias, bv, act, alpha).intoArray(t, tOff + 112);
        finish(a0_08, hasBias, bv, act, alpha).intoArray(t, tOff + 128);
        finish(a0_09, hasBias, bv, act, alpha).intoArray(t, tOff + 144);
        finish(a1_00, hasBias, bv, act, alpha).intoArray(t, t1 + 0);
        finish(a1_01, hasBias, bv, act, alpha).intoArray(t, t1 + 16);
        finish(a1_02, hasBias, bv, act, alpha).intoArray(t, t1 + 32);
        finish(a1_03, hasBias, bv, act, alpha).intoArray(t, t1 + 48);
        finish(a1_04, hasBias, bv, act, alpha).intoArray(t, t1 + 64);
        finish(a1_05, hasBias, bv, act, alpha).intoArray(t, t1 + 80);
        finish(a1_06, hasBias, bv, act, alpha).intoArray(t, t1 + 96);
        finish(a1_07, hasBias, bv, act, alpha).intoArray(t, t1 + 112);
        finish(a1_08, hasBias, bv, act, alpha).intoArray(t, t1 + 128);
        finish(a1_09, hasBias, bv, act, alpha).intoArray(t, t1 + 144);
    }

    /** Plus the bias (when there is one), then the activation; lane by lane as {@link PackedGemm#activate}. */
    private static FloatVector finish(FloatVector v, boolean hasBias, FloatVector b, int act, float alpha) {
        if (hasBias) v = v.add(b);
        if (act == PackedGemm.ACT_RELU) return v.lanewise(VectorOperators.MAX, 0f);
        if (act == PackedGemm.ACT_LEAKY_RELU) return v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f));
        return v;
    }
}
