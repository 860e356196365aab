package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight gradient of a stride-1 depthwise 3x3 convolution with zero padding and dilation 1
 * ({@link DepthwiseConv#direct3x3} shapes): {@code gradW[ky][kx] = sum over images and outputs of
 * g[oh][ow] * x[oh + ky - padTop][ow + kx - padLeft]}, with the nine sums kept lane-wise in registers
 * for the whole plane (rather than in a row buffer in memory).
 *
 * <p>Each input plane is copied into a zero-padded plane whose rows are long enough for whole vectors
 * of outputs (row stride {@code roundUp(outW, VL) + 2}); the output-gradient row's last partial vector
 * is read from a zero-filled copy, so the sum has no scalar tail and no lane counts an output twice.
 * Lanes are summed by a fixed tree at the end, so the result depends neither on the thread count nor on
 * whether the JIT has compiled the method.
 * Workspace per thread: that plane, {@code (outH + 2) * (roundUp(outW, VL) + 2)} floats, and one row.
 * Only loaded when {@link VectorSupport#BITS} &gt; 0.
 */
final class Depthwise3x3WeightGrad {
    private Depthwise3x3WeightGrad() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();

    /**
     * Writes the nine gradients of output channel {@code o} (input channel {@code o / mult}) into
     * {@code gradW[o*9 ...]}.
     */
    static void channel(ConvPlan pl, float[] x, float[] gradOut, float[] gradW, int o) {
        final ConvGeometry g = pl.geometry;
        final int inH = g.inH, inW = g.inW, outH = g.outH, outW = g.outW, pt = g.padTop, pleft = g.padLeft;
        final int vecW = (outW + VL - 1) / VL * VL, wq = vecW + 2, hp = outH + 2, c = o / pl.mg;
        Workspace ws = Workspace.get();
        float[] pad = ws.plane(hp * wq), gRow = ws.col(vecW);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0;
        for (int img = 0; img < pl.batch; img++) {
            fill(x, img * pl.inImage() + c * inH * inW, inH, inW, pt, pleft, pad, hp, wq);
            int gPlane = (img * pl.outChannels + o) * pl.n;
            for (int oh = 0; oh < outH; oh++) {
                int gOff = gPlane + oh * outW, full = outW / VL * VL;
                System.arraycopy(gradOut, gOff + full, gRow, full, outW - full);
                java.util.Arrays.fill(gRow, outW, vecW, 0f);
                for (int j = 0; j < vecW; j += VL) {
                    FloatVector gv = j < full ? FloatVector.fromArray(S, gradOut, gOff + j) : FloatVector.fromArray(S, gRow, j);
                    int r = oh * wq + j;
                    a0 = FloatVector.fromArray(S, pad, r).fma(gv, a0);
                    a1 = FloatVector.fromArray(S, pad, r + 1).fma(gv, a1);
                    a2 = FloatVector.fromArray(S, pad, r + 2).fma(gv, a2);
                    r += wq;
                    a3 = FloatVector.fromArray(S, pad, r).fma(gv, a3);
                    a4 = FloatVector.fromArray(S, pad, r + 1).fma(gv, a4);
                    a5 = FloatVector.fromArray(S, pad, r + 2).fma(gv, a5);
                    r += wq;
                    a6 = FloatVector.fromArray(S, pad, r).fma(gv, a6);
                    a7 = FloatVector.fromArray(S, pad, r + 1).fma(gv, a7);
                    a8 = FloatVector.fromArray(S, pad, r + 2).fma(gv, a8);
                }
            }
        }
        int t = o * 9;
        // Lanes added by VectorRowSums' fixed tree, not reduceLanes(ADD): C2's intrinsic adds in another
        // order than the interpreter and C1, so the same call gave other bits once compiled.
        gradW[t] = VectorRowSums.sumLanes(a0);
        gradW[t + 1] = VectorRowSums.sumLanes(a1);
        gradW[t + 2] = VectorRowSums.sumLanes(a2);
        gradW[t + 3] = VectorRowSums.sumLanes(a3);
        gradW[t + 4] = VectorRowSums.sumLanes(a4);
        gradW[t + 5] = VectorRowSums.sumLanes(a5);
        gradW[t + 6] = VectorRowSums.sumLanes(a6);
        gradW[t + 7] = VectorRowSums.sumLanes(a7);
        gradW[t + 8] = VectorRowSums.sumLanes(a8);
    }

    /** The input plane at {@code x[off...]} zero-padded into {@code hp x wq} cells (input at row padTop, column padLeft). */
    private static void fill(float[] x, int off, int inH, int inW, int padTop, int padLeft, float[] pad, int hp, int wq) {
        int lo = Math.min(Math.max(0, padLeft), wq), src0 = lo - padLeft, n = Math.max(0, Math.min(inW - src0, wq - lo));
        for (int ph = 0; ph < hp; ph++) {
            int r = ph - padTop, d = ph * wq;
            if (r < 0 || r >= inH || n == 0) {
                java.util.Arrays.fill(pad, d, d + wq, 0f);
                continue;
            }
            java.util.Arrays.fill(pad, d, d + lo, 0f);
            System.arraycopy(x, off + r * inW + src0, pad, d + lo, n);
            java.util.Arrays.fill(pad, d + lo + n, d + wq, 0f);
        }
    }
}
