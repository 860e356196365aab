package dev.stride.core.internal;

/**
 * Per-thread scratch rows for the pooling kernels, kept between calls so that a call allocates nothing
 * beyond its outputs. A task takes its thread's instance and never shares it.
 */
final class PoolScratch {
    private static final ThreadLocal<PoolScratch> LOCAL = ThreadLocal.withInitial(PoolScratch::new);

    private float[] row = new float[0];
    private float[] divisors = new float[0];
    private int[] lanes = new int[0];

    private PoolScratch() {}

    static PoolScratch get() { return LOCAL.get(); }

    /** A row of at least {@code n} floats (contents unspecified). */
    float[] row(int n) {
        if (row.length < n) row = new float[n];
        return row;
    }

    /** A second array of at least {@code n} floats (contents unspecified). */
    float[] divisors(int n) {
        if (divisors.length < n) divisors = new float[n];
        return divisors;
    }

    /** An int array of at least {@code n} elements (contents unspecified). */
    int[] lanes(int n) {
        if (lanes.length < n) lanes = new int[n];
        return lanes;
    }
}
