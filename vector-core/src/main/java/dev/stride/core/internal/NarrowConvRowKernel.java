package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row micro-kernel of {@link NarrowConv}: 2 output rows x 2 vectors of 16 consecutive output
 * pixels x 6 output channels (24 accumulators, 4 input vectors and one broadcast weight: within
 * AVX-512's 32 registers). Each reduction step loads the 4 input vectors once and multiplies each
 * by the 6 channels' weights, broadcast from the packed {@code [K][6]} block.
 *
 * <p>Only loaded when the planner chose this path, which requires 512-bit vectors. The unrolling is
 * mechanical (row r, vector v, channel j -> {@code aRV_J}); keep it regular when editing.
 */
final class NarrowConvRowKernel {
    private NarrowConvRowKernel() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;

    /**
     * Sums {@code k} steps from zero: row r, vector v, channel j accumulates
     * {@code x[xOff + r*rowStep + v*second + kOff[kk] ..+16]} times {@code w[wOff + 6kk + j]}; then adds
     * {@code bias[o0 + j]} (if bias is not null), applies the activation ({@link PackedGemm#ACT_NONE},
     * {@code ACT_RELU} as {@code max(v, 0)}: NaN kept and -0 to 0 as {@link PackedGemm#activate} does,
     * {@code ACT_LEAKY_RELU} with {@code alpha}) and stores the first {@code valid} channels at {@code y[yOff + j*plane + r*outW + v*second ..+16]}.
     */
    static void block(int k, float[] w, int wOff, float[] x, int xOff, int second, int rowStep, int[] kOff,
                      float[] bias, int o0, int valid, int act, float alpha, float[] y, int yOff, int outW, int plane,
                      float[] pooled, int pOff, int pPlane, int[] poolLanes) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00_0 = z, a01_0 = z, a10_0 = z, a11_0 = z;
        FloatVector a00_1 = z, a01_1 = z, a10_1 = z, a11_1 = z;
        FloatVector a00_2 = z, a01_2 = z, a10_2 = z, a11_2 = z;
        FloatVector a00_3 = z, a01_3 = z, a10_3 = z, a11_3 = z;
        FloatVector a00_4 = z, a01_4 = z, a10_4 = z, a11_4 = z;
        FloatVector a00_5 = z, a01_5 = z, a10_5 = z, a11_5 = z;
        int x1 = xOff + second, x2 = xOff + rowStep, x3 = x2 + second;
        for (int kk = 0; kk < k; kk++) {
            int s = kOff[kk], wi = wOff + 6 * kk;
            FloatVector i00 = FloatVector.fromArray(S, x, xOff + s);
            FloatVector i01 = FloatVector.fromArray(S, x, x1 + s);
            FloatVector i10 = FloatVector.fromArray(S, x, x2 + s);
            FloatVector i11 = FloatVector.fromArray(S, x, x3 + s);
            FloatVector b0 = FloatVector.broadcast(S, w[wi + 0]);
            a00_0 = i00.fma(b0, a00_0); a01_0 = i01.fma(b0, a01_0); a10_0 = i10.fma(b0, a10_0); a11_0 = i11.fma(b0, a11_0);
            FloatVector b1 = FloatVector.broadcast(S, w[wi + 1]);
            a00_1 = i00.fma(b1, a00_1); a01_1 = i01.fma(b1, a01_1); a10_1 = i10.fma(b1, a10_1); a11_1 = i11.fma(b1, a11_1);
            FloatVector b2 = FloatVector.broadcast(S, w[wi + 2]);
            a00_2 = i00.fma(b2, a00_2); a01_2 = i01.fma(b2, a01_2); a10_2 = i10.fma(b2, a10_2); a11_2 = i11.fma(b2, a11_2);
            FloatVector b3 = FloatVector.broadcast(S, w[wi + 3]);
            a00_3 = i00.fma(b3, a00_3); a01_3 = i01.fma(b3, a01_3); a10_3 = i10.fma(b3, a10_3); a11_3 = i11.fma(b3, a11_3);
            FloatVector b4 = FloatVector.broadcast(S, w[wi + 4]);
            a00_4 = i00.fma(b4, a00_4); a01_4 = i01.fma(b4, a01_4); a10_4 = i10.fma(b4, a10_4); a11_4 = i11.fma(b4, a11_4);
            FloatVector b5 = FloatVector.broadcast(S, w[wi + 5]);
            a00_5 = i00.fma(b5, a00_5); a01_5 = i01.fma(b5, a01_5); a10_5 = i10.fma(b5, a10_5); a11_5 = i11.fma(b5, a11_5);
        }
        // The epilogue on the registers, written out: a helper method would not be inlined into this
        // large one (its vectors would be boxed), and applying it to the stored output would add the
        // bias twice where the blocks overlap.
        if (bias != null) {
            FloatVector b0 = FloatVector.broadcast(S, valid > 0 ? bias[o0 + 0] : 0f);
            a00_0 = a00_0.add(b0); a01_0 = a01_0.add(b0); a10_0 = a10_0.add(b0); a11_0 = a11_0.add(b0);
            FloatVector b1 = FloatVector.broadcast(S, valid > 1 ? bias[o0 + 1] : 0f);
            a00_1 = a00_1.add(b1); a01_1 = a01_1.add(b1); a10_1 = a10_1.add(b1); a11_1 = a11_1.add(b1);
            FloatVector b2 = FloatVector.broadcast(S, valid > 2 ? bias[o0 + 2] : 0f);
            a00_2 = a00_2.add(b2); a01_2 = a01_2.add(b2); a10_2 = a10_2.add(b2); a11_2 = a11_2.add(b2);
            FloatVector b3 = FloatVector.broadcast(S, valid > 3 ? bias[o0 + 3] : 0f);
            a00_3 = a00_3.add(b3); a01_3 = a01_3.add(b3); a10_3 = a10_3.add(b3); a11_3 = a11_3.add(b3);
            FloatVector b4 = FloatVector.broadcast(S, valid > 4 ? bias[o0 + 4] : 0f);
            a00_4 = a00_4.add(b4); a01_4 = a01_4.add(b4); a10_4 = a10_4.add(b4); a11_4 = a11_4.add(b4);
            FloatVector b5 = FloatVector.broadcast(S, valid > 5 ? bias[o0 + 5] : 0f);
            a00_5 = a00_5.add(b5); a01_5 = a01_5.add(b5); a10_5 = a10_5.add(b5); a11_5 = a11_5.add(b5);
        }
        if (act == PackedGemm.ACT_RELU) {
            a00_0 = a00_0.max(z); a01_0 = a01_0.max(z); a10_0 = a10_0.max(z); a11_0 = a11_0.max(z);
            a00_1 = a00_1.max(z); a01_1 = a01_1.max(z); a10_1 = a10_1.max(z); a11_1 = a11_1.max(z);
            a00_2 = a00_2.max(z); a01_2 = a01_2.max(z); a10_2 = a10_2.max(z); a11_2 = a11_2.max(z);
            a00_3 = a00_3.max(z); a01_3 = a01_3.max(z); a10_3 = a10_3.max(z); a11_3 = a11_3.max(z);
            a00_4 = a00_4.max(z); a01_4 = a01_4.max(z); a10_4 = a10_4.max(z); a11_4 = a11_4.max(z);
            a00_5 = a00_5.max(z); a01_5 = a01_5.max(z); a10_5 = a10_5.max(z); a11_5 = a11_5.max(z);
        } else if (act == PackedGemm.ACT_LEAKY_RELU) {
            a00_0 = a00_0.mul(alpha).blend(a00_0, a00_0.compare(VectorOperators.GT, z)); a01_0 = a01_0.mul(alpha).blend(a01_0, a01_0.compare(VectorOperators.GT, z));
            a10_0 = a10_0.mul(alpha).blend(a10_0, a10_0.compare(VectorOperators.GT, z)); a11_0 = a11_0.mul(alpha).blend(a11_0, a11_0.compare(VectorOperators.GT, z));
            a00_1 = a00_1.mul(alpha).blend(a00_1, a00_1.compare(VectorOperators.GT, z)); a01_1 = a01_1.mul(alpha).blend(a01_1, a01_1.compare(VectorOperators.GT, z));
            a10_1 = a10_1.mul(alpha).blend(a10_1, a10_1.compare(VectorOperators.GT, z)); a11_1 = a11_1.mul(alpha).blend(a11_1, a11_1.compare(VectorOperators.GT, z));
            a00_2 = a00_2.mul(alpha).blend(a00_2, a00_2.compare(VectorOperators.GT, z)); a01_2 = a01_2.mul(alpha).blend(a01_2, a01_2.compare(VectorOperators.GT, z));
            a10_2 = a10_2.mul(alpha).blend(a10_2, a10_2.compare(VectorOperators.GT, z)); a11_2 = a11_2.mul(alpha).blend(a11_2, a11_2.compare(VectorOperators.GT, z));
            a00_3 = a00_3.mul(alpha).blend(a00_3, a00_3.compare(VectorOperators.GT, z)); a01_3 = a01_3.mul(alpha).blend(a01_3, a01_3.compare(VectorOperators.GT, z));
            a10_3 = a10_3.mul(alpha).blend(a10_3, a10_3.compare(VectorOperators.GT, z)); a11_3 = a11_3.mul(alpha).blend(a11_3, a11_3.compare(VectorOperators.GT, z));
            a00_4 = a00_4.mul(alpha).blend(a00_4, a00_4.compare(VectorOperators.GT, z)); a01_4 = a01_4.mul(alpha).blend(a01_4, a01_4.compare(VectorOperators.GT, z));
            a10_4 = a10_4.mul(alpha).blend(a10_4, a10_4.compare(VectorOperators.GT, z)); a11_4 = a11_4.mul(alpha).blend(a11_4, a11_4.compare(VectorOperators.GT, z));
            a00_5 = a00_5.mul(alpha).blend(a00_5, a00_5.compare(VectorOperators.GT, z)); a01_5 = a01_5.mul(alpha).blend(a01_5, a01_5.compare(VectorOperators.GT, z));
            a10_5 = a10_5.mul(alpha).blend(a10_5, a10_5.compare(VectorOperators.GT, z)); a11_5 = a11_5.mul(alpha).blend(a11_5, a11_5.compare(VectorOperators.GT, z));
        }
        if (y != null) {
            int y1 = yOff + second, y2 = yOff + outW, y3 = y2 + second;
            if (valid > 0) {
                int p = 0 * plane;
                a00_0.intoArray(y, yOff + p); a01_0.intoArray(y, y1 + p); a10_0.intoArray(y, y2 + p); a11_0.intoArray(y, y3 + p);
            }
            if (valid > 1) {
                int p = 1 * plane;
                a00_1.intoArray(y, yOff + p); a01_1.intoArray(y, y1 + p); a10_1.intoArray(y, y2 + p); a11_1.intoArray(y, y3 + p);
            }
            if (valid > 2) {
                int p = 2 * plane;
                a00_2.intoArray(y, yOff + p); a01_2.intoArray(y, y1 + p); a10_2.intoArray(y, y2 + p); a11_2.intoArray(y, y3 + p);
            }
            if (valid > 3) {
                int p = 3 * plane;
                a00_3.intoArray(y, yOff + p); a01_3.intoArray(y, y1 + p); a10_3.intoArray(y, y2 + p); a11_3.intoArray(y, y3 + p);
            }
            if (valid > 4) {
                int p = 4 * plane;
                a00_4.intoArray(y, yOff + p); a01_4.intoArray(y, y1 + p); a10_4.intoArray(y, y2 + p); a11_4.intoArray(y, y3 + p);
            }
            if (valid > 5) {
                int p = 5 * plane;
                a00_5.intoArray(y, yOff + p); a01_5.intoArray(y, y1 + p); a10_5.intoArray(y, y2 + p); a11_5.intoArray(y, y3 + p);
            }
        }
        if (pooled != null) {
            // The horizontal half of the pool: the even and odd columns of the pair's vertical maxima
            // (indices 16.. pick from the second vector), written out for the reason above.
            IntVector even = IntVector.fromArray(I, poolLanes, 0), odd = IntVector.fromArray(I, poolLanes, 16);
            VectorMask<Float> cols = S.indexInRange(0, outW / 2);
            if (valid > 0) {
                IntVector m0 = a00_0.max(a10_0).reinterpretAsInts(), m1 = a01_0.max(a11_0).reinterpretAsInts();
                FloatVector e = even.selectFrom(m0, m1).reinterpretAsFloats(), o = odd.selectFrom(m0, m1).reinterpretAsFloats();
                e.max(o).intoArray(pooled, pOff + 0 * pPlane, cols);
            }
            if (valid > 1) {
                IntVector m0 = a00_1.max(a10_1).reinterpretAsInts(), m1 = a01_1.max(a11_1).reinterpretAsInts();
                FloatVector e = even.selectFrom(m0, m1).reinterpretAsFloats(), o = odd.selectFrom(m0, m1).reinterpretAsFloats();
                e.max(o).intoArray(pooled, pOff + 1 * pPlane, cols);
            }
            if (valid > 2) {
                IntVector m0 = a00_2.max(a10_2).reinterpretAsInts(), m1 = a01_2.max(a11_2).reinterpretAsInts();
                FloatVector e = even.selectFrom(m0, m1).reinterpretAsFloats(), o = odd.selectFrom(m0, m1).reinterpretAsFloats();
                e.max(o).intoArray(pooled, pOff + 2 * pPlane, cols);
            }
            if (valid > 3) {
                IntVector m0 = a00_3.max(a10_3).reinterpretAsInts(), m1 = a01_3.max(a11_3).reinterpretAsInts();
                FloatVector e = even.selectFrom(m0, m1).reinterpretAsFloats(), o = odd.selectFrom(m0, m1).reinterpretAsFloats();
                e.max(o).intoArray(pooled, pOff + 3 * pPlane, cols);
            }
            if (valid > 4) {
                IntVector m0 = a00_4.max(a10_4).reinterpretAsInts(), m1 = a01_4.max(a11_4).reinterpretAsInts();
                FloatVector e = even.selectFrom(m0, m1).reinterpretAsFloats(), o = odd.selectFrom(m0, m1).reinterpretAsFloats();
                e.max(o).intoArray(pooled, pOff + 4 * pPlane, cols);
            }
            if (valid > 5) {
                IntVector m0 = a00_5.max(a10_5).reinterpretAsInts(), m1 = a01_5.max(a11_5).reinterpretAsInts();
                FloatVector e = even.selectFrom(m0, m1).reinterpretAsFloats(), o = odd.selectFrom(m0, m1).reinterpretAsFloats();
                e.max(o).intoArray(pooled, pOff + 5 * pPlane, cols);
            }
        }
    }
}
