package dev.stride.core.internal;

/**
 * The scalar {@link PackedGemm} micro-kernel ({@code MR x NB} = 4 x 8), used when
 * {@link VectorSupport#BITS} is 0. Same tile contract and k-ascending order as the vector kernel, but
 * with a separate multiply and add (C2 may vectorise the column loop; the answer stays within the
 * error bound either way).
 */
final class ScalarGemmMicroKernel {
    private ScalarGemmMicroKernel() {}

    static void tile(int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                     boolean accumulate, float[] bias, int biasOff, int act, float alpha) {
        final int mr = PackedGemm.MR, nb = PackedGemm.NB;
        for (int i = 0; i < mr; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) for (int j = 0; j < nb; j++) c[ci + j] = 0f;
        }
        for (int kk = 0; kk < k; kk++) {
            int bi = bOff + kk * ldb, ai = aOff + kk * mr;
            for (int i = 0; i < mr; i++) {
                float av = a[ai + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < nb; j++) c[ci + j] += av * b[bi + j];
            }
        }
        if (bias != null || act != PackedGemm.ACT_NONE) {
            for (int i = 0; i < mr; i++) {
                float bv = bias == null ? 0f : bias[biasOff + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < nb; j++) {
                    float v = bias == null ? c[ci + j] : c[ci + j] + bv;
                    c[ci + j] = PackedGemm.activate(v, act, alpha);
                }
            }
        }
    }

    /** As the vector kernel's {@code tileIndexed}: B's row {@code kk} at {@code bOff + kOff[kk]}. */
    static void tileIndexed(int k, float[] a, int aOff, float[] b, int bOff, int[] kOff, float[] c, int cOff, int ldc) {
        final int mr = PackedGemm.MR, nb = PackedGemm.NB;
        for (int i = 0; i < mr; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + nb, 0f);
        for (int kk = 0; kk < k; kk++) {
            int bi = bOff + kOff[kk], ai = aOff + kk * mr;
            for (int i = 0; i < mr; i++) {
                float av = a[ai + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < nb; j++) c[ci + j] += av * b[bi + j];
            }
        }
    }

    /**
     * The scalar {@link TransposedLinear} tile: {@code C[6 x nc] (+)= A[6 x kc] B[kc x nc]}, A's rows
     * {@code lda} apart (the weight in place), B k-major with {@code nc} floats per k.
     */
    static void linearTile(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int nc, float[] c, int cOff,
                           int ldc, boolean accumulate) {
        final int rw = TransposedLinear.RW;
        if (!accumulate) {
            for (int i = 0; i < rw; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + nc, 0f);
        }
        for (int kk = 0; kk < kc; kk++) {
            int bi = bOff + kk * nc;
            for (int i = 0; i < rw; i++) {
                float av = a[aOff + i * lda + kk];
                int ci = cOff + i * ldc;
                for (int j = 0; j < nc; j++) c[ci + j] += av * b[bi + j];
            }
        }
    }
}
