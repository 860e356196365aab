package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The border columns of {@link Depthwise3x3Columns}, walked down a block of rows the same way: the
 * vector at output column 0 when the windows start one column left of the row (padding 1: tap 0 comes
 * from tap 1's load shifted up a lane with a zero, {@code unslice(1)}) and the last vector when they end
 * one column right of it (tap 2 from tap 1's load shifted down, {@code slice(1)}), so neither needs a
 * mask or a copy; with an odd inside vector joined to them when there is one, for more independent
 * accumulator chains. Same summation order as every other path. Only loaded when
 * {@link VectorSupport#BITS} &gt; 0.
 */
final class Depthwise3x3ColumnBorders {
    private Depthwise3x3ColumnBorders() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();

    /**
     * Three vectors at once (nine accumulator chains): output column 0 (windows start one column left
     * of the row), {@code c} (inside the row) and {@code d} (windows end one column right of the row).
     */
    static void leftInsideRight(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
            int outW, int padTop, int padLeft, int ohFrom, int ohTo, int c, int d) {
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
        FloatVector x2v = FloatVector.fromArray(S, x, r + c + 2);
        FloatVector pv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
        FloatVector x0u = FloatVector.fromArray(S, x, r + d);
        FloatVector x1u = FloatVector.fromArray(S, x, r + d + 1);
        FloatVector x2u = x1u.slice(1);
        FloatVector pu = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
        x1 = FloatVector.fromArray(S, x, r + inW + 1);
        x0 = x1.unslice(1);
        x2 = FloatVector.fromArray(S, x, r + inW + 2);
        p = x2.fma(w5, x1.fma(w4, x0.fma(w3, p)));
        FloatVector q = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
        x0v = FloatVector.fromArray(S, x, r + inW + c);
        x1v = FloatVector.fromArray(S, x, r + inW + c + 1);
        x2v = FloatVector.fromArray(S, x, r + inW + c + 2);
        pv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, pv)));
        FloatVector qv = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
        x0u = FloatVector.fromArray(S, x, r + inW + d);
        x1u = FloatVector.fromArray(S, x, r + inW + d + 1);
        x2u = x1u.slice(1);
        pu = x2u.fma(w5, x1u.fma(w4, x0u.fma(w3, pu)));
        FloatVector qu = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
        r += 2 * inW;
        for (int oh = ohFrom; oh < ohTo; oh += 2) {
            x1 = FloatVector.fromArray(S, x, r + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + 2);
            p = x2.fma(w8, x1.fma(w7, x0.fma(w6, p)));
            p.intoArray(y, t);
            q = x2.fma(w5, x1.fma(w4, x0.fma(w3, q)));
            FloatVector n0 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + c);
            x1v = FloatVector.fromArray(S, x, r + c + 1);
            x2v = FloatVector.fromArray(S, x, r + c + 2);
            pv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, pv)));
            pv.intoArray(y, t + c);
            qv = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, qv)));
            FloatVector n0v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x0u = FloatVector.fromArray(S, x, r + d);
            x1u = FloatVector.fromArray(S, x, r + d + 1);
            x2u = x1u.slice(1);
            pu = x2u.fma(w8, x1u.fma(w7, x0u.fma(w6, pu)));
            pu.intoArray(y, t + d);
            qu = x2u.fma(w5, x1u.fma(w4, x0u.fma(w3, qu)));
            FloatVector n0u = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
            x1 = FloatVector.fromArray(S, x, r + inW + 1);
            x0 = x1.unslice(1);
            x2 = FloatVector.fromArray(S, x, r + inW + 2);
            q = x2.fma(w8, x1.fma(w7, x0.fma(w6, q)));
            q.intoArray(y, t + outW);
            n0 = x2.fma(w5, x1.fma(w4, x0.fma(w3, n0)));
            FloatVector n1 = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
            x0v = FloatVector.fromArray(S, x, r + inW + c);
            x1v = FloatVector.fromArray(S, x, r + inW + c + 1);
            x2v = FloatVector.fromArray(S, x, r + inW + c + 2);
            qv = x2v.fma(w8, x1v.fma(w7, x0v.fma(w6, qv)));
            qv.intoArray(y, t + outW + c);
            n0v = x2v.fma(w5, x1v.fma(w4, x0v.fma(w3, n0v)));
            FloatVector n1v = x2v.fma(w2, x1v.fma(w1, x0v.fma(w0, bv)));
            x0u = FloatVector.fromArray(S, x, r + inW + d);
            x1u = FloatVector.fromArray(S, x, r + inW + d + 1);
            x2u = x1u.slice(1);
            qu = x2u.fma(w8, x1u.fma(w7, x0u.fma(w6, qu)));
            qu.intoArray(y, t + outW + d);
            n0u = x2u.fma(w5, x1u.fma(w4, x0u.fma(w3, n0u)));
            FloatVector n1u = x2u.fma(w2, x1u.fma(w1, x0u.fma(w0, bv)));
            p = n0;
            q = n1;
            pv = n0v;
            qv = n1v;
            pu = n0u;
            qu = n1u;
            r += 2 * inW;
            t += 2 * outW;
        }
    }

    /**
     * The vector at output column 0 (windows start one column left of the row) and the one at {@code c}
     * (windows end one column right of it).
     */
    static void leftRight(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
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
        for (int oh = ohFrom; oh < ohTo; oh += 2) {
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
            p = n0;
            q = n1;
            pv = n0v;
            qv = n1v;
            r += 2 * inW;
            t += 2 * outW;
        }
    }

    /** The vector at output column 0, whose windows start one column left of the row. */
    static void left(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
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
        for (int oh = ohFrom; oh < ohTo; oh += 2) {
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
            p = n0;
            q = n1;
            r += 2 * inW;
            t += 2 * outW;
        }
    }

    /** The vector at output column {@code c}, whose windows end one column right of the row. */
    static void right(float[] x, int xOff, int inW, float[] w, int wOff, float b, float[] y, int yOff,
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
        for (int oh = ohFrom; oh < ohTo; oh += 2) {
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
            p = n0;
            q = n1;
            r += 2 * inW;
            t += 2 * outW;
        }
    }
}
