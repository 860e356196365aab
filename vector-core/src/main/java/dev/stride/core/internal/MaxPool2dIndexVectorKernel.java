package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.I;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.MaxPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Max pooling with indices, vector blocks for horizontal stride 1 and 2: {@code L} adjacent outputs of
 * one row per block, each lane walking its window's taps in PyTorch's row-major order with PyTorch's
 * rule ({@code v > max || isNaN(v)}: the first maximum wins ties, the last NaN wins), carrying the flat
 * index of its maximum in an int lane. Stride 2 reduces the {@code 2L} columns of each tap as two
 * vectors and keeps the even lanes of both values and indices once per block. Outputs whose window
 * touches the padding or the row's end take {@link MaxPool2dKernel#row}. Results equal the scalar
 * kernel's exactly (the same comparisons in the same order).
 */
final class MaxPool2dIndexVectorKernel {
    private MaxPool2dIndexVectorKernel() {}

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int[] idx, int oh, int ow, MaxPool2dParams p) {
        int sw = p.strideW(), pw = p.paddingW(), dw = p.dilationW(), kw = p.kernelW(), dh = p.dilationH();
        int span = (kw - 1) * dw;
        int x0 = PoolWindows.firstInterior(sw, pw);
        int x1 = PoolWindows.endInterior(w, sw, pw, span, ow);
        int lastRead = w - sw * L + pw - span;
        int blockMax = lastRead < 0 ? -1 : lastRead / sw;
        IntVector iota = IntVector.zero(I).addIndex(1);
        IntVector even = sw == 2 ? FloatLanes.evenIndex() : null;
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = PoolWindows.firstTap(hs, dh), k1 = PoolWindows.endTap(hs, dh, p.kernelH(), h);
            if (k0 >= k1 || blockMax < x0) {
                MaxPool2dKernel.row(in, ib, h, w, out, ob, idx, y, ow, 0, ow, p);
                continue;
            }
            MaxPool2dKernel.row(in, ib, h, w, out, ob, idx, y, ow, 0, x0, p);
            int x = x0;
            for (; x <= blockMax; x += L) block(in, ib, w, out, ob, idx, y * ow + x, hs, k0, k1, x * sw - pw, p, iota, even);
            int done = x;
            if (x < x1) {
                block(in, ib, w, out, ob, idx, y * ow + blockMax, hs, k0, k1, blockMax * sw - pw, p, iota, even);
                done = blockMax + L;
            }
            MaxPool2dKernel.row(in, ib, h, w, out, ob, idx, y, ow, done, ow, p);
        }
    }

    private static void block(float[] in, int ib, int w, float[] out, int ob, int[] idx, int o, int hs, int k0, int k1,
                              int col, MaxPool2dParams p, IntVector iota, IntVector even) {
        int dh = p.dilationH(), dw = p.dilationW(), kw = p.kernelW();
        int first = (hs + k0 * dh) * w + col;
        if (even == null) {
            FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            IntVector at = iota.add(first);
            for (int k = k0; k < k1; k++) {
                int rowIndex = (hs + k * dh) * w + col;
                for (int j = 0; j < kw; j++) {
                    int tap = rowIndex + j * dw;
                    FloatVector v = FloatVector.fromArray(F, in, ib + tap);
                    VectorMask<Float> take = m.lt(v).or(v.test(VectorOperators.IS_NAN));
                    m = m.blend(v, take);
                    at = at.blend(iota.add(tap), take.cast(I));
                }
            }
            if (out != null) m.intoArray(out, ob + o);
            at.intoArray(idx, o);
        } else {
            FloatVector lo = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), hi = lo;
            IntVector iotaHi = iota.add(L);
            IntVector atLo = iota.add(first), atHi = iotaHi.add(first);
            for (int k = k0; k < k1; k++) {
                int rowIndex = (hs + k * dh) * w + col;
                for (int j = 0; j < kw; j++) {
                    int tap = rowIndex + j * dw;
                    FloatVector a = FloatVector.fromArray(F, in, ib + tap);
                    FloatVector b = FloatVector.fromArray(F, in, ib + tap + L);
                    VectorMask<Float> ta = lo.lt(a).or(a.test(VectorOperators.IS_NAN));
                    VectorMask<Float> tb = hi.lt(b).or(b.test(VectorOperators.IS_NAN));
                    lo = lo.blend(a, ta);
                    hi = hi.blend(b, tb);
                    atLo = atLo.blend(iota.add(tap), ta.cast(I));
                    atHi = atHi.blend(iotaHi.add(tap), tb.cast(I));
                }
            }
            if (out != null) MaxPool2dVectorKernel.evenLanes(lo, hi, even).intoArray(out, ob + o);
            even.selectFrom(atLo, atHi).intoArray(idx, o);
        }
    }
}
