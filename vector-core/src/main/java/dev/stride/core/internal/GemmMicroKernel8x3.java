package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link PackedGemm} micro-kernel on the Vector API: an 8 x 3-vector tile (24 accumulators, 3 B
 * vectors and one broadcast: within AVX-512's 32 registers), broadcast-FMA over k; bias and activation
 * run on the stored tile while it is in L1. Accumulators are
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
        c00.intoArray(c, cOff + 0 * ldc + 0 * VL);
        c01.intoArray(c, cOff + 0 * ldc + 1 * VL);
        c02.intoArray(c, cOff + 0 * ldc + 2 * VL);
        c10.intoArray(c, cOff + 1 * ldc + 0 * VL);
        c11.intoArray(c, cOff + 1 * ldc + 1 * VL);
        c12.intoArray(c, cOff + 1 * ldc + 2 * VL);
        c20.intoArray(c, cOff + 2 * ldc + 0 * VL);
        c21.intoArray(c, cOff + 2 * ldc + 1 * VL);
        c22.intoArray(c, cOff + 2 * ldc + 2 * VL);
        c30.intoArray(c, cOff + 3 * ldc + 0 * VL);
        c31.intoArray(c, cOff + 3 * ldc + 1 * VL);
        c32.intoArray(c, cOff + 3 * ldc + 2 * VL);
        c40.intoArray(c, cOff + 4 * ldc + 0 * VL);
        c41.intoArray(c, cOff + 4 * ldc + 1 * VL);
        c42.intoArray(c, cOff + 4 * ldc + 2 * VL);
        c50.intoArray(c, cOff + 5 * ldc + 0 * VL);
        c51.intoArray(c, cOff + 5 * ldc + 1 * VL);
        c52.intoArray(c, cOff + 5 * ldc + 2 * VL);
        c60.intoArray(c, cOff + 6 * ldc + 0 * VL);
        c61.intoArray(c, cOff + 6 * ldc + 1 * VL);
        c62.intoArray(c, cOff + 6 * ldc + 2 * VL);
        c70.intoArray(c, cOff + 7 * ldc + 0 * VL);
        c71.intoArray(c, cOff + 7 * ldc + 1 * VL);
        c72.intoArray(c, cOff + 7 * ldc + 2 * VL);
        if (bias != null || act != PackedGemm.ACT_NONE) epilogue(c, cOff, ldc, bias, biasOff, act, alpha);
    }

    /**
     * {@code C = A * B} on a full tile where B's row {@code kk} starts at {@code bOff + kOff[kk]} (the
     * implicit-GEMM convolution reads its rows straight from a padded image). No accumulate, no
     * epilogue: the caller applies them while copying the tile out.
     */
    static void tileIndexed(int k, float[] a, int aOff, float[] b, int bOff, int[] kOff, float[] c, int cOff, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z;
        FloatVector c10 = z, c11 = z, c12 = z;
        FloatVector c20 = z, c21 = z, c22 = z;
        FloatVector c30 = z, c31 = z, c32 = z;
        FloatVector c40 = z, c41 = z, c42 = z;
        FloatVector c50 = z, c51 = z, c52 = z;
        FloatVector c60 = z, c61 = z, c62 = z;
        FloatVector c70 = z, c71 = z, c72 = z;
        for (int kk = 0; kk < k; kk++) {
            int bi = bOff + kOff[kk], ai = aOff + kk * 8;
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
        c00.intoArray(c, cOff + 0 * ldc + 0 * VL);
        c01.intoArray(c, cOff + 0 * ldc + 1 * VL);
        c02.intoArray(c, cOff + 0 * ldc + 2 * VL);
        c10.intoArray(c, cOff + 1 * ldc + 0 * VL);
        c11.intoArray(c, cOff + 1 * ldc + 1 * VL);
        c12.intoArray(c, cOff + 1 * ldc + 2 * VL);
        c20.intoArray(c, cOff + 2 * ldc + 0 * VL);
        c21.intoArray(c, cOff + 2 * ldc + 1 * VL);
        c22.intoArray(c, cOff + 2 * ldc + 2 * VL);
        c30.intoArray(c, cOff + 3 * ldc + 0 * VL);
        c31.intoArray(c, cOff + 3 * ldc + 1 * VL);
        c32.intoArray(c, cOff + 3 * ldc + 2 * VL);
        c40.intoArray(c, cOff + 4 * ldc + 0 * VL);
        c41.intoArray(c, cOff + 4 * ldc + 1 * VL);
        c42.intoArray(c, cOff + 4 * ldc + 2 * VL);
        c50.intoArray(c, cOff + 5 * ldc + 0 * VL);
        c51.intoArray(c, cOff + 5 * ldc + 1 * VL);
        c52.intoArray(c, cOff + 5 * ldc + 2 * VL);
        c60.intoArray(c, cOff + 6 * ldc + 0 * VL);
        c61.intoArray(c, cOff + 6 * ldc + 1 * VL);
        c62.intoArray(c, cOff + 6 * ldc + 2 * VL);
        c70.intoArray(c, cOff + 7 * ldc + 0 * VL);
        c71.intoArray(c, cOff + 7 * ldc + 1 * VL);
        c72.intoArray(c, cOff + 7 * ldc + 2 * VL);
    }

    /**
     * Bias and activation on the tile just stored (still in L1). A separate pass rather than code on the
     * accumulators: with it inlined the kernel outgrows C2's inlining budget and the accumulators get
     * boxed, which cost ~5x.
     */
    private static void epilogue(float[] c, int cOff, int ldc, float[] bias, int biasOff, int act, float alpha) {
        for (int i = 0; i < 8; i++) {
            int off = cOff + i * ldc;
            FloatVector bv = FloatVector.broadcast(S, bias == null ? 0f : bias[biasOff + i]);
            for (int j = 0; j < 3; j++) {
                FloatVector v = FloatVector.fromArray(S, c, off + j * VL);
                if (bias != null) v = v.add(bv);
                if (act != PackedGemm.ACT_NONE) v = activate(v, act, alpha);
                v.intoArray(c, off + j * VL);
            }
        }
    }

    /** relu keeps NaN (a NaN is not below zero); leaky_relu multiplies the negative lanes. */
    static FloatVector activate(FloatVector v, int act, float alpha) {
        if (act == PackedGemm.ACT_RELU) return v.blend(0f, v.lt(0f));
        return v.blend(v.mul(alpha), v.lt(0f));
    }
}
