package dev.stride.core.internal;

/**
 * The linear forward {@code y[M x N] = x[M x K] W[N x K]^T (+ b)} computed as {@code y^T = W x^T}, so
 * that the weight, the large operand, is read in place and only the input is packed.
 *
 * <p>Why this orientation: a broadcast-FMA kernel needs one operand k-major. Transposing the weight
 * ({@code N*K} floats, 64 MB for 4096 x 4096) per call costs as much as half the multiply; the input
 * is {@code N} times smaller than the work ({@code M*K} floats). Weights may change between calls
 * (training), so nothing about them is cached.
 *
 * <p>Steps: (1) the input is packed on the calling thread into panels of {@link #NC} rows, k-major
 * ({@code xt[p*NC*K + k*NC + j] = x[p*NC + j][k]}, zero rows past M; a last panel of at most NC/2 rows
 * is NC/2 wide and runs {@link LinearMicroKernel6x2}, so a batch of 32 does not multiply 32 zero rows at
 * 512 bits); (2) tasks take contiguous blocks
 * of weight rows and, per {@link #KC}-long slice of k, run {@link LinearMicroKernel6x4} tiles of 6
 * weight rows x NC input rows into a task-private {@code C^T} block (the slice of B, {@code KC x NC},
 * stays in L1 across the block's tiles; the weight is streamed once); (3) each task transposes its
 * {@code C^T} block into y's columns, adding the bias (16 x 16 blocks in registers at 512 bits). Weight rows past N in the last tile come from a
 * zero-padded copy of the last rows.
 *
 * <p>Summation order: every y element is one k-ascending FMA chain started from zero (stored and
 * reloaded between k slices, which does not round), then {@code + b}. It does not depend on the task
 * split, so the split may depend on the thread count and results stay bitwise identical.
 */
final class TransposedLinear {
    private TransposedLinear() {}

    /** Floats per vector (1 on the scalar path). */
    static final int VL = VectorSupport.BITS == 0 ? 1 : VectorSupport.BITS / 32;
    /** Weight rows of a tile. */
    static final int RW = 6;
    /** Input rows of a tile (the panel width): four vectors. */
    static final int NC = VectorSupport.BITS == 0 ? 8 : 4 * VL;
    /** Length of a k slice: a {@code KC x NC} slice of the packed input is 64 KB at 512 bits (L1/L2); measured 128..512 within noise on 64x4096->4096. */
    static final int KC = 256;
    /** Tiles of weight rows per task at most (the task's C^T block stays within L1/L2). */
    private static final int TILES_PER_TASK = 8;

    /** Width of a narrow last panel ({@link LinearMicroKernel6x2}): two vectors. */
    static final int NC_NARROW = NC / 2;

    private static final int[] ROW_OFFSETS = new int[16], ROW_OFFSETS_NARROW = new int[16];

    static {
        for (int t = 0; t < 16; t++) {
            ROW_OFFSETS[t] = t * NC;
            ROW_OFFSETS_NARROW[t] = t * NC_NARROW;
        }
    }

    /** Width of the panel starting at input row {@code p0}: NC, or NC/2 for a last panel of at most NC/2 rows. */
    static int panelWidth(int m, int p0) { return m - p0 > NC_NARROW ? NC : NC_NARROW; }

    /** Padded input rows over all panels: the packed input holds {@code k * paddedRows(m)} floats. */
    static int paddedRows(int m) { return m / NC * NC + (m % NC == 0 ? 0 : panelWidth(m, m / NC * NC)); }

    private static final class Scratch {
        float[] xt = new float[0], acc = new float[0], wTail = new float[0];
        final int[] offsets = new int[16];

        float[] xt(int n) { if (xt.length < n) xt = new float[n]; return xt; }
        float[] acc(int n) { if (acc.length < n) acc = new float[n]; return acc; }
        float[] wTail(int n) { if (wTail.length < n) wTail = new float[n]; return wTail; }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * {@code y[r*n + o] = sum_k x[r*k + kk] * w[o*k + kk] (+ bias[o])} for {@code r < m}, {@code o < n}.
     * {@code threads} bounds the tasks run at once; the result does not depend on it.
     */
    static void forward(float[] x, int m, int k, float[] w, int n, float[] bias, float[] y, int threads) {
        final int panels = (m + NC - 1) / NC, mp = paddedRows(m);
        final float[] xt = SCRATCH.get().xt(mp * k);
        packInput(x, m, k, xt);
        final int tiles = (n + RW - 1) / RW;
        int tasks = Math.max(1, (tiles + TILES_PER_TASK - 1) / TILES_PER_TASK);
        if (threads > 1) tasks = (tasks + threads - 1) / threads * threads;
        final int taskCount = Math.min(tasks, tiles);
        Parallel.forEach(threads, taskCount, task -> {
            int t0 = (int) ((long) tiles * task / taskCount), t1 = (int) ((long) tiles * (task + 1) / taskCount);
            block(xt, m, k, panels, w, n, t0, t1, bias, y);
        });
    }

