package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** The vector side of {@link CrossEntropyKernel}'s gradient: one contiguous row of classes. */
final class CrossEntropyVectorKernel {
    private CrossEntropyVectorKernel() {}

    /**
     * In place over {@code row[base, base+n)}, which holds log-probabilities:
     * {@code exp(lp) * sa - smooth * w[c]} ({@code w} null means all 1), NaN results canonical. A
     * log-probability is {@code (x - max) - lse} with {@code lse >= 0}, so at most 0 (or NaN): the exp
     * without the upper clamp serves.
     */
    static void gradRow(float[] row, int base, int n, float sa, float smooth, float[] w) {
        int bound = n / L * L;
        for (int k = 0; k < bound; k += L) {
            FloatVector e = VectorMath.expNonPositive(FloatVector.fromArray(F, row, base + k)).mul(sa);
            FloatVector a = w == null ? FloatVector.broadcast(F, smooth) : FloatVector.fromArray(F, w, k).mul(smooth);
            FloatVector r = e.sub(a);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(row, base + k);
        }
        if (bound < n) {
            VectorMask<Float> m = F.indexInRange(bound, n);
            FloatVector e = VectorMath.expNonPositive(FloatVector.fromArray(F, row, base + bound, m)).mul(sa);
            FloatVector a = w == null ? FloatVector.broadcast(F, smooth) : FloatVector.fromArray(F, w, bound, m).mul(smooth);
            FloatVector r = e.sub(a);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(row, base + bound, m);
        }
    }
}
