package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.I;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The exponentials of a softmax row at 512 bits ({@link #ENABLED}): {@code exp(x - m)} over a contiguous
 * row, summed, and for softmax stored, in the loop that is most of a softmax's time. It is bound by the
 * multiply/fused-multiply-add ports (on the AMD host measured, every one of those costs a cycle per
 * 16 lanes, the other vector operations share four ports), so this exp spends as few of them as it can:
 * {@code x - m = (32n + j) ln2/32 + r} with |r| <= ln2/64, {@code exp = 2^n 2^(j/32) (1 + r (C1 + C2 r))}:
 * one fused multiply-add to round, one to reduce (ln 2 / 32 as one float: its relative error, 2.7e-9,
 * costs at most 0.05 u |x - m|, far below the u |x - m| that rounding {@code x - m} already costs), two
 * for the polynomial and one product with the scale. 2^(j/32) is a 32-entry table in two registers, read
 * by one two-register lane permute; the scale's exponent is added by integer operations on the rounded
 * value's bits. ({@link VectorMath#expNonPositive}, 16 entries and degree 3, takes two more.)
 *
 * <p>The loops assume every {@code x - m} lies in [-87.3, 0] (normal results, one scale factor). Instead
 * of testing each vector (a compare on the same ports), they keep the least rounded value and report
 * a row outside that range by returning -1; the caller then takes the exact general path for that row
 * (a row with values 87 below its maximum, or with a NaN or an infinity). Either way a row's result
 * depends only on the row, so it is the same on any number of threads.
 *
 * <p>Accuracy: the polynomial's relative error is 5.4e-8 (0.9 u, u = 2^-24, a minimax fit); with the
 * table entry's and the evaluation's roundings and the one-constant reduction, exp of a float {@code d}
 * in [-87, 0] was measured (8 million arguments against the double exp) within {@code (4 + 0.05 |d|) u}:
 * 3.7 u near 0, 7.7 u (6.4 ulp) at -86.6. Rounding {@code d = x - m} itself costs up to {@code u |d|}.
 */
final class SoftmaxRowExp {
    private SoftmaxRowExp() {}

    /** True at 16 lanes (the 32-entry table is two registers), unless exp is measured lanewise. */
    static final boolean ENABLED = L == 16 && !VectorMath.LANEWISE;

    private static final float LOG2E_32 = 46.166241f;          // 32 / ln 2
    private static final float LN2_32 = 0.021660849f;          // ln 2 / 32, rounded once
    private static final float ROUND = ScalarMath.ROUND;       // 1.5 * 2^23: adding it rounds to an integer
    // exp(r) = 1 + r (C1 + C2 r) on |r| <= ln2/64, relative error 5.4e-8 (minimax of the relative error)
    private static final float C1 = 1.0000146627426147f, C2 = 0.4999999701976776f;
    /**
     * t = (x - m) 32/ln2 + ROUND has bits 0x4B400000 + 32n + j; below this, n < -126 and 2^n is no longer a
     * normal float (and a NaN with its sign bit set lands here too).
     */
    private static final int LEAST_NORMAL_BITS = Float.floatToRawIntBits(ROUND) - 126 * 32;

    /**
     * Bits of 2^(j/32) less {@code j << 18}, j = 0..31 ({@link VectorMath#EXP2_32NDS_LESS_J}, read as two
     * 16-lane halves). The scale 2^n 2^(j/32) is built from t's bits {@code 0x4B400000 + 32n + j}: their low
     * 5 bits pick the entry (the two-register permute reads only those); shifted left by 18, 0x4B400000
     * vanishes (its low 22 bits are 0) and {@code (32n + j) << 18 = (n << 23) + (j << 18)}, whose
     * {@code j << 18} the entry has taken off.
     */
    private static final int[] TABLE = VectorMath.EXP2_32NDS_LESS_J;

    /**
     * Stores exp(a - m) over the row {@code a[base, base+n)} into {@code out}, and finds the maximum of the
     * row of n elements at {@code next} (NaN passed over, -inf if none; the caller passes {@code base} when
     * there is no next row). Returns the sum's bits in the high half and the maximum's in the low half ({@link #sumOf}, {@link
     * #nextMaxOf}; no allocation per row), the sum -1 (and nothing useful stored)
     * when some {@code a - m} is below -87.3 or NaN. The next row's maximum is taken here because this loop
     * is bound by arithmetic while a separate maximum pass waits on memory: here its loads overlap the
     * arithmetic. Lane sums in a fixed order.
     */
    static long expStoreNextMax(float[] a, float[] out, int base, int n, float m, int next) {
        IntVector lo = IntVector.fromArray(I, TABLE, 0), hi = IntVector.fromArray(I, TABLE, 16);
        FloatVector sum = FloatVector.zero(F), mx = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        IntVector least = IntVector.broadcast(I, Integer.MAX_VALUE);
        int bound = n & -L, k = 0;
        for (; k < bound; k += L) {
            FloatVector v = FloatVector.fromArray(F, a, next + k);
            mx = mx.blend(v, v.compare(VectorOperators.GT, mx));
            FloatVector d = FloatVector.fromArray(F, a, base + k).sub(m);
            FloatVector t = d.fma(LOG2E_32, ROUND);
            FloatVector r = t.sub(ROUND).fma(FloatVector.broadcast(F, -LN2_32), d);
            IntVector bits = t.reinterpretAsInts();
            FloatVector e = r.fma(C2, C1).fma(r, FloatVector.broadcast(F, 1f)).mul(bits.selectFrom(lo, hi).add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats());
            e.intoArray(out, base + k);
            sum = sum.add(e);
            least = least.min(bits);
        }
        if (k < n) {
            VectorMask<Float> tail = F.indexInRange(k, n);
            FloatVector v = FloatVector.fromArray(F, a, next + k, tail);
            mx = mx.blend(v, v.compare(VectorOperators.GT, mx).and(tail));
            // lanes past the row: d = 0 there (exp 1, harmless to the least value), left out of the sum
            FloatVector d = FloatVector.fromArray(F, a, base + k, tail).sub(m, tail);
            FloatVector t = d.fma(LOG2E_32, ROUND);
            FloatVector r = t.sub(ROUND).fma(FloatVector.broadcast(F, -LN2_32), d);
            IntVector bits = t.reinterpretAsInts();
            FloatVector e = r.fma(C2, C1).fma(r, FloatVector.broadcast(F, 1f)).mul(bits.selectFrom(lo, hi).add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats());
            e.intoArray(out, base + k, tail);
            sum = sum.add(e, tail);
            least = least.min(bits);
        }
        // VectorRowSums.sumLanes's tree and pack(), written out: past C2's node budget, a call left out of
        // line here would box the vector it takes
        for (int h = L / 2; h >= 1; h /= 2) sum = sum.add(sum.slice(h));
        float s = least.reduceLanes(VectorOperators.MIN) < LEAST_NORMAL_BITS ? -1f : sum.lane(0);
        return (long) Float.floatToRawIntBits(s) << 32 | (Float.floatToRawIntBits(mx.reduceLanes(VectorOperators.MAX)) & 0xFFFFFFFFL);
    }

    /** {@link #expStoreNextMax} without storing the exponentials: the same sum bits (or -1) and maximum. */
    static long expSumNextMax(float[] a, int base, int n, float m, int next) {
        IntVector lo = IntVector.fromArray(I, TABLE, 0), hi = IntVector.fromArray(I, TABLE, 16);
        FloatVector sum = FloatVector.zero(F), mx = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        IntVector least = IntVector.broadcast(I, Integer.MAX_VALUE);
        int bound = n & -L, k = 0;
        for (; k < bound; k += L) {
            FloatVector v = FloatVector.fromArray(F, a, next + k);
            mx = mx.blend(v, v.compare(VectorOperators.GT, mx));
            FloatVector d = FloatVector.fromArray(F, a, base + k).sub(m);
            FloatVector t = d.fma(LOG2E_32, ROUND);
            FloatVector r = t.sub(ROUND).fma(FloatVector.broadcast(F, -LN2_32), d);
            IntVector bits = t.reinterpretAsInts();
            sum = sum.add(r.fma(C2, C1).fma(r, FloatVector.broadcast(F, 1f)).mul(bits.selectFrom(lo, hi).add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats()));
            least = least.min(bits);
        }
        if (k < n) {
            VectorMask<Float> tail = F.indexInRange(k, n);
            FloatVector v = FloatVector.fromArray(F, a, next + k, tail);
            mx = mx.blend(v, v.compare(VectorOperators.GT, mx).and(tail));
            FloatVector d = FloatVector.fromArray(F, a, base + k, tail).sub(m, tail);
            FloatVector t = d.fma(LOG2E_32, ROUND);
            FloatVector r = t.sub(ROUND).fma(FloatVector.broadcast(F, -LN2_32), d);
            IntVector bits = t.reinterpretAsInts();
            sum = sum.add(r.fma(C2, C1).fma(r, FloatVector.broadcast(F, 1f)).mul(bits.selectFrom(lo, hi).add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats()), tail);
            least = least.min(bits);
        }
        // VectorRowSums.sumLanes's tree and pack(), written out: past C2's node budget, a call left out of
        // line here would box the vector it takes
        for (int h = L / 2; h >= 1; h /= 2) sum = sum.add(sum.slice(h));
        float s = least.reduceLanes(VectorOperators.MIN) < LEAST_NORMAL_BITS ? -1f : sum.lane(0);
        return (long) Float.floatToRawIntBits(s) << 32 | (Float.floatToRawIntBits(mx.reduceLanes(VectorOperators.MAX)) & 0xFFFFFFFFL);
    }

    static float sumOf(long packed) {
        return Float.intBitsToFloat((int) (packed >>> 32));
    }

    static float nextMaxOf(long packed) {
        return Float.intBitsToFloat((int) packed);
    }
}
