package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stride-1 3x3 depthwise output rows, for {@link Depthwise3x3Kernel}, computed down columns: a vector
 * (or pair of vectors) of output columns walks down a block of rows, and each input row, loaded once
 * (three shifted loads), finishes one output row, continues the next and starts the one after, whose
 * partial sums stay in registers. So an output vector costs three loads and one store for its nine
 * FMAs, and at every step six (pairs) or three independent accumulator chains are in flight. (Four
 * rows at a time across the width, 4.5 loads per output with all four chains starting and ending
 * together, measured slower on S5.)
 *
 * <p>Applies to blocks of rows whose input rows all lie inside the plane, when the columns have at most
 * one column of padding on each side ({@link #applies}): the vector at column 0 may start one column
 * left of the row (tap 0 then comes from tap 1's load shifted up a lane with a zero), the last may end
 * one column right of it (tap 2 from tap 1's load shifted down), and the vectors between lie inside.
 * Each kind of column is a method of its own that broadcasts the weights once per block and calls
 * nothing, so the weights stay in registers (a call would make C2 spill every vector register).
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
     * Rows per block: a block of 32 output rows reads 34 input rows, which stay in L1 (up to 34 KiB
     * with rows of about 250 floats) while the block's columns walk down them one after another.
     */
    static final int BLOCK = 32;

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
        int count = jEnd > jLo ? (jEnd - jLo + VL - 1) / VL : 0, odd = jLo + (count - 1) * VL;
        boolean lastInside = last - padLeft + VL + 2 <= inW, lastDone = last % VL == 0 && last < jEnd;
        for (int from = ohFrom; from < ohTo; from += BLOCK) {
            int to = Math.min(ohTo, from + BLOCK);
            if (count >= 2) insidePairs(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, jLo, jEnd);
            if (count % 2 == 1) inside(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, odd);
            if (lastDone) {
                if (padLeft == 1) left(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to);
            } else if (lastInside) {
                inside(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, last);
                if (padLeft == 1) left(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to);
            } else if (padLeft == 1) {
                leftRight(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, last);
            } else {
                right(x, xOff, inW, w, wOff, b, y, yOff, outW, padTop, padLeft, from, to, last);
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
            for (int oh = ohFrom; oh < ohTo; oh += 4) {
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
                x0 = FloatVector.fromArray(S, x, r + 2 * inW + j);
                x1 = FloatVector.fromArray(S, x, r + 2 * inW + j + 1);
                x2 = FloatVector.fromArray(S, x, r + 2 * inW + j + 2);
                n0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n0)));
                n0.intoArray(y, t + 2 * outW + j);
                n1 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n1)));
                p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                x0v = FloatVector.fromArray(S, x, r + 2 * inW + j + VL);
                x1v = FloatVector.fromArray(S, x, r + 2 * inW + j + VL + 1);
                x2v = FloatVector.fromArray(S, x, r + 2 * inW + j + VL + 2);
                n0v = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, n0v)));
                n0v.intoArray(y, t + 2 * outW + j + VL);
                n1v = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, n1v)));
                pv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
                x0 = FloatVector.fromArray(S, x, r + 3 * inW + j);
                x1 = FloatVector.fromArray(S, x, r + 3 * inW + j + 1);
                x2 = FloatVector.fromArray(S, x, r + 3 * inW + j + 2);
                n1 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n1)));
                n1.intoArray(y, t + 3 * outW + j);
                p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
                q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
                x0v = FloatVector.fromArray(S, x, r + 3 * inW + j + VL);
                x1v = FloatVector.fromArray(S, x, r + 3 * inW + j + VL + 1);
                x2v = FloatVector.fromArray(S, x, r + 3 * inW + j + VL + 2);
                n1v = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, n1v)));
                n1v.intoArray(y, t + 3 * outW + j + VL);
                pv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, pv)));
                qv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
                r += 4 * inW;
                t += 4 * outW;
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
        for (int oh = ohFrom; oh < ohTo; oh += 4) {
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
            x0 = FloatVector.fromArray(S, x, r + 2 * inW + c);
            x1 = FloatVector.fromArray(S, x, r + 2 * inW + c + 1);
            x2 = FloatVector.fromArray(S, x, r + 2 * inW + c + 2);
            n0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n0)));
            n0.intoArray(y, t + 2 * outW + c);
            n1 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n1)));
            p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + 3 * inW + c);
            x1 = FloatVector.fromArray(S, x, r + 3 * inW + c + 1);
            x2 = FloatVector.fromArray(S, x, r + 3 * inW + c + 2);
            n1 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n1)));
            n1.intoArray(y, t + 3 * outW + c);
            p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
            q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            r += 4 * inW;
            t += 4 * outW;
        }
    }

    /**
     * The vector at output column 0 (windows start one column left of the row) and the one at {@code c}
     * (windows end one column right of it).
     */
    private static void leftRight(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo, int c) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        int r = xOff + (ohFrom - padTop) * inW - padLeft, t = yOff + ohFrom * outW;
        FloatVector x1 = FloatVector.fromArray(S, x, r + 1);
        FloatVector x0 = x1.unslice(1);
        FloatVector x2 = FloatVector.fromArray(S, x, r + 2);
        FloatVector p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        FloatVector x0v = FloatVector.fromArray(S, x, r + c);
        FloatVector x1v = FloatVector.fromArray(S, x, r + c + 1);
        FloatVector x2v = x1v.slice(1);
        FloatVector pv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
        x1 = FloatVector.fromArray(S, x, r + inW + 1);
        x0 = x1.unslice(1);
        x2 = FloatVector.fromArray(S, x, r + inW + 2);
        p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
        FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        x0v = FloatVector.fromArray(S, x, r + inW + c);
        x1v = FloatVector.fromArray(S, x, r + inW + c + 1);
        x2v = x1v.slice(1);
        pv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, pv)));
        FloatVector qv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
        r += 2 * inW;
        for (int oh = ohFrom; oh < ohTo; oh += 4) {
            x1 = FloatVector.fromArray(S, x, r + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 2);
            p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
            p.intoArray(y, t);
            q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
            FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + c);
            x1v = FloatVector.fromArray(S, x, r + c + 1);
            x2v = x1v.slice(1);
            pv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, pv)));
            pv.intoArray(y, t + c);
            qv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, qv)));
            FloatVector n0v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + inW + 2);
            q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
            q.intoArray(y, t + outW);
            n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
            FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + inW + c);
            x1v = FloatVector.fromArray(S, x, r + inW + c + 1);
            x2v = x1v.slice(1);
            qv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, qv)));
            qv.intoArray(y, t + outW + c);
            n0v = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, n0v)));
            FloatVector n1v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + 2 * inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 2 * inW + 2);
            n0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n0)));
            n0.intoArray(y, t + 2 * outW);
            n1 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n1)));
            p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + 2 * inW + c);
            x1v = FloatVector.fromArray(S, x, r + 2 * inW + c + 1);
            x2v = x1v.slice(1);
            n0v = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, n0v)));
            n0v.intoArray(y, t + 2 * outW + c);
            n1v = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, n1v)));
            pv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + 3 * inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 3 * inW + 2);
            n1 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n1)));
            n1.intoArray(y, t + 3 * outW);
            p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
            q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + 3 * inW + c);
            x1v = FloatVector.fromArray(S, x, r + 3 * inW + c + 1);
            x2v = x1v.slice(1);
            n1v = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, n1v)));
            n1v.intoArray(y, t + 3 * outW + c);
            pv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, pv)));
            qv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            r += 4 * inW;
            t += 4 * outW;
        }
    }

    /** The vector at output column 0, whose windows start one column left of the row. */
    private static void left(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        int r = xOff + (ohFrom - padTop) * inW - padLeft, t = yOff + ohFrom * outW;
        FloatVector x1 = FloatVector.fromArray(S, x, r + 1);
        FloatVector x0 = x1.unslice(1);
        FloatVector x2 = FloatVector.fromArray(S, x, r + 2);
        FloatVector p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        x1 = FloatVector.fromArray(S, x, r + inW + 1);
        x0 = x1.unslice(1);
        x2 = FloatVector.fromArray(S, x, r + inW + 2);
        p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
        FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        r += 2 * inW;
        for (int oh = ohFrom; oh < ohTo; oh += 4) {
            x1 = FloatVector.fromArray(S, x, r + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 2);
            p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
            p.intoArray(y, t);
            q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
            FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + inW + 2);
            q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
            q.intoArray(y, t + outW);
            n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
            FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + 2 * inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 2 * inW + 2);
            n0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n0)));
            n0.intoArray(y, t + 2 * outW);
            n1 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n1)));
            p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + 3 * inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 3 * inW + 2);
            n1 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n1)));
            n1.intoArray(y, t + 3 * outW);
            p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
            q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            r += 4 * inW;
            t += 4 * outW;
        }
    }

    /** The vector at output column {@code c}, whose windows end one column right of the row. */
    private static void right(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo, int c) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bv = FloatVector.broadcast(S, b);
        int r = xOff + (ohFrom - padTop) * inW - padLeft, t = yOff + ohFrom * outW;
        FloatVector x0 = FloatVector.fromArray(S, x, r + c);
        FloatVector x1 = FloatVector.fromArray(S, x, r + c + 1);
        FloatVector x2 = x1.slice(1);
        FloatVector p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        x0 = FloatVector.fromArray(S, x, r + inW + c);
        x1 = FloatVector.fromArray(S, x, r + inW + c + 1);
        x2 = x1.slice(1);
        p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
        FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        r += 2 * inW;
        for (int oh = ohFrom; oh < ohTo; oh += 4) {
            x0 = FloatVector.fromArray(S, x, r + c);
            x1 = FloatVector.fromArray(S, x, r + c + 1);
            x2 = x1.slice(1);
            p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
            p.intoArray(y, t + c);
            q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
            FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + inW + c);
            x1 = FloatVector.fromArray(S, x, r + inW + c + 1);
            x2 = x1.slice(1);
            q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
            q.intoArray(y, t + outW + c);
            n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
            FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + 2 * inW + c);
            x1 = FloatVector.fromArray(S, x, r + 2 * inW + c + 1);
            x2 = x1.slice(1);
            n0 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n0)));
            n0.intoArray(y, t + 2 * outW + c);
            n1 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n1)));
            p = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0 = FloatVector.fromArray(S, x, r + 3 * inW + c);
            x1 = FloatVector.fromArray(S, x, r + 3 * inW + c + 1);
            x2 = x1.slice(1);
            n1 = x2.fma(w8, x1.fma(w7, x0.fma(w6, n1)));
            n1.intoArray(y, t + 3 * outW + c);
            p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
            q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            r += 4 * inW;
            t += 4 * outW;
        }
    }
}
