package dev.stride.core.internal;

/**
 * Float sum of a contiguous segment: lane-parallel partial sums when {@link VectorSupport#BITS} is
 * non-zero, else a plain loop. The order is fixed by the width alone, so a result never depends on
 * the thread count.
 */
final class RowSums {
    private RowSums() {}

    static float sum(float[] a, int from, int n) {
        if (VectorSupport.BITS > 0) return VectorRowSums.sum(a, from, n);
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[from + i];
        return s;
    }
}
