package dev.stride.core.internal;

/**
 * The GEMM driver shared by convolution (1x1 direct, im2col, input and weight gradients, transposed
 * convolution) and the linear layer: {@code C[M x N] (= or +=) A[M x K] * B[K x N]}, then optionally
 * {@code + bias[row]} and an activation, applied while the tile is still in registers.
 *
 * <p>Layouts: A is packed by {@link #packA} into panels of {@link #MR} rows, k-major
 * ({@code ap[panel*MR*K + k*MR + i]}), zero rows padding the last panel. B is row-major with leading
 * dimension {@code ldb} and read in place; C is row-major with leading dimension {@code ldc}. The
 * micro-kernel computes an {@code MR x NB} tile ({@code NB} = 3 vectors: 48 columns at 512 bits;
 * 8 x 3 vectors = 24 accumulators, which fits AVX-512's 32 registers with the 3 B vectors and a
 * broadcast). Partial tiles (rows past M, columns past N) run the same kernel into a scratch tile
 * and copy back the valid part, so no hot loop carries a mask. When B's columns past N are not
 * readable ({@code bPadded == false}) the last partial column block of B is first copied into a
 * zero-padded {@code K x NB} buffer.
 *
 * <p>Summation order: each C element is a k-ascending chain of FMAs (one rounding each) started from
 * zero (or from C when accumulating); it does not depend on how callers split M or N over threads.
 *
 * <p>At {@link VectorSupport#BITS} = 0 the scalar micro-kernel runs and no Vector API class loads.
 */
final class PackedGemm {
    private PackedGemm() {}

    /** Floats per vector (1 on the scalar path). */
    static final int VL = VectorSupport.BITS == 0 ? 1 : VectorSupport.BITS / 32;
    /** Rows of a micro-tile. */
    static final int MR = VectorSupport.BITS == 0 ? 4 : 8;
    /** Columns of a micro-tile: three vectors. */
    static final int NB = VectorSupport.BITS == 0 ? 8 : 3 * VL;

    /** Longest sum a micro-kernel call runs; longer ones are split evenly (S4's 1152 into two of 576). */
    static final int K_BLOCK = 768;

    /** Epilogue activations. */
    static final int ACT_NONE = 0, ACT_RELU = 1, ACT_LEAKY_RELU = 2;

    /** Floats {@link #packA} writes for an {@code M x K} operand. */
    static int packedSize(int m, int k) { return (m + MR - 1) / MR * MR * k; }

    /** Rounds {@code n} up to a multiple of {@link #NB}. */
    static int roundUpNb(int n) { return (n + NB - 1) / NB * NB; }

    /**
     * Packs {@code A[i][k] = src[off + i*rowStride + k*colStride]} ({@code i < m}, {@code k < kk}) into
     * MR-row panels at {@code dst[dstOff...]}; strides let it pack a transposed matrix as well.
     */
    static void packA(float[] src, int off, int rowStride, int colStride, int m, int kk, float[] dst, int dstOff) {
        for (int p0 = 0; p0 < m; p0 += MR) {
            int rows = Math.min(MR, m - p0);
            int base = dstOff + p0 * kk;
            if (colStride == 1) {
                for (int i = 0; i < rows; i++) {
                    int s = off + (p0 + i) * rowStride;
                    for (int k = 0; k < kk; k++) dst[base + k * MR + i] = src[s + k];
                }
            } else {
                for (int k = 0; k < kk; k++) {
                    int s = off + p0 * rowStride + k * colStride, d = base + k * MR;
                    for (int i = 0; i < rows; i++) dst[d + i] = src[s + i * rowStride];
                }
            }
            for (int i = rows; i < MR; i++) {
                for (int k = 0; k < kk; k++) dst[base + k * MR + i] = 0f;
            }
        }
    }

    /**
     * {@code C = A*B (+ bias) (activation)} or {@code C += A*B} when {@code accumulate}.
     *
     * @param ap      A packed by {@link #packA} at {@code apOff}
     * @param bPadded whether B's columns up to {@code roundUpNb(n)} may be read (their values do not
     *                matter: each C column depends only on its own B column)
     * @param bias    per-row bias read at {@code bias[biasOff + row]}, or null
     */
    static void gemm(int m, int n, int k, float[] ap, int apOff, float[] b, int bOff, int ldb, boolean bPadded,
                     float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, int act, float alpha,
                     Workspace ws) {
        if (k <= K_BLOCK) {
            gemmPart(m, n, k, 0, k, ap, apOff, b, bOff, ldb, bPadded, c, cOff, ldc, accumulate, bias, biasOff, act, alpha, ws);
            return;
        }
        // Long sums in blocks, so that a B strip and an A panel stay in L2; the epilogue runs after the last.
        int blocks = (k + K_BLOCK - 1) / K_BLOCK, step = (k + blocks - 1) / blocks;
        for (int k0 = 0; k0 < k; k0 += step) {
            int kc = Math.min(step, k - k0);
            boolean last = k0 + kc == k;
            gemmPart(m, n, k, k0, kc, ap, apOff, b, bOff, ldb, bPadded, c, cOff, ldc, accumulate || k0 > 0,
                    last ? bias : null, biasOff, last ? act : ACT_NONE, alpha, ws);
        }
    }

