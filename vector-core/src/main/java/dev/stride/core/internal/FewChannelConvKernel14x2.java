package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel of {@link FewChannelConv}: 14 consecutive output pixels x 2 blocks of 16 output
 * channels (28 accumulators, 2 weight vectors and one broadcast: within AVX-512's 32 registers), the
 * register block of {@link DirectConvKernel14x2}. The difference is the input: here it is one padded,
 * column-phase-split plane per input channel, so the 14 pixels of a step are 14 consecutive floats
 * (one table offset per step addresses all of them) instead of 16-float channel cells.
 *
 * <p>Only loaded when the planner chose the few-input-channel path, which requires 512-bit vectors.
 * The unrolling is mechanical (pixel p, block j -> {@code cPP_j}); keep it regular when editing.
 */
final class FewChannelConvKernel14x2 {
    private FewChannelConvKernel14x2() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    /** Output pixels per call. */
    static final int PIXELS = 14;

    /**
     * Sums {@code k} steps from zero: pixel p, block j accumulates {@code x[xOff + kOff[kk] + p]} times
     * {@code w[wOff + j*wBlock + 16kk ..+16]}, and stores the 16 channels at {@code t[tOff + j*tBlock + 16p]}.
     */
    static void tile(int k, float[] w, int wOff, int wBlock, float[] x, int xOff, int[] kOff,
                     float[] t, int tOff, int tBlock) {
        FloatVector c00_0, c00_1;
        FloatVector c01_0, c01_1;
        FloatVector c02_0, c02_1;
        FloatVector c03_0, c03_1;
        FloatVector c04_0, c04_1;
        FloatVector c05_0, c05_1;
        FloatVector c06_0, c06_1;
        FloatVector c07_0, c07_1;
        FloatVector c08_0, c08_1;
        FloatVector c09_0, c09_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        FloatVector c12_0, c12_1;
        FloatVector c13_0, c13_1;
        FloatVector z = FloatVector.zero(S);
        c00_0 = z; c00_1 = z;
        c01_0 = z; c01_1 = z;
        c02_0 = z; c02_1 = z;
        c03_0 = z; c03_1 = z;
        c04_0 = z; c04_1 = z;
        c05_0 = z; c05_1 = z;
        c06_0 = z; c06_1 = z;
        c07_0 = z; c07_1 = z;
        c08_0 = z; c08_1 = z;
        c09_0 = z; c09_1 = z;
        c10_0 = z; c10_1 = z;
        c11_0 = z; c11_1 = z;
        c12_0 = z; c12_1 = z;
        c13_0 = z; c13_1 = z;
        int w1 = wOff + wBlock;
        for (int kk = 0; kk < k; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, w, wOff + kk * 16);
            FloatVector b1 = FloatVector.fromArray(S, w, w1 + kk * 16);
            int xi = xOff + kOff[kk];
            FloatVector a0 = FloatVector.broadcast(S, x[xi + 0]);
            c00_0 = a0.fma(b0, c00_0); c00_1 = a0.fma(b1, c00_1);
            FloatVector a1 = FloatVector.broadcast(S, x[xi + 1]);
            c01_0 = a1.fma(b0, c01_0); c01_1 = a1.fma(b1, c01_1);
            FloatVector a2 = FloatVector.broadcast(S, x[xi + 2]);
            c02_0 = a2.fma(b0, c02_0); c02_1 = a2.fma(b1, c02_1);
            FloatVector a3 = FloatVector.broadcast(S, x[xi + 3]);
            c03_0 = a3.fma(b0, c03_0); c03_1 = a3.fma(b1, c03_1);
            FloatVector a4 = FloatVector.broadcast(S, x[xi + 4]);
            c04_0 = a4.fma(b0, c04_0); c04_1 = a4.fma(b1, c04_1);
            FloatVector a5 = FloatVector.broadcast(S, x[xi + 5]);
            c05_0 = a5.fma(b0, c05_0); c05_1 = a5.fma(b1, c05_1);
            FloatVector a6 = FloatVector.broadcast(S, x[xi + 6]);
            c06_0 = a6.fma(b0, c06_0); c06_1 = a6.fma(b1, c06_1);
            FloatVector a7 = FloatVector.broadcast(S, x[xi + 7]);
            c07_0 = a7.fma(b0, c07_0); c07_1 = a7.fma(b1, c07_1);
            FloatVector a8 = FloatVector.broadcast(S, x[xi + 8]);
            c08_0 = a8.fma(b0, c08_0); c08_1 = a8.fma(b1, c08_1);
            FloatVector a9 = FloatVector.broadcast(S, x[xi + 9]);
            c09_0 = a9.fma(b0, c09_0); c09_1 = a9.fma(b1, c09_1);
            FloatVector a10 = FloatVector.broadcast(S, x[xi + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, x[xi + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, x[xi + 12]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, x[xi + 13]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
        }
        int t1 = tOff + tBlock;
        c00_0.intoArray(t, tOff + 0); c00_1.intoArray(t, t1 + 0);
        c01_0.intoArray(t, tOff + 16); c01_1.intoArray(t, t1 + 16);
        c02_0.intoArray(t, tOff + 32); c02_1.intoArray(t, t1 + 32);
        c03_0.intoArray(t, tOff + 48); c03_1.intoArray(t, t1 + 48);
        c04_0.intoArray(t, tOff + 64); c04_1.intoArray(t, t1 + 64);
        c05_0.intoArray(t, tOff + 80); c05_1.intoArray(t, t1 + 80);
        c06_0.intoArray(t, tOff + 96); c06_1.intoArray(t, t1 + 96);
        c07_0.intoArray(t, tOff + 112); c07_1.intoArray(t, t1 + 112);
        c08_0.intoArray(t, tOff + 128); c08_1.intoArray(t, t1 + 128);
        c09_0.intoArray(t, tOff + 144); c09_1.intoArray(t, t1 + 144);
        c10_0.intoArray(t, tOff + 160); c10_1.intoArray(t, t1 + 160);
        c11_0.intoArray(t, tOff + 176); c11_1.intoArray(t, t1 + 176);
        c12_0.intoArray(t, tOff + 192); c12_1.intoArray(t, t1 + 192);
        c13_0.intoArray(t, tOff + 208); c13_1.intoArray(t, t1 + 208);
    }

    /**
     * The epilogue on a stored tile of {@code pixels} 16-channel cells at {@code t[off...]}: plus
     * {@code bias[biasOff + c]} for the first {@code valid} channels (the rest are padding, dropped
     * later), then {@link PackedGemm#activate}'s activation, lane by lane with the same results
     * (relu as {@code max(v, 0)} keeps NaN and maps -0 to 0, as the scalar form does).
     */
    static void epilogue(float[] t, int off, int pixels, float[] bias, int biasOff, int valid, int act, float alpha) {
        FloatVector b = bias == null ? FloatVector.zero(S)
                : FloatVector.fromArray(S, bias, biasOff, S.indexInRange(0, valid));
        FloatVector zero = FloatVector.zero(S);
        for (int i = off; i < off + pixels * 16; i += 16) {
            FloatVector v = FloatVector.fromArray(S, t, i);
            if (bias != null) v = v.add(b);
            if (act == PackedGemm.ACT_RELU) {
                v = v.lanewise(VectorOperators.MAX, zero);
            } else if (act == PackedGemm.ACT_LEAKY_RELU) {
                v = v.mul(alpha).blend(v, v.compare(VectorOperators.GT, zero));
            }
            v.intoArray(t, i);
        }
    }
}
