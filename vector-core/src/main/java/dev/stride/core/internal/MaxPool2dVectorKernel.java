package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.MaxPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector blocks of 2-D max pooling for horizontal stride 1 and 2 (any kernel, dilation, padding, vertical
 * stride): one block computes {@code L} adjacent outputs of one output row.
 *
 * <p>Stride 1 loads one vector per tap. Stride 2 loads the {@code 2L} input columns of each tap as two
 * vectors and takes the running maximum over all taps on those, then keeps the even lanes once (a
 * two-table {@code selectFrom}): the deinterleave is paid once per block, not per tap. Taps run in the
 * window's row-major order, as in the scalar kernel, so ties resolve the same way.
 *
 * <p>NaN: the running maximum is a compare and blend ({@code acc < v}), which drops a NaN that arrives
 * in {@code v}. A second accumulator adds every tap; it is NaN only if some tap was NaN (or the taps
 * held both infinities), and only then is the block recomputed with the exact rule
 * {@code v > max || isNaN(v)}. Outputs whose windows touch the padding or the row's end go to
 * {@link MaxPool2dKernel#row}.
 */
final class MaxPool2dVectorKernel {
    private MaxPool2dVectorKernel() {}

    /**
     * Measurement switch ({@code -Dstride.pool.nanCheck=false}) to time the kernel without its NaN
     * check; the results are then wrong for NaN inputs. Never set it outside a benchmark.
     */
    static final boolean NAN_CHECK = !"false".equals(System.getProperty("stride.pool.nanCheck"));

    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, int ow, MaxPool2dParams p) {
        int sw = p.strideW(), pw = p.paddingW(), dw = p.dilationW(), kw = p.kernelW();
        int span = (kw - 1) * dw;
        int x0 = PoolWindows.firstInterior(sw, pw);
        int x1 = PoolWindows.endInterior(w, sw, pw, span, ow);
        // Largest block start whose loads (sw*L columns per tap) stay inside the row.
        int lastRead = w - sw * L + pw - span;
        int blockMax = lastRead < 0 ? -1 : lastRead / sw;
        IntVector even = sw == 2 ? FloatLanes.evenIndex() : null;
        for (int y = 0; y < oh; y++) {
            int hs = y * p.strideH() - p.paddingH();
            int k0 = PoolWindows.firstTap(hs, p.dilationH());
            int k1 = PoolWindows.endTap(hs, p.dilationH(), p.kernelH(), h);
            if (k0 >= k1 || blockMax < x0) {
                MaxPool2dKernel.row(in, ib, h, w, out, null, ob, y, ow, 0, ow, p);
                continue;
            }
            MaxPool2dKernel.row(in, ib, h, w, out, null, ob, y, ow, 0, x0, p);
            int x = x0;
            for (; x <= blockMax; x += L) block(in, ib, w, out, ob + y * ow + x, hs, k0, k1, x * sw - pw, p, even);
            int done = x;
            if (x < x1) {
                block(in, ib, w, out, ob + y * ow + blockMax, hs, k0, k1, blockMax * sw - pw, p, even);
                done = blockMax + L;
            }
            MaxPool2dKernel.row(in, ib, h, w, out, null, ob, y, ow, done, ow, p);
        }
    }

    private static void block(float[] in, int ib, int w, float[] out, int o, int hs, int k0, int k1, int col,
                              MaxPool2dParams p, IntVector even) {
        int dh = p.dilationH(), dw = p.dilationW(), kw = p.kernelW();
        if (even == null) {
            FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            FloatVector sum = FloatVector.zero(F);
            for (int k = k0; k < k1; k++) {
                int base = ib + (hs + k * dh) * w + col;
                for (int j = 0; j < kw; j++) {
                    FloatVector v = FloatVector.fromArray(F, in, base + j * dw);
                    acc = acc.blend(v, acc.lt(v));
                    sum = sum.add(v);
                }
            }
            if (NAN_CHECK && sum.test(VectorOperators.IS_NAN).anyTrue()) acc = exact1(in, ib, w, hs, k0, k1, col, p);
            acc.intoArray(out, o);
        } else {
            FloatVector lo = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), hi = lo;
            FloatVector sum = FloatVector.zero(F);
            for (int k = k0; k < k1; k++) {
                int base = ib + (hs + k * dh) * w + col;
                for (int j = 0; j < kw; j++) {
                    FloatVector a = FloatVector.fromArray(F, in, base + j * dw);
                    FloatVector b = FloatVector.fromArray(F, in, base + j * dw + L);
                    lo = lo.blend(a, lo.lt(a));
                    hi = hi.blend(b, hi.lt(b));
                    sum = sum.add(a).add(b);
                }
            }
            if (NAN_CHECK && sum.test(VectorOperators.IS_NAN).anyTrue()) {
                FloatVector[] exact = exact2(in, ib, w, hs, k0, k1, col, p);
                lo = exact[0];
                hi = exact[1];
            }
            evenLanes(lo, hi, even).intoArray(out, o);
        }
    }

    /** The even lanes of {@code lo:hi}, through an int-indexed two-table select (the fastest measured). */
    static FloatVector evenLanes(FloatVector lo, FloatVector hi, IntVector even) {
        return even.selectFrom(lo.reinterpretAsInts(), hi.reinterpretAsInts()).reinterpretAsFloats();
    }

    private static FloatVector exact1(float[] in, int ib, int w, int hs, int k0, int k1, int col, MaxPool2dParams p) {
        FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int k = k0; k < k1; k++) {
            int base = ib + (hs + k * p.dilationH()) * w + col;
            for (int j = 0; j < p.kernelW(); j++) {
                FloatVector v = FloatVector.fromArray(F, in, base + j * p.dilationW());
                acc = acc.blend(v, takes(acc, v));
            }
        }
        return acc;
    }

    // Rare path (a NaN was seen): the small array is not worth avoiding.
    private static FloatVector[] exact2(float[] in, int ib, int w, int hs, int k0, int k1, int col, MaxPool2dParams p) {
        FloatVector lo = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), hi = lo;
        for (int k = k0; k < k1; k++) {
            int base = ib + (hs + k * p.dilationH()) * w + col;
            for (int j = 0; j < p.kernelW(); j++) {
                FloatVector a = FloatVector.fromArray(F, in, base + j * p.dilationW());
                FloatVector b = FloatVector.fromArray(F, in, base + j * p.dilationW() + L);
                lo = lo.blend(a, takes(lo, a));
                hi = hi.blend(b, takes(hi, b));
            }
        }
        return new FloatVector[] {lo, hi};
    }

    /** PyTorch's rule lane by lane: {@code v > max || isNaN(v)}. */
    private static VectorMask<Float> takes(FloatVector max, FloatVector v) {
        return max.lt(v).or(v.test(VectorOperators.IS_NAN));
    }
}
