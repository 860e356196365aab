package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;

/**
 * Weight and bias gradients of a small stride-1 convolution (few channels, short patches: LeNet's
 * 1->6 and 6->16 5x5), as dot products along the output positions:
 * {@code dW[o][kk] = sum over images and positions p of g[o][p] * patch[kk][p]}.
 *
 * <p>The generic paths pad such an {@code outChannels x K} result to the GEMM's 8x48 tiles, or read
 * one output row (10 or 28 wide) per masked vector. Here each image's patch matrix ({@code K x N},
 * rows padded with zeros to whole vectors) and its output gradient ({@code outChannels x N}, same
 * padding) are copied into per-thread buffers, and a 4 x 4 tile of (output channel, patch row)
 * accumulators runs along all positions of all images of a chunk: 8 vector loads per 16 FMAs, no
 * masks. Lanes are summed once per chunk by a fixed tree ({@link VectorRowSums#sumLanes}).
 *
 * <p>Threads and order: tasks are fixed chunks of {@link #IMAGES_PER_CHUNK} images; each writes its own
 * partial sums, added afterwards in chunk order. Results depend on the vector width, never on the
 * thread count. Workspace per thread: {@code IMAGES_PER_CHUNK * (roundUp(K, 4) + roundUp(outChannels, 4))
 * * roundUp(N, lanes)} floats, and on the calling thread one partial per chunk (reused across calls).
 * Loaded only when {@link VectorSupport#BITS} is non-zero.
 */
final class SmallConvWeightGrad {
    private SmallConvWeightGrad() {}

    static final int IMAGES_PER_CHUNK = 8;
    private static final int TILE = 4;

    /** Largest channel count and patch size taken here; bigger layers fill the GEMM's tiles well. */
    static final int MAX_CHANNELS = 32, MAX_PATCH = 512, MAX_POSITIONS = 4096;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    /**
     * The calling thread's chunk partials, reused: a new array per call was most of a training step's
     * allocation on LeNet (313 KB per conv2 backward of 16 images). The chunk tasks of one call write
     * disjoint parts of it; the caller reads it back before returning.
     */
    private static final ThreadLocal<float[][]> PARTIALS = ThreadLocal.withInitial(() -> new float[1][0]);

    private static float[] partials(int size) {
        float[][] holder = PARTIALS.get();
        if (holder[0].length < size) holder[0] = new float[size];
        return holder[0];
    }

    /** Stride-1, one-group convolutions with at most 32 output channels, patches of at most 512 and 4096 output positions. */
    static boolean applies(ConvPlan pl) {
        return VectorSupport.BITS > 0 && pl.groups == 1 && pl.path == ConvPlan.Path.IMPLICIT_GEMM
                && pl.outChannels <= MAX_CHANNELS && pl.k <= MAX_PATCH && pl.n <= MAX_POSITIONS;
    }

    /** Writes {@code gradW} ({@code [outChannels, K]}) and, if non-null, {@code gradB}. */
    static void run(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, float[] gradB, int threads) {
        if (SmallConvWeightGradChannels.better(pl)) {
            SmallConvWeightGradChannels.run(pl, x, gradOut, gradW, gradB, threads);
            return;
        }
        final int m = pl.outChannels, k = pl.k, mPad = roundUp(m, TILE), kPad = roundUp(k, TILE);
        final int chunks = (pl.batch + IMAGES_PER_CHUNK - 1) / IMAGES_PER_CHUNK;
        // Per chunk, the lane vectors of every (o, kk) entry (patch rows kPad, then a bias row).
        final int size = mPad * (kPad + 1) * L;
        final float[] partial = partials(chunks * size);
        Parallel.forEach(threads, chunks, c -> chunk(pl, x, gradOut, c * IMAGES_PER_CHUNK,
                Math.min(pl.batch, (c + 1) * IMAGES_PER_CHUNK), partial, c * size));
        for (int o = 0; o < m; o++) {
            for (int kk = 0; kk < k; kk++) gradW[o * k + kk] = total(partial, chunks, size, (o * (kPad + 1) + kk) * L);
            if (gradB != null) gradB[o] = total(partial, chunks, size, (o * (kPad + 1) + kPad) * L);
        }
    }

