package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.I;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.MaxPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Max pool 3x3, stride 2, padding 1 (ResNet's stem pool, shape P1) on an even width {@code w = 2*ow}: the
 * fast path of {@link MaxPool2dVectorKernel}, with the same result bit for bit (comparisons in the scalar
 * row-first kernel's order: rows top to bottom, then columns {@code 2x-1, 2x, 2x+1}).
 *
 * <p>Per block of {@code L} outputs the window's rows are reduced in registers over {@code 2L} columns
 * (no scratch row), then split once into even and odd columns ({@code E}, {@code O}): output {@code x} is
 * {@code max(R[2x-1], E[x], O[x])}, and {@code R[2x-1]} is {@code O} moved up one lane with the column
 * before the block in lane 0, one two-table select with the previous block's {@code O} (minus infinity
 * before the first block: the padding). Rows in the padding are skipped (their slot points at a row
 * that is in the window: a duplicate leaves a maximum unchanged).
 *
 * <p>Row tails: the last block overlaps the one before it (P1: 56 = 3x16 + 8); its left column {@code 2xs-1} is
 * already in the previous block's odd maxima, so the tail's shift select takes that lane (a scalar column maximum
 * there cost data-dependent branches; dropping it measured 3-11% faster on P1). Tried and slower: two output rows
 * per pass sharing the loads of their common row (10 loads per two blocks instead of 12) measured 5-15% slower on
 * P1, so the loads are not the limit (its longer body also needs {@code evenLanes} written out by hand, or C2 stops
 * inlining at its node-count cutoff and boxes the vectors, 3x slower). A half-width species for the tail was tried
 * too: using a second float species in the process spoils C2's type profiles inside the Vector API and made every
 * pooling kernel 1.5-2x slower.
 *
 * <p>NaN: blocks compare and blend ({@code max < v}), which drops a NaN arriving in {@code v}. The
 * vectors loaded from the window's last two rows are also added into a row sum, which is NaN only if a
 * NaN (or both infinities) was loaded; the window's top row is the previous output row's last (checked
 * by its sum), except for the first output row, whose top row is checked on its own. Only a row whose
 * check fires is computed again, in scalar code with PyTorch's rule {@code v > max || isNaN(v)} in the
 * same order. The check costs four adds per block and one test per row (six adds, all rows summed,
 * measured ~5% slower).
 */
final class MaxPool3x3S2Kernel {
    private MaxPool3x3S2Kernel() {}

    /** True when this kernel applies to the shape. */
    static boolean applies(MaxPool2dParams p, int w, int ow) {
        return p.kernelH() == 3 && p.kernelW() == 3 && p.strideH() == 2 && p.strideW() == 2 && p.paddingH() == 1
                && p.paddingW() == 1 && p.dilationH() == 1 && p.dilationW() == 1 && w == 2 * ow && ow >= L;
    }

    /** Lane indices {@code L-1, L, ..., 2L-2}: one lane up, lane 0 from the first table's last lane. */
    private static final int[] SHIFT_LANES = shiftLanes(L);

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow) {
        IntVector even = FloatLanes.evenIndex(), odd = FloatLanes.oddIndex();
        IntVector shift = IntVector.fromArray(I, SHIFT_LANES, 0), tailShift = tailShift(ow);
        boolean lastNaN = false; // whether the previous output row's check fired (it covered this top row)
        for (int y = 0; y < oh; y++) {
            int hs = 2 * y - 1;
            int r0 = Math.max(hs, 0), r1 = Math.min(hs + 3, h);
            int o = ob + y * ow;
            int a = ib + r0 * w;
            int b = r1 - r0 > 1 ? a + w : a; // a duplicated row leaves a maximum unchanged
            int c = r1 - r0 > 2 ? b + w : b;
            FloatVector prevOdd = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            FloatVector sum = FloatVector.zero(F);
            for (int x = 0; x < ow; x += L) {
                int xs = Math.min(x, ow - L);
                int col = 2 * xs;
                FloatVector a0 = FloatVector.fromArray(F, in, a + col), a1 = FloatVector.fromArray(F, in, a + col + L);
                FloatVector b0 = FloatVector.fromArray(F, in, b + col), b1 = FloatVector.fromArray(F, in, b + col + L);
                FloatVector c0 = FloatVector.fromArray(F, in, c + col), c1 = FloatVector.fromArray(F, in, c + col + L);
                sum = sum.add(b0.add(b1)).add(c0.add(c1));
                FloatVector lo = a0.blend(b0, a0.lt(b0)), hi = a1.blend(b1, a1.lt(b1));
                lo = lo.blend(c0, lo.lt(c0));
                hi = hi.blend(c1, hi.lt(c1));
                FloatVector e = MaxPool2dVectorKernel.evenLanes(lo, hi, even);
                FloatVector od = MaxPool2dVectorKernel.evenLanes(lo, hi, odd);
                IntVector sh = xs == x ? shift : tailShift;
                FloatVector m = sh.selectFrom(prevOdd.reinterpretAsInts(), od.reinterpretAsInts()).reinterpretAsFloats();
                prevOdd = od;
                m = m.blend(e, m.lt(e));
                m = m.blend(od, m.lt(od));
                m.intoArray(out, o + xs);
            }
            boolean nan = sum.test(VectorOperators.IS_NAN).anyTrue();
            // row a is the previous output row's row c, or (first output row) the input's first row
            boolean topNaN = y == 0 ? hasNaN(in, a, w) : lastNaN;
            if (MaxPool2dVectorKernel.NAN_CHECK && (nan || topNaN)) exactRow(in, a, b, c, out, o, ow);
            lastNaN = nan;
        }
    }

    /**
     * One output row by PyTorch's rule, in the order of the vector blocks (and of the scalar row-first
     * kernel): each column's rows top to bottom, then columns {@code 2x-1, 2x, 2x+1}.
     */
    private static void exactRow(float[] in, int a, int b, int c, float[] out, int o, int ow) {
        for (int x = 0; x < ow; x++) {
            float m = x == 0 ? Float.NEGATIVE_INFINITY : columnMax(in, a, b, c, 2 * x - 1);
            float v = columnMax(in, a, b, c, 2 * x);
            if (v > m || v != v) m = v;
            v = columnMax(in, a, b, c, 2 * x + 1);
            if (v > m || v != v) m = v;
            out[o + x] = m;
        }
    }

    /** Whether the row of {@code w} values at {@code a} holds a NaN. */
    private static boolean hasNaN(float[] in, int a, int w) {
        for (int i = 0; i < w; i++) {
            if (in[a + i] != in[a + i]) return true;
        }
        return false;
    }

    /** The rows' maximum at one column, by PyTorch's rule in row order. */
    private static float columnMax(float[] in, int a, int b, int c, int col) {
        float m = in[a + col], v = in[b + col];
        if (v > m || v != v) m = v;
        v = in[c + col];
        if (v > m || v != v) m = v;
        return m;
    }

    /**
     * The tail block's shift: the tail starts {@code d = L - ow % L} outputs before the end of the block
     * before it, so its column {@code 2xs-1} is that block's odd lane {@code L-1-d}.
     */
    private static IntVector tailShift(int ow) {
        int[] s = shiftLanes(L);
        s[0] = L - 1 - (L - ow % L) % L;
        return IntVector.fromArray(I, s, 0);
    }

    private static int[] shiftLanes(int lanes) {
        int[] s = new int[lanes];
        for (int i = 0; i < lanes; i++) s[i] = lanes - 1 + i;
        return s;
    }
}
