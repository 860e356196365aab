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
 * before the first block: the padding). Rows outside the input are clamped to a row of the window (a
 * duplicate leaves a maximum unchanged).
 *
 * <p>Two output rows per pass: their windows share input row {@code 2y+1}, so a pair of blocks loads
 * five input rows, not six. The loads are what limits this kernel on P1 (one row per pass: a harness
 * variant whose three rows were one, so C2 folded four of its six loads, ran ~30% faster; dropping the
 * store or the deinterleave saved ~10%, the NaN check or the shift nothing measurable), and the pair ran
 * 7-20% faster than one row per pass (min thread CPU time, loaded machine). Three rows per pass (7 loads
 * per 3 blocks) was 20% slower. Walking down column strips instead (4 loads per block, the left column
 * through a scratch row) was slower too: the strided walk misses the prefetchers (it won only when the
 * planes sat in L2). The int-domain selects keep the pair's body under C2's inlining node cutoff
 * (past it the vectors are boxed and the kernel runs ~3x slower); so does keeping the tail out of it:
 * the last block of a row overlaps the one before it, and its left column {@code 2xs-1} is already in
 * the previous block's odd maxima, taken by the tail's shift select. Masked tail loads in the same loop
 * (mask per block) made C2 box the masks: 7x slower.
 *
 * <p>When {@code ow % L == L/2} (P1: 56 = 3x16 + 8) the pair's two last half blocks share one vector
 * instead of two overlapping blocks: one load per row (the upper row's maxima in the low half of the
 * even/odd split, the lower row's in the high half), the left columns from both rows' previous odd maxima,
 * and two whole-vector stores ending at each row's end whose first half rewrites the last full block's
 * values; every whole block then uses the same shift, so such widths run in their own method
 * ({@code planeAligned}, the others in {@code planeOverlap}). Harness (1 thread, 64x112x112, median thread
 * CPU time per call, loaded machine): 77.7 -> 71.6 us (the shared tail alone 76.6 -> 73.4). Rejected:
 * the half blocks on half-width vectors in a helper method (C2 boxed a vector per row, 110 us); one flat
 * loop over all blocks of the plane with the pair's end in a branch (76 us); the main loop indexed by
 * {@code 2x} without the {@code min} (C2 split the 3-block loop, 85 us); the shift per block loaded from
 * a table instead of selected (84 us).
 *
 * <p>NaN: blocks compare and blend ({@code max < v}), which drops a NaN arriving in {@code v}. The
 * vectors of the pair's rows below its top row are also multiplied pairwise and accumulated (one FMA per
 * two vectors), a sum that is NaN if a NaN was loaded (also, harmlessly, for {@code 0 * inf} or products
 * past the float range); the pair's top row is the previous pair's bottom row (checked by its sum), and
 * the first pair's top row is also its second row. Only a pair whose check fires is computed again, in
 * scalar code with PyTorch's rule {@code v > max || isNaN(v)} in the same order.
 *
 * <p>Where P1's time goes (harness as above, min thread CPU time, this kernel at 69-72 us in the same JVM): the
 * same loads, FMAs and stores without the maxima and the split take 64-66 us, without the stores too 54-55 us,
 * while reading the input four rows at a time takes 38-39 us and with one stream 34 us. At 4 planes (in L2) the
 * time per plane is within 5% of that at 64, and moving the output by 0-512 floats stays within noise (69-72 us),
 * so neither L3 bandwidth nor address aliasing is the limit: the loop's loads and stores are. Also rejected (same
 * JVM, old in brackets when it moved): turning the Vector API's bounds checks off (the JVM flag {@code
 * -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0}, to see their cost) made this loop slower, median 76-80 us
 * against 70-72 in three alternating runs; loading a block column first instead of row by row 78.5 us, rows bottom
 * up 76 us, rows d and e after the upper row's maxima 75 us (rows b..e then a: no change); the check FMAs after the
 * maxima 85 us; two check accumulators (half the FMA chain) 76 us; both stores at the end 72-73 us (71); the half
 * tail's tables loaded in the tail instead of held across the loop 77 us; its last blocks read back from {@code
 * out} 75.5 us; scalar loads of the next pass's rows ahead of use 87 us; the lower row's blocks moved by {@code
 * L/2} so that a pair's seven stores are aligned and disjoint (11 loads per block, the lower row's left column from
 * its unsplit first block; same results bit for bit) 73 us (70), with row c carried across blocks 76 us; the lower
 * row's stores re-aligned by one more select per block 85 us, or staged in a scratch row and copied after the pass
 * 79.5 us.
 *
 * <p>Alignment. HotSpot's G1 starts an array of half a region or more (P1's 3.2 MB input) at a region boundary, its
 * floats 16 bytes in, so every 64-byte load here has an upper half that crosses a cache line. The same kernel on
 * input 32-byte aligned (offset by 4 or 12 floats in a harness) ran 8-12% faster (71.7 -> 65.3 us). Rejected: a
 * plane method that assumes that layout and starts its blocks at column 4 (outputs {@code 2 + 16j}), taking each
 * pair's outputs 0, 1 and last six from one aligned load per row at column {@code w - 12} (whose last four lanes
 * are the next row's columns 0..3) blended with the row above's, the left column {@code w - 13} merged after the
 * blocks, eight stores per pair. It matched this kernel bit for bit (3,000 random shapes with NaN, infinities,
 * -0 and ties) and beat it when both were called plane by plane on the same array, but through {@code
 * Ops.maxPool2d} (alternating JVMs, median per call) it took 74.0-75.9 us against 68.8-71.1, and in JMH 80.6 and
 * 83.6 us against 75.9 and 73.7: a sixth load, five blends and the merge per pair cost more than the aligned
 * loads saved. Through the API this kernel's time per call is 70.7-71.3 us at the median and 73.0-73.3 on
 * average (p90 75 us): JMH reports the average.
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

    /** One plane: {@code h x w} from {@code ib} into {@code oh x ow} from {@code ob}. */
    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow) {
        // two methods, not one with both cases: C2 compiles each on its own node budget (see the class doc)
        if (ow % L == 0 || ow % L == L / 2) planeAligned(in, ib, h, w, out, ob, oh, ow);
        else planeOverlap(in, ib, h, w, out, ob, oh, ow);
    }

    /**
     * {@link #plane} for {@code ow % L} 0 or {@code L/2}: whole blocks, then (for {@code L/2}) one vector
     * for both rows' last half blocks. Every whole block takes its left column from the previous block's
     * odd maxima by the same shift; choosing the shift per block (as {@link #planeOverlap} must) cost ~7%
     * on P1 (harness: 74.6 -> 69.6 us).
     */
    private static void planeAligned(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow) {
        IntVector even = FloatLanes.evenIndex(), odd = FloatLanes.oddIndex();
        IntVector shift = IntVector.fromArray(I, SHIFT_LANES, 0), tailShift = tailShift(ow);
        int last = h - 1;
        boolean lastNaN = false; // whether the previous pair's check fired (it covered this pair's top row)
        // ow % L == L/2: the two rows' last half blocks share one vector instead of two overlapping blocks
        int full = ow - ow % L;
        IntVector tailLeft = IntVector.fromArray(I, TAIL_LEFT_LANES, 0), tailPairShift = IntVector.fromArray(I, TAIL_SHIFT_LANES_PAIR, 0);
        IntVector tailUpper = IntVector.fromArray(I, TAIL_UPPER_LANES, 0), tailLower = IntVector.fromArray(I, TAIL_LOWER_LANES, 0);
        int y = 0;
        for (; y + 1 < oh; y += 2) {
            // window rows 2y-1..2y+1 and 2y+1..2y+3, clamped into the input (a window always has a row inside)
            int a = ib + Math.max(2 * y - 1, 0) * w, b = ib + Math.min(2 * y, last) * w;
            int c = ib + Math.min(2 * y + 1, last) * w, d = ib + Math.min(2 * y + 2, last) * w;
            int e = ib + Math.min(2 * y + 3, last) * w;
            int o = ob + y * ow;
            IntVector prevOdd = IntVector.broadcast(I, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY));
            IntVector prevOdd2 = prevOdd;
            FloatVector check = FloatVector.zero(F);
            IntVector lastUpper = prevOdd, lastLower = prevOdd; // the last block's results (for the half tail)
            for (int x = 0; x < full; x += L) {
                int xs = Math.min(x, ow - L);
                int col = 2 * xs;
                FloatVector a0 = FloatVector.fromArray(F, in, a + col), a1 = FloatVector.fromArray(F, in, a + col + L);
                FloatVector b0 = FloatVector.fromArray(F, in, b + col), b1 = FloatVector.fromArray(F, in, b + col + L);
                FloatVector c0 = FloatVector.fromArray(F, in, c + col), c1 = FloatVector.fromArray(F, in, c + col + L);
                FloatVector d0 = FloatVector.fromArray(F, in, d + col), d1 = FloatVector.fromArray(F, in, d + col + L);
                FloatVector e0 = FloatVector.fromArray(F, in, e + col), e1 = FloatVector.fromArray(F, in, e + col + L);
                check = e1.fma(d1, e0.fma(d0, c1.fma(b1, c0.fma(b0, check))));
                IntVector sh = shift;
                // upper row: rows a, b, c
                FloatVector lo = a0.blend(b0, a0.lt(b0)), hi = a1.blend(b1, a1.lt(b1));
                lo = lo.blend(c0, lo.lt(c0));
                hi = hi.blend(c1, hi.lt(c1));
                IntVector loBits = lo.reinterpretAsInts(), hiBits = hi.reinterpretAsInts();
                IntVector od = odd.selectFrom(loBits, hiBits);
                FloatVector ev = even.selectFrom(loBits, hiBits).reinterpretAsFloats(), odF = od.reinterpretAsFloats();
                FloatVector m = sh.selectFrom(prevOdd, od).reinterpretAsFloats();
                prevOdd = od;
                m = m.blend(ev, m.lt(ev));
                m = m.blend(odF, m.lt(odF));
                m.intoArray(out, o + xs);
                lastUpper = m.reinterpretAsInts();
                // lower row: rows c, d, e
                lo = c0.blend(d0, c0.lt(d0));
                hi = c1.blend(d1, c1.lt(d1));
                lo = lo.blend(e0, lo.lt(e0));
                hi = hi.blend(e1, hi.lt(e1));
                loBits = lo.reinterpretAsInts();
                hiBits = hi.reinterpretAsInts();
                od = odd.selectFrom(loBits, hiBits);
                ev = even.selectFrom(loBits, hiBits).reinterpretAsFloats();
                odF = od.reinterpretAsFloats();
                m = sh.selectFrom(prevOdd2, od).reinterpretAsFloats();
                prevOdd2 = od;
                m = m.blend(ev, m.lt(ev));
                m = m.blend(odF, m.lt(odF));
                m.intoArray(out, o + ow + xs);
                lastLower = m.reinterpretAsInts();
            }
            if (full < ow) {
                // upper row's row maxima in the low half of the split, lower row's in the high half
                int col = 2 * full;
                FloatVector a0 = FloatVector.fromArray(F, in, a + col), b0 = FloatVector.fromArray(F, in, b + col);
                FloatVector c0 = FloatVector.fromArray(F, in, c + col), d0 = FloatVector.fromArray(F, in, d + col);
                FloatVector e0 = FloatVector.fromArray(F, in, e + col);
                check = e0.fma(d0, c0.fma(b0, check));
                FloatVector up = a0.blend(b0, a0.lt(b0)), low = c0.blend(d0, c0.lt(d0));
                up = up.blend(c0, up.lt(c0));
                low = low.blend(e0, low.lt(e0));
                IntVector upBits = up.reinterpretAsInts(), lowBits = low.reinterpretAsInts();
                IntVector od = odd.selectFrom(upBits, lowBits);
                FloatVector ev = even.selectFrom(upBits, lowBits).reinterpretAsFloats(), odF = od.reinterpretAsFloats();
                // left columns: each row's previous odd maximum, in lanes 0 and L/2
                IntVector left = tailLeft.selectFrom(prevOdd, prevOdd2);
                FloatVector m = tailPairShift.selectFrom(left, od).reinterpretAsFloats();
                m = m.blend(ev, m.lt(ev));
                m = m.blend(odF, m.lt(odF));
                // two whole-vector stores ending at each row's end: their first L/2 lanes rewrite the last block's
                // values (a masked store made C2 box the mask)
                IntVector mBits = m.reinterpretAsInts();
                tailUpper.selectFrom(lastUpper, mBits).reinterpretAsFloats().intoArray(out, o + full - L / 2);
                tailLower.selectFrom(lastLower, mBits).reinterpretAsFloats().intoArray(out, o + ow + full - L / 2);
            }
            boolean nan = check.test(VectorOperators.IS_NAN).anyTrue();
            if (MaxPool2dVectorKernel.NAN_CHECK && (nan || lastNaN)) {
                exactRow(in, a, b, c, out, o, ow);
                exactRow(in, c, d, e, out, o + ow, ow);
            }
            lastNaN = nan;
        }
        if (y < oh) {
            int a = ib + Math.max(2 * y - 1, 0) * w, b = ib + Math.min(2 * y, last) * w;
            singleRow(in, a, b, ib + Math.min(2 * y + 1, last) * w, out, ob + y * ow, ow, even, odd, shift, tailShift,
                    lastNaN);
        }
    }

    /**
     * {@link #plane} for widths with {@code ow % L} other than 0 and {@code L/2}: the last block of each row
     * overlaps the one before it, with its own shift ({@link #tailShift}).
     */
    private static void planeOverlap(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow) {
        IntVector even = FloatLanes.evenIndex(), odd = FloatLanes.oddIndex();
        IntVector shift = IntVector.fromArray(I, SHIFT_LANES, 0), tailShift = tailShift(ow);
        int last = h - 1;
        boolean lastNaN = false; // whether the previous pair's check fired (it covered this pair's top row)
        int y = 0;
        for (; y + 1 < oh; y += 2) {
            // window rows 2y-1..2y+1 and 2y+1..2y+3, clamped into the input (a window always has a row inside)
            int a = ib + Math.max(2 * y - 1, 0) * w, b = ib + Math.min(2 * y, last) * w;
            int c = ib + Math.min(2 * y + 1, last) * w, d = ib + Math.min(2 * y + 2, last) * w;
            int e = ib + Math.min(2 * y + 3, last) * w;
            int o = ob + y * ow;
            IntVector prevOdd = IntVector.broadcast(I, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY));
            IntVector prevOdd2 = prevOdd;
            FloatVector check = FloatVector.zero(F);
            for (int x = 0; x < ow; x += L) {
                int xs = Math.min(x, ow - L);
                int col = 2 * xs;
                FloatVector a0 = FloatVector.fromArray(F, in, a + col), a1 = FloatVector.fromArray(F, in, a + col + L);
                FloatVector b0 = FloatVector.fromArray(F, in, b + col), b1 = FloatVector.fromArray(F, in, b + col + L);
                FloatVector c0 = FloatVector.fromArray(F, in, c + col), c1 = FloatVector.fromArray(F, in, c + col + L);
                FloatVector d0 = FloatVector.fromArray(F, in, d + col), d1 = FloatVector.fromArray(F, in, d + col + L);
                FloatVector e0 = FloatVector.fromArray(F, in, e + col), e1 = FloatVector.fromArray(F, in, e + col + L);
                check = e1.fma(d1, e0.fma(d0, c1.fma(b1, c0.fma(b0, check))));
                IntVector sh = xs == x ? shift : tailShift;
                // upper row: rows a, b, c
                FloatVector lo = a0.blend(b0, a0.lt(b0)), hi = a1.blend(b1, a1.lt(b1));
                lo = lo.blend(c0, lo.lt(c0));
                hi = hi.blend(c1, hi.lt(c1));
                IntVector loBits = lo.reinterpretAsInts(), hiBits = hi.reinterpretAsInts();
                IntVector od = odd.selectFrom(loBits, hiBits);
                FloatVector ev = even.selectFrom(loBits, hiBits).reinterpretAsFloats(), odF = od.reinterpretAsFloats();
                FloatVector m = sh.selectFrom(prevOdd, od).reinterpretAsFloats();
                prevOdd = od;
                m = m.blend(ev, m.lt(ev));
                m = m.blend(odF, m.lt(odF));
                m.intoArray(out, o + xs);
                // lower row: rows c, d, e
                lo = c0.blend(d0, c0.lt(d0));
                hi = c1.blend(d1, c1.lt(d1));
                lo = lo.blend(e0, lo.lt(e0));
                hi = hi.blend(e1, hi.lt(e1));
                loBits = lo.reinterpretAsInts();
                hiBits = hi.reinterpretAsInts();
                od = odd.selectFrom(loBits, hiBits);
                ev = even.selectFrom(loBits, hiBits).reinterpretAsFloats();
                odF = od.reinterpretAsFloats();
                m = sh.selectFrom(prevOdd2, od).reinterpretAsFloats();
                prevOdd2 = od;
                m = m.blend(ev, m.lt(ev));
                m = m.blend(odF, m.lt(odF));
                m.intoArray(out, o + ow + xs);
            }
            boolean nan = check.test(VectorOperators.IS_NAN).anyTrue();
            if (MaxPool2dVectorKernel.NAN_CHECK && (nan || lastNaN)) {
                exactRow(in, a, b, c, out, o, ow);
                exactRow(in, c, d, e, out, o + ow, ow);
            }
            lastNaN = nan;
        }
        if (y < oh) {
            int a = ib + Math.max(2 * y - 1, 0) * w, b = ib + Math.min(2 * y, last) * w;
            singleRow(in, a, b, ib + Math.min(2 * y + 1, last) * w, out, ob + y * ow, ow, even, odd, shift, tailShift,
                    lastNaN);
        }
    }

    /** The last output row of an odd count, one row per pass; {@code topNaN}: its top row held a NaN. */
    private static void singleRow(float[] in, int a, int b, int c, float[] out, int o, int ow, IntVector even,
                                  IntVector odd, IntVector shift, IntVector tailShift, boolean topNaN) {
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
        if (MaxPool2dVectorKernel.NAN_CHECK && (nan || topNaN)) exactRow(in, a, b, c, out, o, ow);
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
        return IntVector.fromArray(I, TAIL_SHIFT_LANES[ow % L], 0);
    }

    /** Two-table lanes: lane 0 the first table's last lane, lane {@code L/2} the second's (the rest unused). */
    private static final int[] TAIL_LEFT_LANES = tailLanes(0, L - 1, 2 * L - 1);
    /** Two-table lanes: lanes 0 and {@code L/2} from the first table, lane {@code i} else the second's {@code i-1}. */
    private static final int[] TAIL_SHIFT_LANES_PAIR = tailLanes(1, 0, L / 2);
    /** Two-table lanes: the first table's upper half, then the second's lower half. */
    private static final int[] TAIL_UPPER_LANES = tailLanes(2, 0, 0);
    /** Two-table lanes: the first table's upper half, then the second's upper half. */
    private static final int[] TAIL_LOWER_LANES = tailLanes(3, 0, 0);

    private static int[] tailLanes(int kind, int lane0, int laneHalf) {
        int[] t = new int[L];
        int half = L / 2;
        for (int i = 0; i < L; i++) {
            t[i] = switch (kind) {
                case 0 -> i == 0 ? lane0 : i == half ? laneHalf : 0;
                case 1 -> i == 0 ? lane0 : i == half ? laneHalf : L + i - 1;
                case 2 -> i < half ? half + i : L + i - half;
                default -> i < half ? half + i : L + i;
            };
        }
        return t;
    }

    /** {@link #tailShift} lanes per remainder {@code ow % L}, built once: a plane allocates nothing. */
    private static final int[][] TAIL_SHIFT_LANES = tailShiftLanes();

    private static int[][] tailShiftLanes() {
        int[][] t = new int[L][];
        for (int r = 0; r < L; r++) {
            t[r] = shiftLanes(L);
            t[r][0] = L - 1 - (L - r) % L;
        }
        return t;
    }

    private static int[] shiftLanes(int lanes) {
        int[] s = new int[lanes];
        for (int i = 0; i < lanes; i++) s[i] = lanes - 1 + i;
        return s;
    }
}
