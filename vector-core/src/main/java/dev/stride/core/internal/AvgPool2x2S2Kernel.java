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

    /** Output row {@code y}, whose two input rows both exist; {@code div} is its divisor. */
    static void row(float[] in, int ib, int w, float[] out, int o, int y, float div, IntVector even, IntVector odd) {
        int a = ib + 2 * y * w, b = a + w;
        int ow = w / 2;
        for (int x = 0; x < ow; x += L) {
            int xs = Math.min(x, ow - L);
            int col = 2 * xs;
            FloatVector lo = FloatVector.fromArray(F, in, a + col).add(FloatVector.fromArray(F, in, b + col));
            FloatVector hi = FloatVector.fromArray(F, in, a + col + L).add(FloatVector.fromArray(F, in, b + col + L));
            FloatVector s = MaxPool2dVectorKernel.evenLanes(lo, hi, even).add(MaxPool2dVectorKernel.evenLanes(lo, hi, odd));
            FloatVector r = s.div(div);
            r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
        }
    }
}
