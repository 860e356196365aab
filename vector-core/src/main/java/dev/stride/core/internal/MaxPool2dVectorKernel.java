package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.MaxPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector max pooling of one plane, row-first ({@link PoolRows}), for any kernel, stride, padding,
 * dilation and ceil mode; bit for bit the result of {@link MaxPool2dKernel#planeScalar}.
 *
 * <p>Pass 1 takes the maximum of the window's input rows, {@code L} columns at a time, into the scratch
 * row. Pass 2 reduces each output's taps of that row: stride 1 loads one vector per tap; stride 2 loads
 * {@code 2L} columns per tap as two vectors, reduces them over all taps and keeps the even lanes once
 * (an int-indexed two-table {@code selectFrom}); larger strides gather with an index map. The last block
 * of a row overlaps the previous one instead of running a scalar tail; rows narrower than a vector
 * run the scalar passes. Max pool 3x3/2 with padding 1 on an even width has its own kernel,
 * {@link MaxPool3x3S2Kernel}.
 *
 * <p>NaN: the running maximum is a compare and blend ({@code max < v}), which drops a NaN arriving in
 * {@code v}. Pass 1 also adds up its rows; the sum is NaN only if a row held a NaN (or both
 * infinities), and only then is that vector recomputed with the exact rule {@code v > max || isNaN(v)}
 * and pass 2 of the row run with the exact rule too.
 */
final class MaxPool2dVectorKernel {
    private MaxPool2dVectorKernel() {}

    /**
     * Measurement switch ({@code -Dstride.pool.nanCheck=false}) to time the kernel without its NaN
     * check; results are then wrong for NaN inputs. Never set it outside a benchmark.
     */
    static final boolean NAN_CHECK = !"false".equals(System.getProperty("stride.pool.nanCheck"));

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, MaxPool2dParams p,
                      float[] r) {
        if (w < L || ow < L) {
            MaxPool2dKernel.planeScalar(in, ib, h, w, out, ob, oh, ow, p, r);
            return;
        }
        if (MaxPool3x3S2Kernel.applies(p, w, ow)) {
            MaxPool3x3S2Kernel.plane(in, ib, h, w, out, ob, oh, ow);
            return;
        }
        int pw = p.paddingW(), sw = p.strideW(), dw = p.dilationW(), kw = p.kernelW(), dh = p.dilationH();
        IntVector even = sw == 2 ? FloatLanes.evenIndex() : null;
        int[] map = null;
        if (sw > 2) {
            map = PoolScratch.get().lanes(L);
            for (int i = 0; i < L; i++) map[i] = i * sw;
        }
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = PoolWindows.firstTap(hs, dh), k1 = PoolWindows.endTap(hs, dh, p.kernelH(), h);
            boolean nan = rows(in, ib, w, hs, k0, k1, dh, r, pw);
            int o = ob + y * ow;
            for (int x = 0; x < ow; x += L) {
                int xs = Math.min(x, ow - L);
                FloatVector m;
                if (sw == 1) {
                    m = taps1(r, xs, kw, dw, nan);
                } else if (sw == 2) {
                    m = taps2(r, 2 * xs, kw, dw, nan, even);
                } else {
                    m = tapsGather(r, xs * sw, kw, dw, nan, map);
                }
                m.intoArray(out, o + xs);
            }
        }
    }

    /** Pass 1 into {@code r[pw + c]}; returns whether a NaN was seen. */
    private static boolean rows(float[] in, int ib, int w, int hs, int k0, int k1, int dh, float[] r, int pw) {
        if (k0 >= k1) {
            java.util.Arrays.fill(r, pw, pw + w, Float.NEGATIVE_INFINITY);
            return false;
        }
        boolean nan = false;
        int first = ib + (hs + k0 * dh) * w;
        for (int c = 0; c < w; c += L) {
            int cs = Math.min(c, w - L);
            FloatVector m = FloatVector.fromArray(F, in, first + cs);
            FloatVector sum = m;
            for (int k = k0 + 1; k < k1; k++) {
                FloatVector v = FloatVector.fromArray(F, in, ib + (hs + k * dh) * w + cs);
                m = m.blend(v, m.lt(v));
                sum = sum.add(v);
            }
            if (NAN_CHECK && sum.test(VectorOperators.IS_NAN).anyTrue()) {
                nan = true; // pass 2 of this row must keep NaNs too
                m = FloatVector.fromArray(F, in, first + cs);
                for (int k = k0 + 1; k < k1; k++) {
                    FloatVector v = FloatVector.fromArray(F, in, ib + (hs + k * dh) * w + cs);
                    m = m.blend(v, takes(m, v));
                }
            }
            m.intoArray(r, pw + cs);
        }
        return nan;
    }

    private static FloatVector taps1(float[] r, int t, int kw, int dw, boolean nan) {
        FloatVector m = FloatVector.fromArray(F, r, t);
        for (int j = 1; j < kw; j++) {
            FloatVector v = FloatVector.fromArray(F, r, t + j * dw);
            m = m.blend(v, nan ? takes(m, v) : m.lt(v));
        }
        return m;
    }

    private static FloatVector taps2(float[] r, int t, int kw, int dw, boolean nan, IntVector even) {
        FloatVector lo = FloatVector.fromArray(F, r, t);
        FloatVector hi = FloatVector.fromArray(F, r, t + L);
        for (int j = 1; j < kw; j++) {
            FloatVector a = FloatVector.fromArray(F, r, t + j * dw);
            FloatVector b = FloatVector.fromArray(F, r, t + j * dw + L);
            lo = lo.blend(a, nan ? takes(lo, a) : lo.lt(a));
            hi = hi.blend(b, nan ? takes(hi, b) : hi.lt(b));
        }
        return evenLanes(lo, hi, even);
    }

    private static FloatVector tapsGather(float[] r, int t, int kw, int dw, boolean nan, int[] map) {
        FloatVector m = FloatVector.fromArray(F, r, t, map, 0);
        for (int j = 1; j < kw; j++) {
            FloatVector v = FloatVector.fromArray(F, r, t + j * dw, map, 0);
            m = m.blend(v, nan ? takes(m, v) : m.lt(v));
        }
        return m;
    }

    /** The even lanes of {@code lo:hi}, through an int-indexed two-table select (the fastest measured). */
    static FloatVector evenLanes(FloatVector lo, FloatVector hi, IntVector even) {
        return even.selectFrom(lo.reinterpretAsInts(), hi.reinterpretAsInts()).reinterpretAsFloats();
    }

    /** PyTorch's rule lane by lane: {@code v > max || isNaN(v)}. */
    private static VectorMask<Float> takes(FloatVector max, FloatVector v) {
        return max.lt(v).or(v.test(VectorOperators.IS_NAN));
    }
}
