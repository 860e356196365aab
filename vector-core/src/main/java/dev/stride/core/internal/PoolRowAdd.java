package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;

/**
 * {@code dst[d + i] += src[s + i]} over whole vectors, for the pooling backward passes: C2 does not
 * vectorize the plain loop (the two arrays might be one), which was measured 3-4x slower. Element-wise,
 * so the caller's scalar tail gives the same bits. Only loaded when {@link VectorSupport#BITS} &gt; 0.
 */
final class PoolRowAdd {
    private PoolRowAdd() {}

    /** Adds the first {@code n - n % L} elements; returns that count. */
    static int add(float[] dst, int d, float[] src, int s, int n) {
        int end = n - n % L;
        for (int i = 0; i < end; i += L) {
            FloatVector.fromArray(F, dst, d + i).add(FloatVector.fromArray(F, src, s + i)).intoArray(dst, d + i);
        }
        return end;
    }
}
