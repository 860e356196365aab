package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * One output plane of a 3x3 depthwise convolution with zero padding and dilation 1, stride 1 or 2,
 * read straight from the input plane: no padded copy, so each input row streams in once and stays
 * in L1 while the (at most three) output rows that need it are computed.
 *
 * <p>Stride-1 rows whose input rows lie inside the plane go, four at a time, to
 * {@link Depthwise3x3Columns}, which walks vectors of columns down blocks of rows (when the columns
 * have at most one column of padding a side); the rest run here. A row runs vectors of output columns;
 * the last vector is moved back to end exactly at the row's end (it recomputes a few columns with the
 * same operations, so they get the same values) rather than
 * leaving a scalar tail. Rows whose window lies inside the input run branch-free loops with plain
 * loads; stride-1 rows go in pairs, so the two inner input rows are loaded once for both outputs.
 * A vector whose window overhangs the row by one column (padding 1, the common case) takes the
 * overhanging tap from its neighbour tap's load shifted by one lane with a zero ({@code unslice(1)} /
 * {@code slice(1)}), so it needs neither a mask nor a copy. Other vectors reaching into the padding
 * (wider padding, rows beyond a padding of 1 at the top/bottom, stride 2 top/bottom rows, the odd last
 * row) run {@link #edgeS1} / {@link #edgeS2}: loads blended with zero
 * outside the row (or for a whole row in the padding), taking only scalar arguments so that no vector
 * or mask crosses a call (which would make C2 allocate them as objects). Stride 2 loads two
 * consecutive vectors and takes their even and odd lanes with a two-vector {@code selectFrom}.
 * Stride-1 planes narrower than one vector with as many output as input columns run
 * {@link Depthwise3x3NarrowPlane} (the plane flattened); other planes narrower than a vector run the
 * scalar {@link #point}.
 *
 * <p>Big methods of vector code are kept apart ({@link #leftS2}): C1 gives up on them ("out of
 * virtual registers"), and a method C1 gave up on stays in slow code and never reaches C2.
 *
 * <p>Every output is {@code fma} of the nine taps in (ky, kx) order starting from the bias, padding
 * taps contributing {@code w * 0}, whatever code path covered it; so results do not depend on the
 * thread count. Only loaded when {@link VectorSupport#BITS} &gt; 0.
 */
final class Depthwise3x3Kernel {
    private Depthwise3x3Kernel() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();
    /** Lane indices 0, 2, 4, ... and 1, 3, 5, ... into the concatenation of two vectors. */
    private static final FloatVector EVEN, ODD;
    /** {@code KEEP[lo*(VL+1) + hi]}: lanes {@code lo <= l < hi} (entry 0: no lane). */
    @SuppressWarnings("unchecked")
    private static final VectorMask<Float>[] KEEP = new VectorMask[(VL + 1) * (VL + 1)];

    static {
        float[] even = new float[VL], odd = new float[VL];
        for (int i = 0; i < VL; i++) {
            even[i] = 2 * i;
            odd[i] = 2 * i + 1;
        }
        EVEN = FloatVector.fromArray(S, even, 0);
        ODD = FloatVector.fromArray(S, odd, 0);
        for (int lo = 0; lo <= VL; lo++) {
            for (int hi = 0; hi <= VL; hi++) {
                boolean[] bits = new boolean[VL];
                for (int l = lo; l < hi; l++) bits[l] = true;
                KEEP[lo * (VL + 1) + hi] = VectorMask.fromArray(S, bits, 0);
            }
        }
    }

    /**
     * Writes the {@code outH x outW} plane at {@code y[yOff...]} from the {@code inH x inW} plane at
     * {@code x[xOff...]} with the nine weights at {@code w[wOff...]} (row-major) and bias {@code b}:
     * {@code y[oh][ow] = b + sum w[ky][kx] * x[oh*s - padTop + ky][ow*s - padLeft + kx]} over taps inside
     * the input. Paddings may be negative (the input-gradient use crops).
     */
    static void plane(float[] x, int xOff, int inH, int inW, float[] w, int wOff, float b,
                      float[] y, int yOff, int outH, int outW, int s, int padTop, int padLeft) {
        if (outW < VL) {
            if (Depthwise3x3NarrowPlane.applies(s, inW, outW, outH, padLeft)) {
                Depthwise3x3NarrowPlane.plane(x, xOff, inH, inW, w, wOff, b, y, yOff, outH, outW, padTop, padLeft);
                return;
            }
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    y[yOff + oh * outW + ow] = point(x, xOff, inH, inW, w, wOff, b, oh * s - padTop, ow * s - padLeft);
                }
            }
            return;
        }
        int rows = s == 1 ? 2 : 1;
        for (int oh = 0; oh < outH; oh += rows) {
            int ih0 = oh * s - padTop, yRow = yOff + oh * outW, row = xOff + ih0 * inW;
            boolean two = s == 1 && oh + 1 < outH;
            if (two && ih0 >= -1 && ih0 + 3 <= inH) {
                // Rows 1 and 2 inside; a pair at the top or bottom of a padding-1 plane has row 0 or 3
                // in the padding, which reads zeros (same operations as edgeS1's zero blend).
                // The run of such pairs goes to one call, so the weights are broadcast once per run.
                int end = oh + 2;
                while (end + 1 < outH && end - padTop + 3 <= inH) end += 2;
                int walkFrom = oh;
                if (Depthwise3x3Columns.applies(inW, outW, padLeft)) {
                    // Rows in fours down columns where all their input rows are inside; pairs at the ends.
                    if (ih0 < 0) walkFrom += 2;
                    int walkTo = walkFrom;
                    while (walkTo + 4 <= end && walkTo - padTop + 6 <= inH) walkTo += 4;
                    if (oh < walkFrom) pairsS1(x, xOff, inH, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, oh, walkFrom);
                    if (walkFrom < walkTo) {
                        Depthwise3x3Columns.rows(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, walkFrom, walkTo);
                    }
                    walkFrom = walkTo;
                }
                if (walkFrom < end) pairsS1(x, xOff, inH, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, walkFrom, end);
                oh = end - rows;
                continue;
            }
            if (ih0 >= 0 && ih0 + (two ? 3 : 2) < inH) {
                if (s == 1) {
                    // The last row of an odd count: the pair kernel's edge path, one row.
                    for (int j = 0; j < outW; j += VL) {
                        int c = Math.min(j, outW - VL);
                        edgeS1(x, row, inW, 0b0111, false, w, wOff, b, y, yRow + c, outW, c - padLeft);
                    }
                } else {
                    rowS2(x, row, inW, w, wOff, b, y, yRow, outW, padLeft);
                }
                continue;
            }
            int use = 0;
            for (int k = 0; k < 4; k++) if (ih0 + k >= 0 && ih0 + k < inH) use |= 1 << k;
            for (int j = 0; j < outW; j += VL) {
                int c = Math.min(j, outW - VL);
                if (s == 1) {
                    edgeS1(x, row, inW, use, two, w, wOff, b, y, yRow + c, outW, c - padLeft);
                } else {
                    edgeS2(x, row, inW, use, w, wOff, b, y, yRow + c, 2 * c - padLeft);
                }
            }
        }
    }

    /** One output from the window at input row {@code ih0}, column {@code iw0}; taps outside read zero. */
    static float point(float[] x, int xOff, int inH, int inW, float[] w, int wOff, float b, int ih0, int iw0) {
        float acc = b;
        for (int ky = 0; ky < 3; ky++) {
            int ih = ih0 + ky;
            boolean rowInside = ih >= 0 && ih < inH;
            for (int kx = 0; kx < 3; kx++) {
                int iw = iw0 + kx;
                float v = rowInside && iw >= 0 && iw < inW ? x[xOff + ih * inW + iw] : 0f;
                acc = Math.fma(w[wOff + 3 * ky + kx], v, acc);
            }
        }
        return acc;
    }

    /**
     * The stride-1 output row pairs {@code ohFrom, ohFrom + 2, ...} before {@code ohTo} (one call per run,
     * so the weights are broadcast once), each from the four input rows from {@code ih0 = oh - padTop},
     * which lie inside the input except row 0 when {@code ih0 = -1} and row 3 when {@code ih0 + 3 = inH}
     * (the padding-1 rows of a plane's first and last pair: they are not loaded and read as zero vectors,
     * so those pairs get the same fma sequence as edgeS1's zero blend at the cost of a few predictable
     * branches instead of a call and mask blends per vector). Each input row is loaded once for both
     * outputs. A vector whose window starts one column left of the row takes tap 0 from tap 1's load
     * shifted up a lane with a zero (and one ending a column right of the row takes tap 2 from tap 1's
     * shifted down), the padding of 1 of ordinary convs; other border vectors go to {@link #edgeS1}.
     */
    private static void pairsS1(float[] x, int xOff, int inH, int inW, float[] w, int wOff, float b, float[] y,
                                int yOff, int outW, int padTop, int padLeft, int ohFrom, int ohTo) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        FloatVector zero = FloatVector.zero(S);
        for (int oh = ohFrom; oh < ohTo; oh += 2) {
            int ih0 = oh - padTop, row = xOff + ih0 * inW, yRow = yOff + oh * outW;
            boolean top = ih0 < 0, bottom = ih0 + 3 == inH;
            for (int j = 0, last = outW - VL; j < outW; j += VL) {
                int c = Math.min(j, last), r = c - padLeft, i = row + r;
                if (r >= 0 && r + VL + 2 <= inW) {
                    FloatVector x1 = top ? zero : FloatVector.fromArray(S, x, i + 1), x0 = top ? zero : FloatVector.fromArray(S, x, i);
                    FloatVector x2 = top ? zero : FloatVector.fromArray(S, x, i + 2);
                    FloatVector a = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                    i += inW;
                    x1 = FloatVector.fromArray(S, x, i + 1);
                    x0 = FloatVector.fromArray(S, x, i);
                    x2 = FloatVector.fromArray(S, x, i + 2);
                    a = x2.fma(w5, x1.fma(w4, x0.fma(w3, a)));
                    FloatVector d = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                    i += inW;
                    x1 = FloatVector.fromArray(S, x, i + 1);
                    x0 = FloatVector.fromArray(S, x, i);
                    x2 = FloatVector.fromArray(S, x, i + 2);
                    a = x2.fma(w8, x1.fma(w7, x0.fma(w6, a)));
                    d = x2.fma(w5, x1.fma(w4, x0.fma(w3, d)));
                    i += inW;
                    x1 = bottom ? zero : FloatVector.fromArray(S, x, i + 1);
                    x0 = bottom ? zero : FloatVector.fromArray(S, x, i);
                    x2 = bottom ? zero : FloatVector.fromArray(S, x, i + 2);
                    d = x2.fma(w8, x1.fma(w7, x0.fma(w6, d)));
                    a.intoArray(y, yRow + c);
                    d.intoArray(y, yRow + c + outW);
                } else if (r == -1 && VL + 1 <= inW) {
                    FloatVector x1 = top ? zero : FloatVector.fromArray(S, x, i + 1), x0 = x1.unslice(1);
                    FloatVector x2 = top ? zero : FloatVector.fromArray(S, x, i + 2);
                    FloatVector a = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                    i += inW;
                    x1 = FloatVector.fromArray(S, x, i + 1);
                    x0 = x1.unslice(1);
                    x2 = FloatVector.fromArray(S, x, i + 2);
                    a = x2.fma(w5, x1.fma(w4, x0.fma(w3, a)));
                    FloatVector d = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                    i += inW;
                    x1 = FloatVector.fromArray(S, x, i + 1);
                    x0 = x1.unslice(1);
                    x2 = FloatVector.fromArray(S, x, i + 2);
                    a = x2.fma(w8, x1.fma(w7, x0.fma(w6, a)));
                    d = x2.fma(w5, x1.fma(w4, x0.fma(w3, d)));
                    i += inW;
                    x1 = bottom ? zero : FloatVector.fromArray(S, x, i + 1);
                    x0 = x1.unslice(1);
                    x2 = bottom ? zero : FloatVector.fromArray(S, x, i + 2);
                    d = x2.fma(w8, x1.fma(w7, x0.fma(w6, d)));
                    a.intoArray(y, yRow + c);
                    d.intoArray(y, yRow + c + outW);
                } else if (r >= 0 && r + VL + 1 == inW) {
                    FloatVector x1 = top ? zero : FloatVector.fromArray(S, x, i + 1), x0 = top ? zero : FloatVector.fromArray(S, x, i), x2 = x1.slice(1);
                    FloatVector a = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                    i += inW;
                    x1 = FloatVector.fromArray(S, x, i + 1);
                    x0 = FloatVector.fromArray(S, x, i);
                    x2 = x1.slice(1);
                    a = x2.fma(w5, x1.fma(w4, x0.fma(w3, a)));
                    FloatVector d = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                    i += inW;
                    x1 = FloatVector.fromArray(S, x, i + 1);
                    x0 = FloatVector.fromArray(S, x, i);
                    x2 = x1.slice(1);
                    a = x2.fma(w8, x1.fma(w7, x0.fma(w6, a)));
                    d = x2.fma(w5, x1.fma(w4, x0.fma(w3, d)));
                    i += inW;
                    x1 = bottom ? zero : FloatVector.fromArray(S, x, i + 1);
                    x0 = bottom ? zero : FloatVector.fromArray(S, x, i);
                    x2 = x1.slice(1);
                    d = x2.fma(w8, x1.fma(w7, x0.fma(w6, d)));
                    a.intoArray(y, yRow + c);
                    d.intoArray(y, yRow + c + outW);
                } else {
                    edgeS1(x, row, inW, (top ? 0 : 1) | 0b0110 | (bottom ? 0 : 8), true, w, wOff, b, y, yRow + c, outW, r);
                }
            }
        }
    }

    /**
     * One vector of stride-1 output columns at {@code y[yAt...]} (and, when {@code two}, of the next
     * row) whose window starts at column {@code r} of input row offset {@code row}; input row k counts
     * where bit k of {@code use} is set. Loads are plain and may read neighbouring rows' cells; lanes
     * outside the row, and whole unused rows (loaded from a safe row), are replaced by zero with a
     * blend. Vectors whose loads would leave the array run {@link #point}.
     */
    private static void edgeS1(float[] x, int row, int inW, int use, boolean two, float[] w, int wOff, float b,
                               float[] y, int yAt, int outW, int r) {
        int safe = -1;
        for (int k = 0; k < 4; k++) if ((use >> k & 1) != 0) safe = row + k * inW;
        int first = row + r - 1 + ((use & 1) != 0 ? 0 : (use & 2) != 0 ? inW : 2 * inW);
        int lastRow = (use & 8) != 0 && two ? 3 : (use & 4) != 0 ? 2 : 1;
        if (safe < 0 || first + 1 < 0 || row + lastRow * inW + r + 2 + VL > x.length) {
            int iw0 = r, ih0 = 0;
            for (int l = 0; l < VL; l++) {
                for (int t = 0; t < (two ? 2 : 1); t++) {
                    float acc = b;
                    for (int ky = 0; ky < 3; ky++) {
                        int k = t + ky;
                        boolean used = (use >> k & 1) != 0;
                        for (int kx = 0; kx < 3; kx++) {
                            int iw = iw0 + l + kx;
                            float v = used && iw >= 0 && iw < inW ? x[row + k * inW + iw] : 0f;
                            acc = Math.fma(w[wOff + 3 * ky + kx], v, acc);
                        }
                    }
                    y[yAt + t * outW + l] = acc;
                }
            }
            return;
        }
        VectorMask<Float> m0 = keep(r, inW), m1 = keep(r + 1, inW), m2 = keep(r + 2, inW), none = KEEP[0];
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        FloatVector zero = FloatVector.zero(S);
        boolean u = (use & 1) != 0;
        int i = (u ? row : safe) + r;
        FloatVector x0 = zero.blend(FloatVector.fromArray(S, x, i), u ? m0 : none);
        FloatVector x1 = zero.blend(FloatVector.fromArray(S, x, i + 1), u ? m1 : none);
        FloatVector x2 = zero.blend(FloatVector.fromArray(S, x, i + 2), u ? m2 : none);
        FloatVector a = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        u = (use & 2) != 0;
        i = (u ? row + inW : safe) + r;
        x0 = zero.blend(FloatVector.fromArray(S, x, i), u ? m0 : none);
        x1 = zero.blend(FloatVector.fromArray(S, x, i + 1), u ? m1 : none);
        x2 = zero.blend(FloatVector.fromArray(S, x, i + 2), u ? m2 : none);
        a = x2.fma(w5, x1.fma(w4, x0.fma(w3, a)));
        FloatVector d = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        u = (use & 4) != 0;
        i = (u ? row + 2 * inW : safe) + r;
        x0 = zero.blend(FloatVector.fromArray(S, x, i), u ? m0 : none);
        x1 = zero.blend(FloatVector.fromArray(S, x, i + 1), u ? m1 : none);
        x2 = zero.blend(FloatVector.fromArray(S, x, i + 2), u ? m2 : none);
        a = x2.fma(w8, x1.fma(w7, x0.fma(w6, a)));
        d = x2.fma(w5, x1.fma(w4, x0.fma(w3, d)));
        a.intoArray(y, yAt);
        if (!two) return;
        u = (use & 8) != 0;
        i = (u ? row + 3 * inW : safe) + r;
        x0 = zero.blend(FloatVector.fromArray(S, x, i), u ? m0 : none);
        x1 = zero.blend(FloatVector.fromArray(S, x, i + 1), u ? m1 : none);
        x2 = zero.blend(FloatVector.fromArray(S, x, i + 2), u ? m2 : none);
        d = x2.fma(w8, x1.fma(w7, x0.fma(w6, d)));
        d.intoArray(y, yAt + outW);
    }

    /** The lanes {@code l} whose column {@code r + l} (from the row start) lies inside the row. */
    private static VectorMask<Float> keep(int r, int inW) {
        int lo = Math.min(VL, Math.max(0, -r)), hi = Math.max(lo, Math.min(VL, inW - r));
        return KEEP[lo * (VL + 1) + hi];
    }

    /** One stride-2 output row whose three input rows from offset {@code row} lie inside the input. */
    private static void rowS2(float[] x, int row, int inW, float[] w, int wOff, float b, float[] y, int yRow,
                              int outW, int padLeft) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        for (int j = 0, last = outW - VL; j < outW; j += VL) {
            int c = Math.min(j, last), r = 2 * c - padLeft, i = row + r;
            if (r == -1 && 2 * VL <= inW) {
                leftS2(x, i, inW, w, wOff, b, y, yRow + c);
                continue;
            }
            if (r < 0 || r + 2 * VL + 1 > inW) {
                edgeS2(x, row, inW, 0b111, w, wOff, b, y, yRow + c, r);
                continue;
            }
            // Lanes 0..2VL-1 from the window start and from one column on: the even lanes of the first
            // pair are tap 0, its odd lanes tap 1, the odd lanes of the second pair tap 2.
            FloatVector p = FloatVector.fromArray(S, x, i), q = FloatVector.fromArray(S, x, i + VL);
            FloatVector p1 = FloatVector.fromArray(S, x, i + 1), q1 = FloatVector.fromArray(S, x, i + 1 + VL);
            FloatVector a = EVEN.selectFrom(p, q).fma(w0, bv);
            a = ODD.selectFrom(p, q).fma(w1, a);
            a = ODD.selectFrom(p1, q1).fma(w2, a);
            i += inW;
            p = FloatVector.fromArray(S, x, i);
            q = FloatVector.fromArray(S, x, i + VL);
            p1 = FloatVector.fromArray(S, x, i + 1);
            q1 = FloatVector.fromArray(S, x, i + 1 + VL);
            a = EVEN.selectFrom(p, q).fma(w3, a);
            a = ODD.selectFrom(p, q).fma(w4, a);
            a = ODD.selectFrom(p1, q1).fma(w5, a);
            i += inW;
            p = FloatVector.fromArray(S, x, i);
            q = FloatVector.fromArray(S, x, i + VL);
            p1 = FloatVector.fromArray(S, x, i + 1);
            q1 = FloatVector.fromArray(S, x, i + 1 + VL);
            a = EVEN.selectFrom(p, q).fma(w6, a);
            a = ODD.selectFrom(p, q).fma(w7, a);
            a = ODD.selectFrom(p1, q1).fma(w8, a);
            a.intoArray(y, yRow + c);
        }
    }

    /**
     * One stride-2 vector whose window starts one column left of the row (padding 1), at input offset
     * {@code i}: tap 0 of lane l is tap 2 of lane l-1, so every load stays inside the row. A method of
     * its own: C1 gives up on (and C2 then never sees) methods with much more vector code.
     */
    private static void leftS2(float[] x, int i, int inW, float[] w, int wOff, float b, float[] y, int yAt) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        FloatVector p1 = FloatVector.fromArray(S, x, i + 1), q1 = FloatVector.fromArray(S, x, i + 1 + VL);
        FloatVector t2 = ODD.selectFrom(p1, q1);
        FloatVector a = t2.unslice(1).fma(w0, bv);
        a = EVEN.selectFrom(p1, q1).fma(w1, a);
        a = t2.fma(w2, a);
        i += inW;
        p1 = FloatVector.fromArray(S, x, i + 1);
        q1 = FloatVector.fromArray(S, x, i + 1 + VL);
        t2 = ODD.selectFrom(p1, q1);
        a = t2.unslice(1).fma(w3, a);
        a = EVEN.selectFrom(p1, q1).fma(w4, a);
        a = t2.fma(w5, a);
        i += inW;
        p1 = FloatVector.fromArray(S, x, i + 1);
        q1 = FloatVector.fromArray(S, x, i + 1 + VL);
        t2 = ODD.selectFrom(p1, q1);
        a = t2.unslice(1).fma(w6, a);
        a = EVEN.selectFrom(p1, q1).fma(w7, a);
        a = t2.fma(w8, a);
        a.intoArray(y, yAt);
    }

    /**
     * One vector of stride-2 output columns at {@code y[yAt...]} whose window starts at column {@code r}
     * of input row offset {@code row}; as {@link #edgeS1} with the loads of {@link #rowS2}.
     */
    private static void edgeS2(float[] x, int row, int inW, int use, float[] w, int wOff, float b,
                               float[] y, int yAt, int r) {
        int safe = -1, lo = -1;
        for (int k = 2; k >= 0; k--) if ((use >> k & 1) != 0) safe = row + k * inW;
        for (int k = 0; k < 3; k++) if ((use >> k & 1) != 0) lo = row + k * inW;
        if (safe < 0 || safe + r < 0 || lo + r + 2 * VL + 1 > x.length) {
            for (int l = 0; l < VL; l++) {
                float acc = b;
                for (int k = 0; k < 3; k++) {
                    boolean used = (use >> k & 1) != 0;
                    for (int kx = 0; kx < 3; kx++) {
                        int iw = r + 2 * l + kx;
                        float v = used && iw >= 0 && iw < inW ? x[row + k * inW + iw] : 0f;
                        acc = Math.fma(w[wOff + 3 * k + kx], v, acc);
                    }
                }
                y[yAt + l] = acc;
            }
            return;
        }
        VectorMask<Float> mp = keep(r, inW), mq = keep(r + VL, inW), mp1 = keep(r + 1, inW), mq1 = keep(r + 1 + VL, inW);
        VectorMask<Float> none = KEEP[0];
        FloatVector zero = FloatVector.zero(S), a = FloatVector.broadcast(S, b);
        for (int k = 0; k < 3; k++) {
            boolean u = (use >> k & 1) != 0;
            int i = (u ? row + k * inW : safe) + r, t = wOff + 3 * k;
            FloatVector p = zero.blend(FloatVector.fromArray(S, x, i), u ? mp : none);
            FloatVector q = zero.blend(FloatVector.fromArray(S, x, i + VL), u ? mq : none);
            FloatVector p1 = zero.blend(FloatVector.fromArray(S, x, i + 1), u ? mp1 : none);
            FloatVector q1 = zero.blend(FloatVector.fromArray(S, x, i + 1 + VL), u ? mq1 : none);
            a = EVEN.selectFrom(p, q).fma(FloatVector.broadcast(S, w[t]), a);
            a = ODD.selectFrom(p, q).fma(FloatVector.broadcast(S, w[t + 1]), a);
            a = ODD.selectFrom(p1, q1).fma(FloatVector.broadcast(S, w[t + 2]), a);
        }
        a.intoArray(y, yAt);
    }
}
