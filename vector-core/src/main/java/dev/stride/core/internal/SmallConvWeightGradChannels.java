package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;

/**
 * {@link SmallConvWeightGrad} with the output channels in the lanes, for layers whose output channels
 * fill most of one vector (LeNet's conv2: 16 channels, 512 bits): for every valid output position
 * {@code p} and patch row {@code kk}, {@code dW[:, kk] += g[:, p] * x[kk][p]}, one FMA of the position's
 * gradient vector by a broadcast input value. Unlike the position-lane kernels (whose rows run over
 * {@code outH * paddedW} "wide" positions rounded up to whole vectors: 144 FMAs a row for LeNet's 100
 * positions) every FMA is a real term, and no lane sums are left at the end.
 *
 * <p>Per chunk of {@link SmallConvWeightGrad#IMAGES_PER_CHUNK} images, the gradient is transposed to
 * position-major vectors ({@code L} floats per position, channels past {@code outChannels} zero) and tiles
 * of {@link #ROWS} patch rows run over all positions of the chunk, their offsets into the padded images
 * held in registers. Each chunk writes its own partial sums, added in chunk order afterwards, so results
 * depend on the vector width, never on the thread count. Loaded only when {@link VectorSupport#BITS} is
 * non-zero.
 */
final class SmallConvWeightGradChannels {
    private SmallConvWeightGradChannels() {}

    /** Patch rows per tile: 8 accumulators and 8 offsets in registers, 9 loads per 8 FMAs. */
    static final int ROWS = 8;

    /** Per thread: [0] padded images, [1] transposed gradients. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);
    /** The calling thread's chunk partials. */
    private static final ThreadLocal<float[][]> PARTIALS = ThreadLocal.withInitial(() -> new float[1][0]);

    /**
     * True when the output channels fit one vector and this kernel's FMAs ({@code K * positions} per image)
     * are fewer than the position-lane tiles' ({@code roundUp(M, 4) * roundUp(K, 4) * wide / L}).
     */
    static boolean better(ConvPlan pl) {
        if (pl.outChannels > L) return false;
        ConvGeometry g = pl.geometry;
        long wide = (long) (g.outH * g.paddedW + L - 1) / L;
        long here = (long) pl.k * pl.n, tiles = (long) roundUp(pl.outChannels, 4) * roundUp(pl.k, 4) * wide;
        return here < tiles;
    }

    static void run(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, float[] gradB, int threads) {
        final int m = pl.outChannels, k = pl.k, chunk = SmallConvWeightGrad.IMAGES_PER_CHUNK;
        final int chunks = (pl.batch + chunk - 1) / chunk;
        // Per chunk: one vector per patch row, then one for the bias.
        final int size = (k + 1) * L;
        float[][] holder = PARTIALS.get();
        if (holder[0].length < chunks * size) holder[0] = new float[chunks * size];
        final float[] partial = holder[0];
        Parallel.forEach(threads, chunks, c -> chunk(pl, x, gradOut, c * chunk, Math.min(pl.batch, (c + 1) * chunk), partial, c * size));
        for (int kk = 0; kk <= k; kk++) {
            if (kk == k && gradB == null) break;
            FloatVector v = FloatVector.fromArray(F, partial, kk * L);
            for (int c = 1; c < chunks; c++) v = v.add(FloatVector.fromArray(F, partial, c * size + kk * L));
            for (int o = 0; o < m; o++) {
                if (kk < k) gradW[o * k + kk] = v.lane(o);
                else gradB[o] = v.lane(o);
            }
        }
    }

