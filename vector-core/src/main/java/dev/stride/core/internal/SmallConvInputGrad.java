package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;

/**
 * Input gradient of a small stride-1 convolution (LeNet's 6->16 5x5 on 14x14) without the generic
 * path's "full" convolution, which for such shapes reads mostly zero padding of the output gradient.
 *
 * <p>Over "virtual" positions {@code q = oh*paddedW + ow} ({@code ow < paddedW}), the forward read
 * patch row {@code kk = (c, kh, kw)} at {@code padded[off(kk) + q]}, so its adjoint adds
 * {@code col[kk][q] = sum_o w[o][kk] * g[o][q]} into a padded gradient image at the same offsets: one
 * contiguous vector add per patch row and position block. {@code col} is computed in registers by a
 * 6 (patch rows) x 3 (position vectors) tile of accumulators over the output channels: 9 loads per
 * 18 FMAs. The output gradient is first copied into the virtual layout with zeros at
 * {@code ow >= outW}, so those lanes add exact zeros (weights are required to be finite, see
 * {@link #applies}). The padded gradient is then folded onto the input through the padding maps.
 *
 * <p>Threads: one task per image, writing only its image; every cell is summed in a fixed order
 * (position block, then patch row ascending), whatever the thread count. Workspace per thread: the
 * virtual output gradient ({@code outChannels * roundUp(outH*paddedW, 3 lanes)} floats) and one padded
 * gradient image; on the calling thread, the packed transposed weights. Loaded only when {@link VectorSupport#BITS}
 * is non-zero.
 */
final class SmallConvInputGrad {
    private SmallConvInputGrad() {}