    /**
     * Chunk vectors added in chunk order, then the lanes by a fixed pairwise tree (lane i plus lane i + L/2,
     * ...). Vector adds: done lane by lane in scalars, this cost as much as all of conv2's FMAs.
     */
    private static float total(float[] partial, int chunks, int size, int off) {
        FloatVector v = FloatVector.fromArray(F, partial, off);
        for (int c = 1; c < chunks; c++) v = v.add(FloatVector.fromArray(F, partial, c * size + off));
        return VectorRowSums.sumLanes(v);
    }

    private static void chunk(ConvPlan pl, float[] x, float[] gradOut, int img0, int img1, float[] dst, int dOff) {
        final ConvGeometry geo = pl.geometry;
        final int m = pl.outChannels, k = pl.k, n = pl.n, images = img1 - img0;
        final int nPad = (n + L - 1) / L * L, mPad = roundUp(m, TILE), kPad = roundUp(k, TILE);
        // Rows hold every image of the chunk one after another, so one flat loop runs a whole tile.
        final int row = IMAGES_PER_CHUNK * nPad, len = images * nPad;
        final int outW = geo.outW, outH = geo.outH, wp = geo.paddedW, plane = geo.paddedH * wp;
        // The slack past the planes covers the shifted path's reads (see shifted): L + the kernel's width span.
        final int cin = pl.inChannels, padImage = cin * plane + 2 * L + geo.dilationW * (geo.kernelW - 1);
        float[][] scratch = SCRATCH.get();
        // xc has 2L floats of slack: a row's last whole-vector copy may run past its end.
        if (scratch[2].length < images * padImage) scratch[2] = new float[IMAGES_PER_CHUNK * padImage];
        final float[] padded = scratch[2];
        final int inImage = pl.inImage(), outImage = pl.outImage(), inPlane = geo.inH * geo.inW;
        fillPaddedImages(pl, x, img0, images, padded, padImage);
        if (allFinite(padded, images * padImage)) {
            shifted(pl, gradOut, img0, images, padded, padImage, dst, dOff);
            return;
        }
        if (scratch[0].length < kPad * row + 2 * L) scratch[0] = new float[kPad * row + 2 * L];
        if (scratch[1].length < mPad * row) scratch[1] = new float[mPad * row];
        final float[] xc = scratch[0], gc = scratch[1];
        // Rows past K and M only feed dropped sums; zeroed anyway so that a stale NaN cannot matter.
        // The position tails (n..nPad) must be zero: they enter every sum.
        java.util.Arrays.fill(xc, k * row, kPad * row + 2 * L, 0f);
        java.util.Arrays.fill(gc, 0, mPad * row, 0f);
        for (int i = 0; i < images; i++) {
            int img = img0 + i;
            for (int o = 0; o < m; o++) System.arraycopy(gradOut, img * outImage + o * n, gc, o * row + i * nPad, n);
        }
        // The patch rows: output row oh of patch row kk is padded[off(kk) + oh*paddedW ...][0, outW). Whole
        // vectors are copied in ascending order, so each copy's spill past outW is overwritten by the next
        // row, and the last one's by the zeroed tail (or by the next image, written after it).
        final int[] off = pl.implicitOffsets;
        for (int kk = 0; kk < k; kk++) {
            for (int i = 0; i < images; i++) {
                int src = i * padImage + off[kk], to = kk * row + i * nPad;
                for (int oh = 0; oh < outH; oh++) {
                    int s = src + oh * wp, d = to + oh * outW;
                    for (int c = 0; c < outW; c += L) FloatVector.fromArray(F, padded, s + c).intoArray(xc, d + c);
                }
                java.util.Arrays.fill(xc, to + n, to + nPad, 0f);
            }
            java.util.Arrays.fill(xc, kk * row + images * nPad, (kk + 1) * row, 0f);
        }
        for (int o0 = 0; o0 < mPad; o0 += TILE) {
            for (int k0 = 0; k0 < kPad; k0 += TILE) tile(xc, gc, row, len, o0, k0, kPad, dst, dOff);
        }
        for (int o = 0; o < m; o++) {
            FloatVector a = FloatVector.zero(F);
            for (int p = 0; p < len; p += L) a = a.add(FloatVector.fromArray(F, gc, o * row + p));
            a.intoArray(dst, dOff + (o * (kPad + 1) + kPad) * L);
        }
    }