    /** Tiles {@code [t0, t1)} of weight rows: all k slices into a C^T block, then its transpose into y. */
    private static void block(float[] xt, int m, int k, int panels, float[] w, int n, int t0, int t1,
                              float[] bias, float[] y) {
        final int mp = paddedRows(m), o0 = t0 * RW, rowsPadded = (t1 - t0) * RW, rows = Math.min(n, t1 * RW) - o0;
        Scratch s = SCRATCH.get();
        float[] acc = s.acc(rowsPadded * mp);
        float[] tail = null;
        if (rows < rowsPadded) {
            int valid = rows - (rowsPadded - RW);
            tail = s.wTail(RW * k);
            System.arraycopy(w, (o0 + rowsPadded - RW) * k, tail, 0, valid * k);
            java.util.Arrays.fill(tail, valid * k, RW * k, 0f);
        }
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            boolean accumulate = k0 > 0;
            for (int t = t0; t < t1; t++) {
                float[] a = w;
                int aOff = t * RW * k + k0;
                if (tail != null && t == t1 - 1) {
                    a = tail;
                    aOff = k0;
                }
                int cRow = (t - t0) * RW * mp;
                for (int p = 0; p < panels; p++) {
                    int width = panelWidth(m, p * NC);
                    tile(kc, a, aOff, k, xt, p * NC * k + k0 * width, width, acc, cRow + p * NC, mp, accumulate);
                }
            }
        }
        if (k == 0) java.util.Arrays.fill(acc, 0, rowsPadded * mp, 0f);
        int fastRows = 0, fastCols = 0;
        if (VectorSupport.BITS == 512 && rows >= 16 && m >= 16) {
            fastRows = m / 16 * 16;
            fastCols = rows / 16 * 16;
            int[] off = s.offsets;
            for (int t = 0; t < 16; t++) off[t] = t * n;
            for (int r0 = 0; r0 < fastRows; r0 += 16) {
                for (int c0 = 0; c0 < fastCols; c0 += 16) {
                    Transpose16.transpose(acc, c0 * mp + r0, mp, y, r0 * n + o0 + c0, off, 0);
                    if (bias != null) BiasRows.add16x16(y, r0 * n + o0 + c0, n, bias, o0 + c0);
                }
            }
        }
        for (int r = 0; r < m; r++) {
            int yRow = r * n + o0, from = r < fastRows ? fastCols : 0;
            if (bias == null) {
                for (int o = from; o < rows; o++) y[yRow + o] = acc[o * mp + r];
            } else {
                for (int o = from; o < rows; o++) y[yRow + o] = acc[o * mp + r] + bias[o0 + o];
            }
        }
    }

    private static void tile(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int width, float[] c, int cOff,
                             int ldc, boolean accumulate) {
        if (VectorSupport.BITS == 0) {
            ScalarGemmMicroKernel.linearTile(kc, a, aOff, lda, b, bOff, width, c, cOff, ldc, accumulate);
        } else if (width == NC) {
            LinearMicroKernel6x4.tile(kc, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
        } else {
            LinearMicroKernel6x2.tile(kc, a, aOff, lda, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    /**
     * {@code xt[p*NC*k + kk*width + j] = x[(p*NC + j)*k + kk]} with {@code width = panelWidth(m, p*NC)}, zero
     * for rows past m.
     */
    static void packInput(float[] x, int m, int k, float[] xt) {
        for (int p0 = 0; p0 < m; p0 += NC) {
            int rows = Math.min(NC, m - p0), base = p0 * k, width = panelWidth(m, p0);
            int[] offsets = width == NC ? ROW_OFFSETS : ROW_OFFSETS_NARROW;
            int fast = VectorSupport.BITS == 512 ? rows / 16 * 16 : 0, kFast = VectorSupport.BITS == 512 ? k / 16 * 16 : 0;
            for (int g = 0; g < fast; g += 16) {
                for (int k0 = 0; k0 < kFast; k0 += 16) {
                    Transpose16.transpose(x, (p0 + g) * k + k0, k, xt, base + k0 * width + g, offsets, 0);
                }
            }
            for (int j = 0; j < rows; j++) {
                int src = (p0 + j) * k, from = j < fast ? kFast : 0;
                for (int kk = from; kk < k; kk++) xt[base + kk * width + j] = x[src + kk];
            }
            for (int kk = 0; kk < k; kk++) {
                for (int j = rows; j < width; j++) xt[base + kk * width + j] = 0f;
            }
        }
    }
}
