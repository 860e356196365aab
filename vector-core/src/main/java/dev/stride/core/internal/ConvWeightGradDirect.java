package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Weight gradient of a small stride-1 convolution (few output channels times a short patch, e.g.
 * LeNet's 1->6 and 6->16 5x5) as direct dot products, vectorised along the output width:
 * {@code dW[o][kk] = sum over images, rows oh, columns ow of g[o][oh][ow] * padded[off(kk) + oh*paddedW + ow]}.
 * The GEMM path would pad such a {@code mg x K} result to its 8-row, 48-column tiles and gather a patch
 * matrix per tile; here each patch row is read in place from the padded input (as the implicit GEMM
 * does) and shared by four output channels' accumulators. The last partial vector of a row is masked,
 * so no cell outside the output row is read.
 *
 * <p>Every sum runs lane-wise over images, rows and column blocks in a fixed order, then across lanes
 * by a fixed tree ({@link VectorRowSums#sumLanes}; {@code reduceLanes} may add in another order once
 * compiled): the result depends on the vector width but not on the thread count or the JIT. Loaded only
 * when {@link VectorSupport#BITS} is non-zero.
 */
final class ConvWeightGradDirect {
    private ConvWeightGradDirect() {}

    /** Largest {@code mg * K} taken here; larger layers have enough rows and columns for the GEMM's tiles. */
    static final int MAX_ENTRIES = 4096;

    /**
     * Small stride-1 layers whose output rows hold at least one whole vector: on narrower rows (LeNet's
     * second conv, 10 wide at 16 lanes) the masked loads made this slower than the GEMM path.
     */
    static boolean applies(ConvPlan pl) {
        return VectorSupport.BITS > 0 && pl.path == ConvPlan.Path.IMPLICIT_GEMM && (long) pl.mg * pl.k <= MAX_ENTRIES
                && pl.geometry.outW >= L;
    }

    /**
     * Writes group {@code g}'s gradient summed over images {@code [img0, img1)} into
     * {@code dst[dOff + g*mg*K + o*K + kk]}; {@code padded} holds every image's padded planes.
     */
    static void run(ConvPlan pl, float[] padded, float[] gradOut, int img0, int img1, int g, float[] dst, int dOff) {
        final ConvGeometry geo = pl.geometry;
        final int m = pl.mg, k = pl.k, outH = geo.outH, outW = geo.outW, wp = geo.paddedW;
        final int plane = geo.paddedH * wp, n = pl.n, outImage = pl.outImage();
        final int full = outW / L * L;
        final VectorMask<Float> tail = F.indexInRange(full, outW);
        final int[] off = pl.implicitOffsets;
        for (int kk = 0; kk < k; kk++) {
            int o = 0;
            for (; o + 4 <= m; o += 4) {
                FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
                for (int img = img0; img < img1; img++) {
                    int xb = (img * pl.inChannels + g * pl.cg) * plane + off[kk];
                    int gb = img * outImage + (g * m + o) * n;
                    for (int oh = 0; oh < outH; oh++) {
                        int xr = xb + oh * wp, gr = gb + oh * outW;
                        for (int c = 0; c < full; c += L) {
                            FloatVector p = FloatVector.fromArray(F, padded, xr + c);
                            a0 = FloatVector.fromArray(F, gradOut, gr + c).fma(p, a0);
                            a1 = FloatVector.fromArray(F, gradOut, gr + n + c).fma(p, a1);
                            a2 = FloatVector.fromArray(F, gradOut, gr + 2 * n + c).fma(p, a2);
                            a3 = FloatVector.fromArray(F, gradOut, gr + 3 * n + c).fma(p, a3);
                        }
                        if (full < outW) {
                            FloatVector p = FloatVector.fromArray(F, padded, xr + full, tail);
                            a0 = FloatVector.fromArray(F, gradOut, gr + full, tail).fma(p, a0);
                            a1 = FloatVector.fromArray(F, gradOut, gr + n + full, tail).fma(p, a1);
                            a2 = FloatVector.fromArray(F, gradOut, gr + 2 * n + full, tail).fma(p, a2);
                            a3 = FloatVector.fromArray(F, gradOut, gr + 3 * n + full, tail).fma(p, a3);
                        }
                    }
                }
                int d = dOff + (g * m + o) * k + kk;
                dst[d] = VectorRowSums.sumLanes(a0);
                dst[d + k] = VectorRowSums.sumLanes(a1);
                dst[d + 2 * k] = VectorRowSums.sumLanes(a2);
                dst[d + 3 * k] = VectorRowSums.sumLanes(a3);
            }
            for (; o < m; o++) dst[dOff + (g * m + o) * k + kk] = oneChannel(pl, padded, gradOut, img0, img1, g, o, kk, full, tail);
        }
    }

    private static float oneChannel(ConvPlan pl, float[] padded, float[] gradOut, int img0, int img1, int g, int o, int kk,
                                    int full, VectorMask<Float> tail) {
        final ConvGeometry geo = pl.geometry;
        final int outH = geo.outH, outW = geo.outW, wp = geo.paddedW, plane = geo.paddedH * wp;
        FloatVector a = FloatVector.zero(F);
        for (int img = img0; img < img1; img++) {
            int xb = (img * pl.inChannels + g * pl.cg) * plane + pl.implicitOffsets[kk];
            int gb = img * pl.outImage() + (g * pl.mg + o) * pl.n;
            for (int oh = 0; oh < outH; oh++) {
                int xr = xb + oh * wp, gr = gb + oh * outW;
                for (int c = 0; c < full; c += L) {
                    a = FloatVector.fromArray(F, gradOut, gr + c).fma(FloatVector.fromArray(F, padded, xr + c), a);
                }
                if (full < outW) {
                    a = FloatVector.fromArray(F, gradOut, gr + full, tail).fma(FloatVector.fromArray(F, padded, xr + full, tail), a);
                }
            }
        }
        return VectorRowSums.sumLanes(a);
    }
}