    /** Sums {@code kk} in {@code [k0, k0+kc)} of a packed A with {@code k} columns per panel row. */
    private static void gemmPart(int m, int n, int k, int k0, int kc, float[] ap, int apOff, float[] b, int bOff, int ldb,
                                 boolean bPadded, float[] c, int cOff, int ldc, boolean accumulate, float[] bias,
                                 int biasOff, int act, float alpha, Workspace ws) {
        int fullN = n / NB * NB;
        int aBase = apOff + k0 * MR, bBase = bOff + k0 * ldb;
        for (int j = 0; j < fullN; j += NB) {
            for (int p0 = 0; p0 < m; p0 += MR) {
                int rows = Math.min(MR, m - p0);
                if (rows == MR) {
                    tile(kc, ap, aBase + p0 * k, b, bBase + j, ldb, c, cOff + p0 * ldc + j, ldc, accumulate,
                            bias, biasOff + p0, act, alpha);
                } else {
                    edgeTile(rows, NB, kc, ap, aBase + p0 * k, b, bBase + j, ldb, c, cOff + p0 * ldc + j, ldc,
                            accumulate, bias, biasOff + p0, act, alpha, ws);
                }
            }
        }
        if (fullN < n) {
            int rem = n - fullN;
            float[] bt = b;
            int btOff = bBase + fullN, btLd = ldb;
            if (!bPadded) {
                bt = ws.bTail(kc * NB);
                for (int kk = 0; kk < kc; kk++) {
                    System.arraycopy(b, bBase + kk * ldb + fullN, bt, kk * NB, rem);
                    for (int q = rem; q < NB; q++) bt[kk * NB + q] = 0f;
                }
                btOff = 0;
                btLd = NB;
            }
            for (int p0 = 0; p0 < m; p0 += MR) {
                edgeTile(Math.min(MR, m - p0), rem, kc, ap, aBase + p0 * k, bt, btOff, btLd,
                        c, cOff + p0 * ldc + fullN, ldc, accumulate, bias, biasOff + p0, act, alpha, ws);
            }
        }
    }

    /**
     * {@code C = A * B} over full tiles only ({@code m} a multiple of MR, {@code n} of NB), B's row
     * {@code kk} starting at {@code bOff + kOff[kk]}; every B column up to {@code n} must be readable.
     */
    static void gemmIndexed(int m, int n, int k, float[] ap, int apOff, float[] b, int bOff, int[] kOff,
                            float[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j += NB) {
            for (int p0 = 0; p0 < m; p0 += MR) {
                if (VectorSupport.BITS > 0) {
                    GemmMicroKernel8x3.tileIndexed(k, ap, apOff + p0 * k, b, bOff + j, kOff, c, cOff + p0 * ldc + j, ldc);
                } else {
                    ScalarGemmMicroKernel.tileIndexed(k, ap, apOff + p0 * k, b, bOff + j, kOff, c, cOff + p0 * ldc + j, ldc);
                }
            }
        }
    }

    private static void edgeTile(int rows, int cols, int k, float[] ap, int aOff, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff,
                                 int act, float alpha, Workspace ws) {
        float[] t = ws.tile;
        if (accumulate) {
            for (int i = 0; i < rows; i++) System.arraycopy(c, cOff + i * ldc, t, i * NB, cols);
        }
        float[] tb = null;
        if (bias != null) {
            tb = ws.tileBias;
            for (int i = 0; i < MR; i++) tb[i] = i < rows ? bias[biasOff + i] : 0f;
        }
        tile(k, ap, aOff, b, bOff, ldb, t, 0, NB, accumulate, tb, 0, act, alpha);
        for (int i = 0; i < rows; i++) System.arraycopy(t, i * NB, c, cOff + i * ldc, cols);
    }

    private static void tile(int k, float[] ap, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                             boolean accumulate, float[] bias, int biasOff, int act, float alpha) {
        if (VectorSupport.BITS > 0) {
            GemmMicroKernel8x3.tile(k, ap, aOff, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, act, alpha);
        } else {
            ScalarGemmMicroKernel.tile(k, ap, aOff, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, act, alpha);
        }
    }

    /** The epilogue of one value (shared by the scalar kernels). */
    static float activate(float v, int act, float alpha) {
        if (act == ACT_RELU) return v > 0f ? v : (Float.isNaN(v) ? v : 0f);
        if (act == ACT_LEAKY_RELU) return v > 0f ? v : v * alpha;
        return v;
    }
}