    private static void chunk(ConvPlan pl, float[] x, float[] gradOut, int img0, int img1, float[] dst, int dOff) {
        final ConvGeometry geo = pl.geometry;
        final int m = pl.outChannels, k = pl.k, n = pl.n, images = img1 - img0, outImage = pl.outImage();
        final int padImage = pl.inChannels * geo.paddedH * geo.paddedW;
        float[][] scratch = SCRATCH.get();
        int chunk = SmallConvWeightGrad.IMAGES_PER_CHUNK;
        if (scratch[0].length < chunk * padImage) scratch[0] = new float[chunk * padImage];
        if (scratch[1].length < chunk * n * L) scratch[1] = new float[chunk * n * L];
        final float[] padded = scratch[0], gt = scratch[1];
        SmallConvWeightGrad.fillPaddedImages(pl, x, img0, images, padded, padImage);
        // gt[(i*n + p)*L + o] = g[img0 + i][o][p], one masked gather per position (a scalar transpose cost a
        // fifth of the FMAs); lanes o >= m are zero, their sums dropped.
        final int[] channelStride = new int[L];
        for (int o = 0; o < L; o++) channelStride[o] = o < m ? o * n : 0;
        final var live = F.indexInRange(0, m);
        for (int i = 0; i < images; i++) {
            int src = (img0 + i) * outImage, to = i * n * L;
            for (int p = 0; p < n; p++) FloatVector.fromArray(F, gradOut, src + p, channelStride, 0, live).intoArray(gt, to + p * L);
        }
        final int[] off = pl.implicitOffsets;
        for (int k0 = 0; k0 < k; k0 += ROWS) tile(padded, padImage, gt, geo, images, n, off, k0, k, dst, dOff);
        FloatVector bias = FloatVector.zero(F);
        for (int q = 0; q < images * n; q++) bias = bias.add(FloatVector.fromArray(F, gt, q * L));
        bias.intoArray(dst, dOff + k * L);
    }

    /** Patch rows {@code k0 .. k0 + ROWS} (rows past K read row 0 and are not stored) over every position of the chunk. */
    private static void tile(float[] padded, int padImage, float[] gt, ConvGeometry geo, int images, int n, int[] off,
                             int k0, int k, float[] dst, int dOff) {
        final int f0 = off[k0], f1 = off[Math.min(k0 + 1, k - 1)], f2 = off[Math.min(k0 + 2, k - 1)], f3 = off[Math.min(k0 + 3, k - 1)];
        final int f4 = off[Math.min(k0 + 4, k - 1)], f5 = off[Math.min(k0 + 5, k - 1)], f6 = off[Math.min(k0 + 6, k - 1)];
        final int f7 = off[Math.min(k0 + 7, k - 1)];
        final int outH = geo.outH, outW = geo.outW, wp = geo.paddedW;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int i = 0; i < images; i++) {
            for (int oh = 0; oh < outH; oh++) {
                int xb = i * padImage + oh * wp, gb = (i * n + oh * outW) * L;
                for (int ow = 0; ow < outW; ow++) {
                    FloatVector g = FloatVector.fromArray(F, gt, gb + ow * L);
                    int b = xb + ow;
                    a0 = g.fma(FloatVector.broadcast(F, padded[b + f0]), a0);
                    a1 = g.fma(FloatVector.broadcast(F, padded[b + f1]), a1);
                    a2 = g.fma(FloatVector.broadcast(F, padded[b + f2]), a2);
                    a3 = g.fma(FloatVector.broadcast(F, padded[b + f3]), a3);
                    a4 = g.fma(FloatVector.broadcast(F, padded[b + f4]), a4);
                    a5 = g.fma(FloatVector.broadcast(F, padded[b + f5]), a5);
                    a6 = g.fma(FloatVector.broadcast(F, padded[b + f6]), a6);
                    a7 = g.fma(FloatVector.broadcast(F, padded[b + f7]), a7);
                }
            }
        }
        int d = dOff + k0 * L, rows = Math.min(ROWS, k - k0);
        // Written out rather than a loop over an array of vectors, which C2 would box.
        a0.intoArray(dst, d);
        if (rows > 1) a1.intoArray(dst, d + L);
        if (rows > 2) a2.intoArray(dst, d + 2 * L);
        if (rows > 3) a3.intoArray(dst, d + 3 * L);
        if (rows > 4) a4.intoArray(dst, d + 4 * L);
        if (rows > 5) a5.intoArray(dst, d + 5 * L);
        if (rows > 6) a6.intoArray(dst, d + 6 * L);
        if (rows > 7) a7.intoArray(dst, d + 7 * L);
    }

    private static int roundUp(int v, int q) { return (v + q - 1) / q * q; }
}
