package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Values of {@link MaxPool2x2Kernel} with vectors for planes too narrow for row blocks (LeNet's 28- and
 * 10-wide maps): {@code L} consecutive outputs of a plane, across row ends, gather their four taps
 * through one map of window origins, and each lane applies PyTorch's rule in row-major tap order
 * ({@code v > max || isNaN(v)}, as a compare-and-blend), so results equal the scalar kernel's exactly.
 * The last block of a plane is masked. Loaded only when {@link VectorSupport#BITS} is non-zero.
 */
final class MaxPool2x2VectorKernel {
    private MaxPool2x2VectorKernel() {}

    /** In-plane offset of each output's window origin, padded with zeros to whole vectors. */
    static int[] origins(int w, int oh, int ow) {
        int n = oh * ow;
        int[] map = new int[(n + L - 1) / L * L];
        for (int j = 0; j < n; j++) map[j] = 2 * (j / ow) * w + 2 * (j % ow);
        return map;
    }

    /** Maxima of planes {@code [c0, c1)}. */
    static void planes(float[] in, float[] out, int c0, int c1, int h, int w, int oh, int ow, int[] map) {
        int n = oh * ow, full = n / L * L;
        VectorMask<Float> tail = F.indexInRange(full, n);
        for (int c = c0; c < c1; c++) {
            int ib = c * h * w, ob = c * n;
            for (int j = 0; j < full; j += L) block(in, ib, w, map, j).intoArray(out, ob + j);
            if (full < n) block(in, ib, w, map, full).intoArray(out, ob + full, tail);
        }
    }

    private static FloatVector block(float[] in, int ib, int w, int[] map, int j) {
        FloatVector m = FloatVector.fromArray(F, in, ib, map, j);
        m = take(m, FloatVector.fromArray(F, in, ib + 1, map, j));
        m = take(m, FloatVector.fromArray(F, in, ib + w, map, j));
        return take(m, FloatVector.fromArray(F, in, ib + w + 1, map, j));
    }

    private static FloatVector take(FloatVector m, FloatVector v) {
        return m.blend(v, v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN)));
    }
}
