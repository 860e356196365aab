package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;

/**
 * The vector side of {@link RowSums}: two accumulators to hide the add latency, then a scalar tail.
 * Lanes are added by a fixed tree ({@link #sumLanes}), not {@code reduceLanes(ADD)}, whose order is
 * unspecified and may differ between interpreted and compiled code (and so between threads).
 */
final class VectorRowSums {
    private VectorRowSums() {}

    static float sum(float[] a, int from, int n) {
        int i = 0;
        float s = 0f;
        if (n >= L) {
            FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F);
            for (; i <= n - 2 * L; i += 2 * L) {
                s0 = s0.add(FloatVector.fromArray(F, a, from + i));
                s1 = s1.add(FloatVector.fromArray(F, a, from + i + L));
            }
            if (i <= n - L) {
                s0 = s0.add(FloatVector.fromArray(F, a, from + i));
                i += L;
            }
            s = sumLanes(s0.add(s1));
        }
        for (; i < n; i++) s += a[from + i];
        return s;
    }

    /**
     * The sum of the lanes by a fixed tree: lane i plus lane i + L/2, then i + L/4, ... (slices with a
     * constant origin). Every step is a lanewise add, so the result is the same interpreted or compiled.
     */
    static float sumLanes(FloatVector v) {
        for (int s = L / 2; s >= 1; s /= 2) v = v.add(v.slice(s));
        return v.lane(0);
    }
}
