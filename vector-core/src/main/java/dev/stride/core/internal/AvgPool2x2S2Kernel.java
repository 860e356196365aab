package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.AvgPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.IntVector;

/**
 * Average pool 2x2, stride 2, no padding (shape P2) on an even width {@code w = 2*ow}: the fast path of
 * {@link AvgPool2dVectorKernel}, with the same result bit for bit. Per block the two input rows are
 * added over {@code 2L} columns in registers, the even and odd columns of that sum are split once each
 * and added, and the block is divided by its window's divisor. A row whose window is cut by the bottom
 * edge (ceil mode) goes back to the general kernel.
 */
final class AvgPool2x2S2Kernel {
    private AvgPool2x2S2Kernel() {}

    /** True when this kernel applies to the shape. */
    static boolean applies(AvgPool2dParams p, int w, int ow) {
        return p.kernelH() == 2 && p.kernelW() == 2 && p.strideH() == 2 && p.strideW() == 2 && p.paddingH() == 0
                && p.paddingW() == 0 && w == 2 * ow && ow >= L;
    }

    /** One plane: {@code h x w} from {@code ib} into {@code oh x (w/2)} from {@code ob}. */
    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, AvgPool2dParams p) {
        IntVector even = FloatLanes.evenIndex(), odd = FloatLanes.oddIndex();
        int ow = w / 2;
        // every window's columns are inside the input: the column factor is 2, or 1 under an override
        float colDiv = p.hasDivisorOverride() ? 1f : 2f;
        int full = Math.min(oh, h / 2); // rows whose window has both input rows: one divisor for all
        float div = AvgPool2dKernel.rowDivisor(0, h, p) * colDiv;
        if (isPowerOfTwo(div)) {
            float inv = 1f / div;
            for (int y = 0; y < full; y++) {
                int a = ib + 2 * y * w, b = a + w, o = ob + y * ow;
                for (int x = 0; x < ow; x += L) {
                    int xs = Math.min(x, ow - L);
                    FloatVector r = pairSums(in, a, b, 2 * xs, even, odd).mul(inv);
                    r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
                }
            }
        } else {
            for (int y = 0; y < full; y++) row(in, ib + 2 * y * w, ib + (2 * y + 1) * w, w, out, ob + y * ow, div, even, odd);
        }
        for (int y = full; y < oh; y++) {
            lastRow(in, ib + 2 * y * w, w, out, ob + y * ow, AvgPool2dKernel.rowDivisor(2 * y, h, p) * colDiv, even, odd);
        }
    }

    /** Output row from input rows {@code a} and {@code b}; {@code div} is its divisor. */
    static void row(float[] in, int a, int b, int w, float[] out, int o, float div, IntVector even, IntVector odd) {
        int ow = w / 2;
        for (int x = 0; x < ow; x += L) {
            int xs = Math.min(x, ow - L);
            FloatVector r = pairSums(in, a, b, 2 * xs, even, odd).div(div);
            r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
        }
    }

    /** An output row whose window has one input row (ceil mode): {@code in[2x] + in[2x+1]}, divided. */
    private static void lastRow(float[] in, int a, int w, float[] out, int o, float div, IntVector even,
                                IntVector odd) {
        int ow = w / 2;
        for (int x = 0; x < ow; x += L) {
            int xs = Math.min(x, ow - L);
            int col = 2 * xs;
            FloatVector lo = FloatVector.fromArray(F, in, a + col), hi = FloatVector.fromArray(F, in, a + col + L);
            FloatVector s = MaxPool2dVectorKernel.evenLanes(lo, hi, even).add(MaxPool2dVectorKernel.evenLanes(lo, hi, odd));
            FloatVector r = s.div(div);
            r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
        }
    }

    /** The 2x2 window sums of {@code L} outputs whose first input column is {@code col}, in the scalar order. */
    private static FloatVector pairSums(float[] in, int a, int b, int col, IntVector even, IntVector odd) {
        FloatVector lo = FloatVector.fromArray(F, in, a + col).add(FloatVector.fromArray(F, in, b + col));
        FloatVector hi = FloatVector.fromArray(F, in, a + col + L).add(FloatVector.fromArray(F, in, b + col + L));
        return MaxPool2dVectorKernel.evenLanes(lo, hi, even).add(MaxPool2dVectorKernel.evenLanes(lo, hi, odd));
    }

    /** A positive power of two whose inverse is a normal float, so {@code x * (1/d)} rounds as {@code x / d}. */
    static boolean isPowerOfTwo(float d) {
        return d >= 1f && d <= 0x1p126f && (Float.floatToRawIntBits(d) & 0x007fffff) == 0;
    }
}
