package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stride-1 3x3 depthwise output rows, for {@link Depthwise3x3Kernel}, computed down columns: a group of
 * vectors of output columns walks down a block of rows, and each input row, loaded once (three
 * shifted loads per vector), finishes one output row, continues the next and starts the one after,
 * whose partial sums stay in registers. So an output vector costs three loads and one store for its
 * nine FMAs. Groups of four vectors (twelve independent accumulator chains) run the inside of the row;
 * on the Zen 4 this was tuned on, S5 ran about 5% faster with four than with pairs (six chains) and
 * pairs faster than single vectors, although four chains cover the FMA latency in a plain FMA loop.
 * (Four rows at a time across the width, 4.5 loads per output with all four chains starting and
 * ending together, measured slower.)
 *
 * <p>Applies to blocks of rows whose input rows all lie inside the plane, when the columns have at most
 * one column of padding on each side ({@link #applies}): the vector at column 0 may start one column
 * left of the row, the last may end one column right of it ({@link Depthwise3x3ColumnBorders}), and the
 * vectors between lie inside. Each group is a method of its own that broadcasts the weights once per
 * block and calls nothing, so the weights stay in registers (a call would make C2 spill every vector
 * register). The methods share one pattern, written out per group because vectors cannot cross a call.
 * Their loops step two rows at a time, which keeps them small enough for C1: with four rows a step the
 * four-vector method exceeded C1's virtual registers ("COMPILE SKIPPED"), so it ran interpreted, very
 * slowly, until C2 took it.
 *
 * <p>Every output is {@code fma} of the nine taps in (ky, kx) order starting from the bias, a padding
 * tap contributing {@code w * 0}: the same operations as the kernel's other paths, so the values do not
 * depend on which path (or thread) covered a row. The last step of a block also starts the two rows
 * after it (from input rows it has loaded anyway) and drops them. Only loaded when
 * {@link VectorSupport#BITS} &gt; 0.
 */
final class Depthwise3x3Columns {
    private Depthwise3x3Columns() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();

    /**
     * Rows per block (a multiple of 4). Each block costs a prologue of two input rows per column group and
     * wastes the two rows its last step starts, so larger blocks do less work; the input rows a block's
     * groups walk one after another are then read from L2 rather than L1, which on S5 (108 rows in one
     * block, 50 KiB planes) was not slower: 0.073 ms against 0.078 ms with blocks of 32.
     */
    static final int BLOCK = 128;

    /**
     * Whether the columns suit {@link #rows}: vectors of outputs fill the row ({@code outW >= VL}), the
     * left padding is 0 or 1, no output window reaches more than one column past the row's right end,
     * and the row is long enough ({@code inW >= VL + 2}) that the first and last vectors differ.
     */
    static boolean applies(int inW, int outW, int padLeft) {
        return outW >= VL && (padLeft == 0 || padLeft == 1) && outW + 1 - padLeft <= inW && inW >= VL + 2;
    }

    /**
     * Writes output rows {@code ohFrom, ..., ohTo - 1} ({@code ohTo - ohFrom} a multiple of 4) of the
     * {@code outW}-wide plane at {@code y[yOff...]}; output row {@code oh} reads input rows
     * {@code oh - padTop ... oh - padTop + 2} of the {@code inW}-wide plane at {@code x[xOff...]}, which
     * the caller guarantees lie inside that plane.
     */
    static void rows(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff, int outW,
                     int padTop, int padLeft, int ohFrom, int ohTo) {
        int last = outW - VL;
        // Vectors at multiples of VL from jLo up to jEnd lie inside the row; the one at `last` (when not
        // among them) lies inside too or ends one column past the row.
        int jLo = padLeft == 0 ? 0 : VL, jEnd = Math.min(last, inW - VL - 2 + padLeft) + 1;
        int count = jEnd > jLo ? (jEnd - jLo + VL - 1) / VL : 0, quadEnd = jLo + count / 4 * 4 * VL;
        int odd = jLo + (count - 1) * VL;
        boolean lastInside = last - padLeft + VL + 2 <= inW, lastDone = last % VL == 0 && last < jEnd;
        // An odd inside vector joins the two border vectors (nine chains) rather than running alone (three).
        boolean joined = count % 2 == 1 && !lastDone && !lastInside && padLeft == 1;
        for (int from = ohFrom; from < ohTo; from += BLOCK) {
            int to = Math.min(ohTo, from + BLOCK);
            if (count >= 4) {
                insideQuads(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, jLo, quadEnd);
            }
            if (count % 4 >= 2) {
                insidePairs(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, quadEnd, jEnd);
            }
            if (joined) {
                Depthwise3x3ColumnBorders.leftInsideRight(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft,
                        from, to, odd, last);
                continue;
            }
            if (count % 2 == 1) inside(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, odd);
            if (!lastDone && lastInside) {
                inside(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, last);
            }
            if (padLeft == 1 && (lastDone || lastInside)) {
                Depthwise3x3ColumnBorders.left(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to);
            } else if (padLeft == 1) {
                Depthwise3x3ColumnBorders.leftRight(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to,
                        last);
            } else if (!lastDone && !lastInside) {
                Depthwise3x3ColumnBorders.right(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to,
                        last);
            }
        }
    }

    /**
     * The groups of four vectors at output columns {@code j ... j + 3 VL} for {@code j = jFrom, jFrom + 4 VL,
     * ...} while {@code j + 3 VL < jEnd}, whose windows lie inside the rows: twelve accumulator chains.
     */
    private static void insideQuads(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo, int jFrom, int jEnd) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        for (int j = jFrom; j + 3 * VL < jEnd; j += 4 * VL) {
            int r = xOff + (ohFrom - padTop) * inW - padLeft, t = yOff + ohFrom * outW;
            FloatVector x0 = FloatVector.fromArray(S, x, r + j);
            FloatVector x1 = FloatVector.fromArray(S, x, r + j + 1);
            FloatVector x2 = FloatVector.fromArray(S, x, r + j + 2);
            FloatVector p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            FloatVector x0v = FloatVector.fromArray(S, x, r + j + VL);
            FloatVector x1v = FloatVector.fromArray(S, x, r + j + VL + 1);
            FloatVector x2v = FloatVector.fromArray(S, x, r + j + VL + 2);
            FloatVector pv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            FloatVector x0u = FloatVector.fromArray(S, x, r + j + 2 * VL);
            FloatVector x1u = FloatVector.fromArray(S, x, r + j + 2 * VL + 1);
            FloatVector x2u = FloatVector.fromArray(S, x, r + j + 2 * VL + 2);
            FloatVector pu = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
            FloatVector x0z = FloatVector.fromArray(S, x, r + j + 3 * VL);
            FloatVector x1z = FloatVector.fromArray(S, x, r + j + 3 * VL + 1);
            FloatVector x2z = FloatVector.fromArray(S, x, r + j + 3 * VL + 2);
            FloatVector pz = x2z.fma(w2, x1z.fma(w1, x0z.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + inW + j);
            x1 = FloatVector.fromArray(S, x, r + inW + j + 1);
            x2 = FloatVector.fromArray(S, x, r + inW + j + 2);
            p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
            FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + inW + j + VL);
            x1v = FloatVector.fromArray(S, x, r + inW + j + VL + 1);
            x2v = FloatVector.fromArray(S, x, r + inW + j + VL + 2);
            pv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, pv)));
            FloatVector qv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x0u = FloatVector.fromArray(S, x, r + inW + j + 2 * VL);
            x1u = FloatVector.fromArray(S, x, r + inW + j + 2 * VL + 1);
            x2u = FloatVector.fromArray(S, x, r + inW + j + 2 * VL + 2);
            pu = x2u.fma(w5, x1u.fma(w4, x0u.fma(w3, pu)));
            FloatVector qu = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
            x0z = FloatVector.fromArray(S, x, r + inW + j + 3 * VL);
            x1z = FloatVector.fromArray(S, x, r + inW + j + 3 * VL + 1);
            x2z = FloatVector.fromArray(S, x, r + inW + j + 3 * VL + 2);
            pz = x2z.fma(w5, x1z.fma(w4, x0z.fma(w3, pz)));
            FloatVector qz = x2z.fma(w2, x1z.fma(w1, x0z.fma(w0, bv)));
            r += 2 * inW;
            for (int oh = ohFrom; oh < ohTo; oh += 2) {
                x0 = FloatVector.fromArray(S, x, r + j);
                x1 = FloatVector.fromArray(S, x, r + j + 1);
                x2 = FloatVector.fromArray(S, x, r + j + 2);
                p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
                p.intoArray(y, t + j);
                q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
                FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                x0v = FloatVector.fromArray(S, x, r + j + VL);
                x1v = FloatVector.fromArray(S, x, r + j + VL + 1);
                x2v = FloatVector.fromArray(S, x, r + j + VL + 2);
                pv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, pv)));
                pv.intoArray(y, t + j + VL);
                qv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, qv)));
                FloatVector n0v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
                x0u = FloatVector.fromArray(S, x, r + j + 2 * VL);
                x1u = FloatVector.fromArray(S, x, r + j + 2 * VL + 1);
                x2u = FloatVector.fromArray(S, x, r + j + 2 * VL + 2);
                pu = x2u.fma(w8, x1u.fma(w7, x0u.fma(w6, pu)));
                pu.intoArray(y, t + j + 2 * VL);
                qu = x2u.fma(w5, x1u.fma(w4, x0u.fma(w3, qu)));
                FloatVector n0u = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
                x0z = FloatVector.fromArray(S, x, r + j + 3 * VL);
                x1z = FloatVector.fromArray(S, x, r + j + 3 * VL + 1);
                x2z = FloatVector.fromArray(S, x, r + j + 3 * VL + 2);
                pz = x2z.fma(w8, x1z.fma(w7, x0z.fma(w6, pz)));
                pz.intoArray(y, t + j + 3 * VL);
                qz = x2z.fma(w5, x1z.fma(w4, x0z.fma(w3, qz)));
                FloatVector n0z = x2z.fma(w2, x1z.fma(w1, x0z.fma(w0, bv)));
                x0 = FloatVector.fromArray(S, x, r + inW + j);
                x1 = FloatVector.fromArray(S, x, r + inW + j + 1);
                x2 = FloatVector.fromArray(S, x, r + inW + j + 2);
                q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
                q.intoArray(y, t + outW + j);
                n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
                FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                x0v = FloatVector.fromArray(S, x, r + inW + j + VL);
                x1v = FloatVector.fromArray(S, x, r + inW + j + VL + 1);
                x2v = FloatVector.fromArray(S, x, r + inW + j + VL + 2);
                qv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, qv)));
                qv.intoArray(y, t + outW + j + VL);
                n0v = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, n0v)));
                FloatVector n1v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
                x0u = FloatVector.fromArray(S, x, r + inW + j + 2 * VL);
                x1u = FloatVector.fromArray(S, x, r + inW + j + 2 * VL + 1);
                x2u = FloatVector.fromArray(S, x, r + inW + j + 2 * VL + 2);
                qu = x2u.fma(w8, x1u.fma(w7, x0u.fma(w6, qu)));
                qu.intoArray(y, t + outW + j + 2 * VL);
                n0u = x2u.fma(w5, x1u.fma(w4, x0u.fma(w3, n0u)));
                FloatVector n1u = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
                x0z = FloatVector.fromArray(S, x, r + inW + j + 3 * VL);
                x1z = FloatVector.fromArray(S, x, r + inW + j + 3 * VL + 1);
                x2z = FloatVector.fromArray(S, x, r + inW + j + 3 * VL + 2);
                qz = x2z.fma(w8, x1z.fma(w7, x0z.fma(w6, qz)));
                qz.intoArray(y, t + outW + j + 3 * VL);
                n0z = x2z.fma(w5, x1z.fma(w4, x0z.fma(w3, n0z)));
                FloatVector n1z = x2z.fma(w2, x1z.fma(w1, x0z.fma(w0, bv)));
                p = n0;
                q = n1;
                pv = n0v;
                qv = n1v;
                pu = n0u;
                qu = n1u;
                pz = n0z;
                qz = n1z;
                r += 2 * inW;
                t += 2 * outW;
            }
        }
    }

    /**
     * The pairs of vectors at output columns {@code j, j + VL} for {@code j = jFrom, jFrom + 2 VL, ...}
     * while {@code j + VL < jEnd}, whose windows lie inside the rows.
     */
    private static void insidePairs(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo, int jFrom, int jEnd) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        for (int j = jFrom; j + VL < jEnd; j += 2 * VL) {
            int r = xOff + (ohFrom - padTop) * inW - padLeft, t = yOff + ohFrom * outW;
            FloatVector x0 = FloatVector.fromArray(S, x, r + j);
            FloatVector x1 = FloatVector.fromArray(S, x, r + j + 1);
            FloatVector x2 = FloatVector.fromArray(S, x, r + j + 2);
            FloatVector p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            FloatVector x0v = FloatVector.fromArray(S, x, r + j + VL);
            FloatVector x1v = FloatVector.fromArray(S, x, r + j + VL + 1);
            FloatVector x2v = FloatVector.fromArray(S, x, r + j + VL + 2);
            FloatVector pv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + inW + j);
            x1 = FloatVector.fromArray(S, x, r + inW + j + 1);
            x2 = FloatVector.fromArray(S, x, r + inW + j + 2);
            p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
            FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + inW + j + VL);
            x1v = FloatVector.fromArray(S, x, r + inW + j + VL + 1);
            x2v = FloatVector.fromArray(S, x, r + inW + j + VL + 2);
            pv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, pv)));
            FloatVector qv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            r += 2 * inW;
            for (int oh = ohFrom; oh < ohTo; oh += 2) {
                x0 = FloatVector.fromArray(S, x, r + j);
                x1 = FloatVector.fromArray(S, x, r + j + 1);
                x2 = FloatVector.fromArray(S, x, r + j + 2);
                p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
                p.intoArray(y, t + j);
                q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
                FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                x0v = FloatVector.fromArray(S, x, r + j + VL);
                x1v = FloatVector.fromArray(S, x, r + j + VL + 1);
                x2v = FloatVector.fromArray(S, x, r + j + VL + 2);
                pv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, pv)));
                pv.intoArray(y, t + j + VL);
                qv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, qv)));
                FloatVector n0v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
                x0 = FloatVector.fromArray(S, x, r + inW + j);
                x1 = FloatVector.fromArray(S, x, r + inW + j + 1);
                x2 = FloatVector.fromArray(S, x, r + inW + j + 2);
                q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
                q.intoArray(y, t + outW + j);
                n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
                FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                x0v = FloatVector.fromArray(S, x, r + inW + j + VL);
                x1v = FloatVector.fromArray(S, x, r + inW + j + VL + 1);
                x2v = FloatVector.fromArray(S, x, r + inW + j + VL + 2);
                qv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, qv)));
                qv.intoArray(y, t + outW + j + VL);
                n0v = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, n0v)));
                FloatVector n1v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
                p = n0;
                q = n1;
                pv = n0v;
                qv = n1v;
                r += 2 * inW;
                t += 2 * outW;
            }
        }
    }

    /** The vector at output column {@code c}, whose windows lie inside the rows. */
    private static void inside(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo, int c) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        int r = xOff + (ohFrom - padTop) * inW - padLeft, t = yOff + ohFrom * outW;
        FloatVector x0 = FloatVector.fromArray(S, x, r + c);
        FloatVector x1 = FloatVector.fromArray(S, x, r + c + 1);
        FloatVector x2 = FloatVector.fromArray(S, x, r + c + 2);
        FloatVector p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        x0 = FloatVector.fromArray(S, x, r + inW + c);
        x1 = FloatVector.fromArray(S, x, r + inW + c + 1);
        x2 = FloatVector.fromArray(S, x, r + inW + c + 2);
        p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
        FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        r += 2 * inW;
        for (int oh = ohFrom; oh < ohTo; oh += 2) {
            x0 = FloatVector.fromArray(S, x, r + c);
            x1 = FloatVector.fromArray(S, x, r + c + 1);
            x2 = FloatVector.fromArray(S, x, r + c + 2);
            p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
            p.intoArray(y, t + c);
            q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
            FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + inW + c);
            x1 = FloatVector.fromArray(S, x, r + inW + c + 1);
            x2 = FloatVector.fromArray(S, x, r + inW + c + 2);
            q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
            q.intoArray(y, t + outW + c);
            n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
            FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            p = n0;
            q = n1;
            r += 2 * inW;
            t += 2 * outW;
        }
    }
}
