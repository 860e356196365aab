package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The narrow micro-kernel of {@link TransposedLinear}: a 6 x 2-vector tile of {@code y^T = W x^T} for
 * an input with at most {@code 2 * VL} rows left (a batch of 32 at 512 bits), where the 6 x 4 tile of
 * {@link LinearMicroKernel6x4} would multiply half zeros; 12 independent FMA chains. The six broadcast
 * operands are read straight from six rows of the weight ({@code a[aOff + i*lda + kk]}), so the weight
 * is never packed; B is a k-major panel of {@code 2 * VL} input rows. Each C element is a
 * k-ascending chain of FMAs continued from C when {@code accumulate}. Only loaded when
 * {@link VectorSupport#BITS} &gt; 0.
 *
 * <p>The unrolling is mechanical (weight row i, vector j -> {@code cij}); keep it regular when editing.
 */
final class LinearMicroKernel6x2 {
    private LinearMicroKernel6x2() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();
    private static final int NC = 2 * VL;

    /** {@code C[6 x 2VL] (+)= A[6 x kc] * B[kc x 2VL]}, A rows {@code lda} apart, B k-major with NC floats per k. */
    static void tile(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                     boolean accumulate) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        FloatVector c50, c51;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * VL);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * VL);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * VL);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * VL);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * VL);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * VL);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * VL);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * VL);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * VL);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * VL);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * VL);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * VL);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z;
            c10 = z; c11 = z;
            c20 = z; c21 = z;
            c30 = z; c31 = z;
            c40 = z; c41 = z;
            c50 = z; c51 = z;
        }
        final int r0 = aOff, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
        for (int kk = 0; kk < kc; kk++) {
            int bi = bOff + kk * NC;
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * VL);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * VL);
            FloatVector a0 = FloatVector.broadcast(S, a[r0 + kk]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + kk]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + kk]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + kk]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[r4 + kk]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[r5 + kk]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, cOff + 0 * ldc + 0 * VL);
        c01.intoArray(c, cOff + 0 * ldc + 1 * VL);
        c10.intoArray(c, cOff + 1 * ldc + 0 * VL);
        c11.intoArray(c, cOff + 1 * ldc + 1 * VL);
        c20.intoArray(c, cOff + 2 * ldc + 0 * VL);
        c21.intoArray(c, cOff + 2 * ldc + 1 * VL);
        c30.intoArray(c, cOff + 3 * ldc + 0 * VL);
        c31.intoArray(c, cOff + 3 * ldc + 1 * VL);
        c40.intoArray(c, cOff + 4 * ldc + 0 * VL);
        c41.intoArray(c, cOff + 4 * ldc + 1 * VL);
        c50.intoArray(c, cOff + 5 * ldc + 0 * VL);
        c51.intoArray(c, cOff + 5 * ldc + 1 * VL);
    }
}
