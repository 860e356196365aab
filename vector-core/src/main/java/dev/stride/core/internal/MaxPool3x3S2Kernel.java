package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.MaxPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Max pool 3x3, stride 2, padding 1 (ResNet's stem pool, shape P1) on an even width {@code w = 2*ow}: the
 * fast path of {@link MaxPool2dVectorKernel}, with the same result bit for bit.
 *
 * <p>Per block of {@code L} outputs the window's rows are reduced in registers over {@code 2L} columns
 * (no scratch row), then split once into even and odd columns ({@code E}, {@code O}): output {@code x} is
 * {@code max(R[2x-1], E[x], O[x])}, and {@code R[2x-1]} is {@code O} moved up one lane with the column
 * before the block in lane 0: padding for the first block, the previous block's last odd column for the
 * next ones (no scalar work, no unpredictable branch), and one scalar column for the overlapping last. No load leaves the row, so the first and the
 * last (overlapping) block need no scalar border code. Rows in the padding are skipped.
 */
final class MaxPool3x3S2Kernel {
    private MaxPool3x3S2Kernel() {}

    /** True when this kernel applies to the shape. */
    static boolean applies(MaxPool2dParams p, int w, int ow) {
        return p.kernelH() == 3 && p.kernelW() == 3 && p.strideH() == 2 && p.strideW() == 2 && p.paddingH() == 1
                && p.paddingW() == 1 && p.dilationH() == 1 && p.dilationW() == 1 && w == 2 * ow && ow >= L;
    }

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, IntVector even,
                      IntVector odd) {
        for (int y = 0; y < oh; y++) {
            int hs = 2 * y - 1;
            int r0 = Math.max(hs, 0), r1 = Math.min(hs + 3, h);
            int o = ob + y * ow;
            int a = ib + r0 * w;
            int b = r1 - r0 > 1 ? a + w : a; // a duplicated row leaves a maximum unchanged
            int c = r1 - r0 > 2 ? b + w : b;
            // The column before a block is the last odd column of the block before it; only the first
            // block (padding) and the overlapping last one (not adjacent) need it from elsewhere.
            FloatVector prevOdd = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int x = 0; x < ow; x += L) {
                int xs = Math.min(x, ow - L);
                int col = 2 * xs;
                FloatVector a0 = FloatVector.fromArray(F, in, a + col), a1 = FloatVector.fromArray(F, in, a + col + L);
                FloatVector b0 = FloatVector.fromArray(F, in, b + col), b1 = FloatVector.fromArray(F, in, b + col + L);
                FloatVector c0 = FloatVector.fromArray(F, in, c + col), c1 = FloatVector.fromArray(F, in, c + col + L);
                FloatVector lo = a0.blend(b0, a0.lt(b0)), hi = a1.blend(b1, a1.lt(b1));
                lo = lo.blend(c0, lo.lt(c0));
                hi = hi.blend(c1, hi.lt(c1));
                boolean nan = MaxPool2dVectorKernel.NAN_CHECK
                        && a0.add(a1).add(b0).add(b1).add(c0).add(c1).test(VectorOperators.IS_NAN).anyTrue();
                if (nan) {
                    lo = a0.blend(b0, takes(a0, b0));
                    lo = lo.blend(c0, takes(lo, c0));
                    hi = a1.blend(b1, takes(a1, b1));
                    hi = hi.blend(c1, takes(hi, c1));
                }
                if (xs != x) prevOdd = FloatVector.broadcast(F, columnMax(in, a, b, c, col - 1));
                FloatVector e = MaxPool2dVectorKernel.evenLanes(lo, hi, even);
                FloatVector od = MaxPool2dVectorKernel.evenLanes(lo, hi, odd);
                FloatVector m = prevOdd.slice(L - 1, od);
                prevOdd = od;
                m = m.blend(e, nan ? takes(m, e) : m.lt(e));
                m = m.blend(od, nan ? takes(m, od) : m.lt(od));
                m.intoArray(out, o + xs);
            }
        }
    }

    /** The rows' maximum at one column, by PyTorch's rule in row order (as pass 1 computes it). */
    private static float columnMax(float[] in, int a, int b, int c, int col) {
        float m = in[a + col], v = in[b + col];
        if (v > m || v != v) m = v;
        v = in[c + col];
        if (v > m || v != v) m = v;
        return m;
    }

    private static VectorMask<Float> takes(FloatVector max, FloatVector v) {
        return max.lt(v).or(v.test(VectorOperators.IS_NAN));
    }
}