    private static final int ROWS = 6, VECS = 3;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);
    /** The calling thread's packed transposed weights, reused across calls (image tasks only read them). */
    private static final ThreadLocal<float[][]> PACKED = ThreadLocal.withInitial(() -> new float[1][0]);

    /** As {@link SmallConvWeightGrad#applies}, and every weight finite (an infinite weight times a zero lane would add NaN). */
    static boolean applies(ConvPlan pl, float[] w) {
        if (!SmallConvWeightGrad.applies(pl)) return false;
        for (float v : w) if (!Float.isFinite(v)) return false;
        return true;
    }

    /** Adds the input gradient into {@code gradIn} (zeroed by the caller). */
    static void run(ConvPlan pl, float[] gradOut, float[] w, float[] gradIn, int threads) {
        final int m = pl.outChannels, k = pl.k, kPad = (k + ROWS - 1) / ROWS * ROWS;
        // wt[(kk0/ROWS)*m*ROWS + o*ROWS + j] = w[o][kk0 + j]: six broadcasts per output channel from one line.
        float[][] holder = PACKED.get();
        if (holder[0].length < kPad * m) holder[0] = new float[kPad * m];
        final float[] wt = holder[0];
        // Entries past K only feed patch rows that are never added (k0 + j >= k); zeroed all the same.
        java.util.Arrays.fill(wt, 0, kPad * m, 0f);
        for (int kk = 0; kk < k; kk++) {
            int base = kk / ROWS * m * ROWS + kk % ROWS;
            for (int o = 0; o < m; o++) wt[base + o * ROWS] = w[o * k + kk];
        }
        Parallel.forEach(threads, pl.batch, img -> image(pl, gradOut, wt, kPad, gradIn, img));
    }

    private static void image(ConvPlan pl, float[] gradOut, float[] wt, int kPad, float[] gradIn, int img) {
        final ConvGeometry g = pl.geometry;
        final int m = pl.outChannels, k = pl.k, n = pl.n, outH = g.outH, outW = g.outW, wp = g.paddedW, hp = g.paddedH;
        final int vn = outH * wp, block = VECS * L, vPad = (vn + block - 1) / block * block;
        final int plane = hp * wp, cin = pl.inChannels, padImage = cin * plane + vPad;
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < m * vPad) scratch[0] = new float[m * vPad];
        if (scratch[1].length < padImage) scratch[1] = new float[padImage];
        final float[] gv = scratch[0], dp = scratch[1];
        java.util.Arrays.fill(gv, 0, m * vPad, 0f);
        int gOff = img * pl.outImage();
        for (int o = 0; o < m; o++) {
            for (int oh = 0; oh < outH; oh++) SmallConvWeightGrad.copyRow(gradOut, gOff + o * n + oh * outW, gv, o * vPad + oh * wp, outW);
        }
        java.util.Arrays.fill(dp, 0, padImage, 0f);
        final int[] off = pl.implicitOffsets;
        for (int q0 = 0; q0 < vPad; q0 += block) {
            for (int k0 = 0; k0 < kPad; k0 += ROWS) tile(gv, vPad, wt, k0 * m, m, q0, off, k0, k, dp);
        }
        // Fold the padded gradient onto the input: cells the forward read more than once accumulate.
        int inPlane = g.inH * g.inW;
        if (g.paddedH == g.inH && g.paddedW == g.inW) {
            // No padding: the padded planes are the input's, cell for cell.
            int dst = img * pl.inImage(), len = cin * plane, c = 0;
            for (; c <= len - L; c += L) {
                FloatVector.fromArray(F, gradIn, dst + c).add(FloatVector.fromArray(F, dp, c)).intoArray(gradIn, dst + c);
            }
            for (; c < len; c++) gradIn[dst + c] += dp[c];
            return;
        }
        for (int c = 0; c < cin; c++) {
            int src = c * plane, dst = img * pl.inImage() + c * inPlane;
            for (int ph = 0; ph < hp; ph++) {
                int r = g.rowMap[ph];
                if (r < 0) continue;
                int row = dst + r * g.inW, prow = src + ph * wp;
                for (int pw = 0; pw < wp; pw++) {
                    int col = g.colMap[pw];
                    if (col >= 0) gradIn[row + col] += dp[prow + pw];
                }
            }
        }
    }

    private static void tile(float[] gv, int vPad, float[] wt, int wBase, int m, int q0, int[] off, int k0, int k, float[] dp) {
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a02 = a00, a10 = a00, a11 = a00, a12 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a30 = a00, a31 = a00, a32 = a00;
        FloatVector a40 = a00, a41 = a00, a42 = a00, a50 = a00, a51 = a00, a52 = a00;
        for (int o = 0; o < m; o++) {
            int gb = o * vPad + q0, wb = wBase + o * ROWS;
            FloatVector g0 = FloatVector.fromArray(F, gv, gb);
            FloatVector g1 = FloatVector.fromArray(F, gv, gb + L);
            FloatVector g2 = FloatVector.fromArray(F, gv, gb + 2 * L);
            FloatVector b = FloatVector.broadcast(F, wt[wb]);
            a00 = b.fma(g0, a00); a01 = b.fma(g1, a01); a02 = b.fma(g2, a02);
            b = FloatVector.broadcast(F, wt[wb + 1]);
            a10 = b.fma(g0, a10); a11 = b.fma(g1, a11); a12 = b.fma(g2, a12);
            b = FloatVector.broadcast(F, wt[wb + 2]);
            a20 = b.fma(g0, a20); a21 = b.fma(g1, a21); a22 = b.fma(g2, a22);
            b = FloatVector.broadcast(F, wt[wb + 3]);
            a30 = b.fma(g0, a30); a31 = b.fma(g1, a31); a32 = b.fma(g2, a32);
            b = FloatVector.broadcast(F, wt[wb + 4]);
            a40 = b.fma(g0, a40); a41 = b.fma(g1, a41); a42 = b.fma(g2, a42);
            b = FloatVector.broadcast(F, wt[wb + 5]);
            a50 = b.fma(g0, a50); a51 = b.fma(g1, a51); a52 = b.fma(g2, a52);
        }
        // Written out rather than a helper taking vectors: past C2's inlining budget a helper call
        // would box its vector arguments.
        int d;
        if (k0 < k) {
            d = off[k0] + q0;
            FloatVector.fromArray(F, dp, d).add(a00).intoArray(dp, d);
            FloatVector.fromArray(F, dp, d + L).add(a01).intoArray(dp, d + L);
            FloatVector.fromArray(F, dp, d + 2 * L).add(a02).intoArray(dp, d + 2 * L);
        }
        if (k0 + 1 < k) {
            d = off[k0 + 1] + q0;
            FloatVector.fromArray(F, dp, d).add(a10).intoArray(dp, d);
            FloatVector.fromArray(F, dp, d + L).add(a11).intoArray(dp, d + L);
            FloatVector.fromArray(F, dp, d + 2 * L).add(a12).intoArray(dp, d + 2 * L);
        }
        if (k0 + 2 < k) {
            d = off[k0 + 2] + q0;
            FloatVector.fromArray(F, dp, d).add(a20).intoArray(dp, d);
            FloatVector.fromArray(F, dp, d + L).add(a21).intoArray(dp, d + L);
            FloatVector.fromArray(F, dp, d + 2 * L).add(a22).intoArray(dp, d + 2 * L);
        }
        if (k0 + 3 < k) {
            d = off[k0 + 3] + q0;
            FloatVector.fromArray(F, dp, d).add(a30).intoArray(dp, d);
            FloatVector.fromArray(F, dp, d + L).add(a31).intoArray(dp, d + L);
            FloatVector.fromArray(F, dp, d + 2 * L).add(a32).intoArray(dp, d + 2 * L);
        }
        if (k0 + 4 < k) {
            d = off[k0 + 4] + q0;
            FloatVector.fromArray(F, dp, d).add(a40).intoArray(dp, d);
            FloatVector.fromArray(F, dp, d + L).add(a41).intoArray(dp, d + L);
            FloatVector.fromArray(F, dp, d + 2 * L).add(a42).intoArray(dp, d + 2 * L);
        }
        if (k0 + 5 < k) {
            d = off[k0 + 5] + q0;
            FloatVector.fromArray(F, dp, d).add(a50).intoArray(dp, d);
            FloatVector.fromArray(F, dp, d + L).add(a51).intoArray(dp, d + L);
            FloatVector.fromArray(F, dp, d + 2 * L).add(a52).intoArray(dp, d + 2 * L);
        }
    }
}