    /**
     * Images {@code img0 ..} of {@code x} into {@code padded}, {@code padImage} floats apart: the padded
     * planes, then zeros up to the next image.
     */
    static void fillPaddedImages(ConvPlan pl, float[] x, int img0, int images, float[] padded, int padImage) {
        final ConvGeometry geo = pl.geometry;
        final int cin = pl.inChannels, plane = geo.paddedH * geo.paddedW, inImage = pl.inImage(), inPlane = geo.inH * geo.inW;
        final boolean unpadded = geo.paddedH == geo.inH && geo.paddedW == geo.inW;
        for (int i = 0; i < images; i++) {
            int img = img0 + i;
            if (unpadded) {
                // The padded planes are the image's own (contiguous) planes: one copy, not one per row.
                System.arraycopy(x, img * inImage, padded, i * padImage, cin * plane);
            } else {
                for (int c = 0; c < cin; c++) DepthwiseConv.fillPadded(x, img * inImage + c * inPlane, geo, padded, i * padImage + c * plane);
            }
            java.util.Arrays.fill(padded, i * padImage + cin * plane, (i + 1) * padImage, 0f);
        }
    }

    /**
     * {@code dst[d, d + len) = src[s, s + len)} by vectors, the last one masked: the rows copied here are
     * a few floats long (LeNet's 10 and 28), where System.arraycopy's call costs more than the copy.
     */
    static void copyRow(float[] src, int s, float[] dst, int d, int len) {
        int c = 0;
        for (; c <= len - L; c += L) FloatVector.fromArray(F, src, s + c).intoArray(dst, d + c);
        if (c < len) {
            var tail = F.indexInRange(c, len);
            FloatVector.fromArray(F, src, s + c, tail).intoArray(dst, d + c, tail);
        }
    }

    /** True when no value in {@code a[0, len)} is infinite or NaN ({@code v - v} is 0 exactly for the finite ones). */
    private static boolean allFinite(float[] a, int len) {
        FloatVector acc = FloatVector.zero(F);
        int p = 0;
        for (; p <= len - L; p += L) {
            FloatVector v = FloatVector.fromArray(F, a, p);
            acc = acc.add(v.sub(v));
        }
        float t = 0f;
        for (; p < len; p++) t += a[p] - a[p];
        for (int l = 0; l < L; l++) t += acc.lane(l);
        return t == 0f;
    }

