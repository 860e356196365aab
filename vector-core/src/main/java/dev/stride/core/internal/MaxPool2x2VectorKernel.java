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

    /**
     * Gradients of planes {@code [c0, c1)} into {@code gradIn}, which is zero: windows do not overlap, so
     * each window's four cells are written once, its gradient (plus zero, as the reference's {@code 0 + g}
     * turns -0 into +0) at the tap PyTorch's rule picks and +0 at the others.
     */
    static void backwardPlanes(float[] in, float[] gradOut, float[] gradIn, int c0, int c1, int h, int w, int oh, int ow,
                               int[] map) {
        int n = oh * ow, full = n / L * L;
        VectorMask<Float> all = F.maskAll(true), tail = F.indexInRange(full, n);
        for (int c = c0; c < c1; c++) {
            int ib = c * h * w, ob = c * n;
            for (int j = 0; j < n; j += L) {
                VectorMask<Float> live = j < full ? all : tail;
                FloatVector v0 = FloatVector.fromArray(F, in, ib, map, j);
                FloatVector v1 = FloatVector.fromArray(F, in, ib + 1, map, j);
                FloatVector v2 = FloatVector.fromArray(F, in, ib + w, map, j);
                FloatVector v3 = FloatVector.fromArray(F, in, ib + w + 1, map, j);
                VectorMask<Float> u1 = takes(v0, v1);
                FloatVector m = v0.blend(v1, u1);
                VectorMask<Float> u2 = takes(m, v2);
                m = m.blend(v2, u2);
                VectorMask<Float> u3 = takes(m, v3);
                FloatVector g = FloatVector.fromArray(F, gradOut, ob + j, live).add(0f);
                FloatVector zero = FloatVector.zero(F);
                VectorMask<Float> later3 = u3, later2 = u2.or(u3), later1 = u1.or(later2);
                zero.blend(g, later1.not()).intoArray(gradIn, ib, map, j, live);
                zero.blend(g, u1.andNot(later2)).intoArray(gradIn, ib + 1, map, j, live);
                zero.blend(g, u2.andNot(later3)).intoArray(gradIn, ib + w, map, j, live);
                zero.blend(g, u3).intoArray(gradIn, ib + w + 1, map, j, live);
            }
        }
    }

    private static VectorMask<Float> takes(FloatVector m, FloatVector v) {
        return v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
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
