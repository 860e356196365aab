package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link PackedGemm} micro-kernel on the Vector API: an 8 x 3-vector tile (24 accumulators, 3 B
 * vectors and one broadcast: within AVX-512's 32 registers), broadcast-FMA over k. Accumulators are
 * hand-unrolled locals and A is broadcast straight from the packed array: the measured shape that C2
 * compiles to 97-100% of FMA peak (see the project's Vector API notes). Only loaded when
 * {@link VectorSupport#BITS} &gt; 0; the species is a constant for C2.
 *
 * <p>The unrolling is mechanical (row i, vector j -> {@code cij}); keep it regular when editing.
 */
final class GemmMicroKernel8x3 {
    private GemmMicroKernel8x3() {}

    static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(VectorSupport.BITS));
    private static final int VL = S.length();

    static void tile(int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                     boolean accumulate, float[] bias, int biasOff, int act, float alpha) {
        FloatVector c00, c01, c02;
        FloatVector c10, c11, c12;
        FloatVector c20, c21, c22;
        FloatVector c30, c31, c32;
        FloatVector c40, c41, c42;
        FloatVector c50, c51, c52;
        FloatVector c60, c61, c62;
        FloatVector c70, c71, c72;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * VL);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * VL);
            c02 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 2 * VL);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * VL);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * VL);
            c12 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 2 * VL);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * VL);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * VL);
            c22 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * VL);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * VL);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * VL);
            c32 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * VL);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * VL);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * VL);
            c42 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 2 * VL);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * VL);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * VL);
            c52 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 2 * VL);
            c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc + 0 * VL);
            c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + 1 * VL);
            c62 = FloatVector.fromArray(S, c, cOff + 6 * ldc + 2 * VL);
            c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc + 0 * VL);
            c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + 1 * VL);
            c72 = FloatVector.fromArray(S, c, cOff + 7 * ldc + 2 * VL);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z;
            c10 = z; c11 = z; c12 = z;
            c20 = z; c21 = z; c22 = z;
            c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z;
            c50 = z; c51 = z; c52 = z;
            c60 = z; c61 = z; c62 = z;
            c70 = z; c71 = z; c72 = z;
        }
        for (int kk = 0; kk < k; kk++) {
            int bi = bOff + kk * ldb, ai = aOff + kk * 8;
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * VL);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * VL);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * VL);
            FloatVector a0 = FloatVector.broadcast(S, a[ai + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
        }
        store(c00, c01, c02, c, cOff + 0 * ldc, bias, biasOff + 0, act, alpha);
        store(c10, c11, c12, c, cOff + 1 * ldc, bias, biasOff + 1, act, alpha);
        store(c20, c21, c22, c, cOff + 2 * ldc, bias, biasOff + 2, act, alpha);
        store(c30, c31, c32, c, cOff + 3 * ldc, bias, biasOff + 3, act, alpha);
        store(c40, c41, c42, c, cOff + 4 * ldc, bias, biasOff + 4, act, alpha);
        store(c50, c51, c52, c, cOff + 5 * ldc, bias, biasOff + 5, act, alpha);
        store(c60, c61, c62, c, cOff + 6 * ldc, bias, biasOff + 6, act, alpha);
        store(c70, c71, c72, c, cOff + 7 * ldc, bias, biasOff + 7, act, alpha);
    }

    private static void store(FloatVector v0, FloatVector v1, FloatVector v2, float[] c, int off,
                              float[] bias, int biasIndex, int act, float alpha) {
        if (bias != null) {
            FloatVector bv = FloatVector.broadcast(S, bias[biasIndex]);
            v0 = v0.add(bv);
            v1 = v1.add(bv);
            v2 = v2.add(bv);
        }
        if (act != PackedGemm.ACT_NONE) {
            v0 = activate(v0, act, alpha);
            v1 = activate(v1, act, alpha);
            v2 = activate(v2, act, alpha);
        }
        v0.intoArray(c, off);
        v1.intoArray(c, off + VL);
        v2.intoArray(c, off + 2 * VL);
    }

    /** relu keeps NaN (a NaN is not below zero); leaky_relu multiplies the negative lanes. */
    static FloatVector activate(FloatVector v, int act, float alpha) {
        if (act == PackedGemm.ACT_RELU) return v.blend(0f, v.lt(0f));
        return v.blend(v.mul(alpha), v.lt(0f));
    }
}