    /**
     * The chunk's sums without a patch matrix. Over "wide" positions {@code q = oh * paddedW + ow} (all
     * padded columns, not only the {@code outW} valid ones), patch row {@code kk} of an image is the
     * contiguous run {@code padded[offset(kk) + q]}; the gradient rows are spread to the same wide layout
     * with zeros in the columns {@code ow >= outW} and in the tail. So the tiles read the padded images
     * directly and nothing is copied per patch row (that copy cost more than the FMAs for LeNet's conv2).
     * The zero gradients meet real input values there, which is exact only when those are finite: the
     * caller checks that and otherwise copies the patch rows. Reads reach {@code offset(kk) + roundUp(outH
     * * paddedW, L)}, at most {@code dilationW * (kernelW - 1) + L} past an image's planes (the slack).
     */
    private static void shifted(ConvPlan pl, float[] gradOut, int img0, int images, float[] padded, int padImage,
                                float[] dst, int dOff) {
        final ConvGeometry geo = pl.geometry;
        final int m = pl.outChannels, k = pl.k, n = pl.n, mPad = roundUp(m, TILE), kPad = roundUp(k, TILE);
        final int outW = geo.outW, outH = geo.outH, wp = geo.paddedW;
        final int wide = roundUp(outH * wp, L), row = IMAGES_PER_CHUNK * wide, outImage = pl.outImage();
        float[][] scratch = SCRATCH.get();
        if (scratch[1].length < mPad * row) scratch[1] = new float[mPad * row];
        final float[] gc = scratch[1];
        java.util.Arrays.fill(gc, 0, mPad * row, 0f);
        for (int i = 0; i < images; i++) {
            int img = img0 + i;
            for (int o = 0; o < m; o++) {
                for (int oh = 0; oh < outH; oh++) {
                    copyRow(gradOut, img * outImage + o * n + oh * outW, gc, o * row + i * wide + oh * wp, outW);
                }
            }
        }
        // Patch rows past K only feed dropped sums; they read patch row 0.
        final int[] offsets = new int[kPad];
        System.arraycopy(pl.implicitOffsets, 0, offsets, 0, k);
        for (int o0 = 0; o0 < mPad; o0 += TILE) {
            for (int k0 = 0; k0 < kPad; k0 += TILE) wideTile(padded, padImage, offsets, gc, row, wide, images, o0, k0, kPad, dst, dOff);
        }
        for (int o = 0; o < m; o++) {
            FloatVector a = FloatVector.zero(F);
            for (int p = 0; p < images * wide; p += L) a = a.add(FloatVector.fromArray(F, gc, o * row + p));
            a.intoArray(dst, dOff + (o * (kPad + 1) + kPad) * L);
        }
    }

    private static void wideTile(float[] padded, int padImage, int[] offsets, float[] gc, int row, int wide, int images,
                                 int o0, int k0, int kPad, float[] dst, int dOff) {
        FloatVector z = FloatVector.zero(F);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z;
        FloatVector a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z;
        final int f0 = offsets[k0], f1 = offsets[k0 + 1], f2 = offsets[k0 + 2], f3 = offsets[k0 + 3];
        for (int i = 0; i < images; i++) {
            int gb = o0 * row + i * wide, xb = i * padImage;
            for (int p = 0; p < wide; p += L) {
                FloatVector g0 = FloatVector.fromArray(F, gc, gb + p);
                FloatVector g1 = FloatVector.fromArray(F, gc, gb + row + p);
                FloatVector g2 = FloatVector.fromArray(F, gc, gb + 2 * row + p);
                FloatVector g3 = FloatVector.fromArray(F, gc, gb + 3 * row + p);
                FloatVector x0 = FloatVector.fromArray(F, padded, xb + f0 + p);
                a00 = g0.fma(x0, a00); a10 = g1.fma(x0, a10); a20 = g2.fma(x0, a20); a30 = g3.fma(x0, a30);
                FloatVector x1 = FloatVector.fromArray(F, padded, xb + f1 + p);
                a01 = g0.fma(x1, a01); a11 = g1.fma(x1, a11); a21 = g2.fma(x1, a21); a31 = g3.fma(x1, a31);
                FloatVector x2 = FloatVector.fromArray(F, padded, xb + f2 + p);
                a02 = g0.fma(x2, a02); a12 = g1.fma(x2, a12); a22 = g2.fma(x2, a22); a32 = g3.fma(x2, a32);
                FloatVector x3 = FloatVector.fromArray(F, padded, xb + f3 + p);
                a03 = g0.fma(x3, a03); a13 = g1.fma(x3, a13); a23 = g2.fma(x3, a23); a33 = g3.fma(x3, a33);
            }
        }
        int r0 = dOff + (o0 * (kPad + 1) + k0) * L, r1 = r0 + (kPad + 1) * L, r2 = r1 + (kPad + 1) * L, r3 = r2 + (kPad + 1) * L;
        a00.intoArray(dst, r0); a01.intoArray(dst, r0 + L); a02.intoArray(dst, r0 + 2 * L); a03.intoArray(dst, r0 + 3 * L);
        a10.intoArray(dst, r1); a11.intoArray(dst, r1 + L); a12.intoArray(dst, r1 + 2 * L); a13.intoArray(dst, r1 + 3 * L);
        a20.intoArray(dst, r2); a21.intoArray(dst, r2 + L); a22.intoArray(dst, r2 + 2 * L); a23.intoArray(dst, r2 + 3 * L);
        a30.intoArray(dst, r3); a31.intoArray(dst, r3 + L); a32.intoArray(dst, r3 + 2 * L); a33.intoArray(dst, r3 + 3 * L);
    }

    private static void tile(float[] xc, float[] gc, int row, int len, int o0, int k0, int kPad, float[] dst, int dOff) {
        FloatVector z = FloatVector.zero(F);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z;
        FloatVector a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z;
        int gb = o0 * row, xb = k0 * row;
        for (int p = 0; p < len; p += L) {
            FloatVector g0 = FloatVector.fromArray(F, gc, gb + p);
            FloatVector g1 = FloatVector.fromArray(F, gc, gb + row + p);
            FloatVector g2 = FloatVector.fromArray(F, gc, gb + 2 * row + p);
            FloatVector g3 = FloatVector.fromArray(F, gc, gb + 3 * row + p);
            FloatVector x0 = FloatVector.fromArray(F, xc, xb + p);
            a00 = g0.fma(x0, a00); a10 = g1.fma(x0, a10); a20 = g2.fma(x0, a20); a30 = g3.fma(x0, a30);
            FloatVector x1 = FloatVector.fromArray(F, xc, xb + row + p);
            a01 = g0.fma(x1, a01); a11 = g1.fma(x1, a11); a21 = g2.fma(x1, a21); a31 = g3.fma(x1, a31);
            FloatVector x2 = FloatVector.fromArray(F, xc, xb + 2 * row + p);
            a02 = g0.fma(x2, a02); a12 = g1.fma(x2, a12); a22 = g2.fma(x2, a22); a32 = g3.fma(x2, a32);
            FloatVector x3 = FloatVector.fromArray(F, xc, xb + 3 * row + p);
            a03 = g0.fma(x3, a03); a13 = g1.fma(x3, a13); a23 = g2.fma(x3, a23); a33 = g3.fma(x3, a33);
        }
        // Entry (o, kk) of the chunk's vectors at dOff + (o*(kPad+1) + kk)*L; stored in place (no helper
        // taking vectors, which C2 might not inline and would then box).
        int r0 = dOff + (o0 * (kPad + 1) + k0) * L, r1 = r0 + (kPad + 1) * L, r2 = r1 + (kPad + 1) * L, r3 = r2 + (kPad + 1) * L;
        a00.intoArray(dst, r0); a01.intoArray(dst, r0 + L); a02.intoArray(dst, r0 + 2 * L); a03.intoArray(dst, r0 + 3 * L);
        a10.intoArray(dst, r1); a11.intoArray(dst, r1 + L); a12.intoArray(dst, r1 + 2 * L); a13.intoArray(dst, r1 + 3 * L);
        a20.intoArray(dst, r2); a21.intoArray(dst, r2 + L); a22.intoArray(dst, r2 + 2 * L); a23.intoArray(dst, r2 + 3 * L);
        a30.intoArray(dst, r3); a31.intoArray(dst, r3 + L); a32.intoArray(dst, r3 + 2 * L); a33.intoArray(dst, r3 + 3 * L);
    }

    private static int roundUp(int v, int q) { return (v + q - 1) / q * q; }
}
