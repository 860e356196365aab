package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.internal.SoftmaxKernel.Mode;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector side of {@link SoftmaxKernel}: along contiguous rows ({@link #rowsForward}, {@link #row}; the
 * last partial vector is masked, and lanes are combined in lane order, never by {@code reduceLanes(ADD)}
 * whose order is unspecified), or across up to {@code L} interleaved rows ({@link #columns}; one lane per
 * row). The maximum passes over NaN (a NaN still makes its row NaN, through the sum); exp is
 * {@link VectorMath#expNonPositive}, as every argument {@code x - max} is at most 0 or NaN, except along
 * contiguous forward rows at 512 bits, where {@link SoftmaxRowExp} takes the rows it can. Each mode has
 * its own small method, so that C2 inlines the math into its loops (a vector crossing a call that is not
 * inlined is boxed).
 */
final class SoftmaxVectorKernel {
    private SoftmaxVectorKernel() {}

    static void row(Mode mode, float[] a, float[] b, float[] out, int base, int n) {
        switch (mode) {
            case SOFTMAX, LOG_SOFTMAX -> rowsForward(mode, a, out, base, n, 1);
            case SOFTMAX_BACKWARD -> rowSoftmaxBackward(a, b, out, base, n);
            case LOG_SOFTMAX_BACKWARD -> rowLogSoftmaxBackward(a, b, out, base, n);
        }
    }

    /**
     * Softmax or log_softmax ({@code mode}) of {@code count} contiguous rows of {@code n} from {@code base}.
     * At 512 bits ({@link SoftmaxRowExp}) each row's exp loop also finds the next row's maximum, so only
     * the first row has a maximum pass of its own; elsewhere row by row. Each row's result is the same
     * either way (a maximum is exact), so it does not depend on how rows are grouped into tasks.
     */
    static void rowsForward(Mode mode, float[] a, float[] out, int base, int n, int count) {
        boolean store = mode == Mode.SOFTMAX;
        if (!SoftmaxRowExp.ENABLED) {
            for (int r = 0; r < count; r++) rowForward(a, out, base + r * n, n, store);
            return;
        }
        float m = rowMax(a, base, n);
        for (int r = 0; r < count; r++) {
            int at = base + r * n, next = r + 1 < count ? at + n : at;
            long packed = store ? SoftmaxRowExp.expStoreNextMax(a, out, at, n, m, next) : SoftmaxRowExp.expSumNextMax(a, at, n, m, next);
            float sum = SoftmaxRowExp.sumOf(packed);
            if (sum < 0f) sum = store ? exactExpStore(a, out, at, n, m) : exactSumExp(a, at, n, m);
            finish(a, out, at, n, m, sum, store);
            m = SoftmaxRowExp.nextMaxOf(packed);
        }
    }

    /** Softmax ({@code store}) or log_softmax of one contiguous row, by the general exp. */
    private static void rowForward(float[] a, float[] out, int base, int n, boolean store) {
        float m = rowMax(a, base, n);
        float sum = store ? exactExpStore(a, out, base, n, m) : exactSumExp(a, base, n, m);
        finish(a, out, base, n, m, sum, store);
    }

    /**
     * Given a row's maximum and sum of exponentials (stored in {@code out} for softmax): softmax scales by
     * the reciprocal of the sum (one rounding more than a division, within the stated bound; a vector
     * division costs several multiplications' time), log_softmax writes {@code (x - m) - log sum}.
     */
    private static void finish(float[] a, float[] out, int base, int n, float m, float sum, boolean store) {
        // sum >= 1 (the maximum contributes exp(0)) unless the row holds a NaN or an infinity that makes
        // some x - m NaN; then every output is NaN, as in the reference. Otherwise no output can be NaN, so
        // the loops below need no per-element canonicalisation.
        if (sum != sum) {
            java.util.Arrays.fill(out, base, base + n, Float.NaN);
            return;
        }
        int bound = n / L * L;
        if (store) {
            float inv = 1f / sum;
            for (int k = 0; k < bound; k += L) FloatVector.fromArray(F, out, base + k).mul(inv).intoArray(out, base + k);
            for (int k = bound; k < n; k++) out[base + k] = out[base + k] * inv;
        } else {
            float lse = (float) Math.log(sum);
            for (int k = 0; k < bound; k += L) FloatVector.fromArray(F, a, base + k).sub(m).sub(lse).intoArray(out, base + k);
            for (int k = bound; k < n; k++) out[base + k] = (a[base + k] - m) - lse;
        }
    }

    /**
     * The largest element of the row {@code a[base, base+n)}, -inf if none, in four independent running
     * maxima (a compare and a blend each, so the loop is not bound by one chain of max latencies). NaN
     * elements are passed over: a NaN anywhere in the row still makes the whole row NaN, through its own
     * {@code exp(NaN - m)} in the sum. The maximum of exact values does not depend on the order taken.
     */
    private static float rowMax(float[] a, int base, int n) {
        int bound = n / L * L;
        FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int k = 0;
        for (; k + 4 * L <= bound; k += 4 * L) {
            FloatVector v0 = FloatVector.fromArray(F, a, base + k), v1 = FloatVector.fromArray(F, a, base + k + L);
            FloatVector v2 = FloatVector.fromArray(F, a, base + k + 2 * L), v3 = FloatVector.fromArray(F, a, base + k + 3 * L);
            m0 = m0.blend(v0, v0.compare(VectorOperators.GT, m0));
            m1 = m1.blend(v1, v1.compare(VectorOperators.GT, m1));
            m2 = m2.blend(v2, v2.compare(VectorOperators.GT, m2));
            m3 = m3.blend(v3, v3.compare(VectorOperators.GT, m3));
        }
        for (; k < bound; k += L) {
            FloatVector v = FloatVector.fromArray(F, a, base + k);
            m0 = m0.blend(v, v.compare(VectorOperators.GT, m0));
        }
        m0 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
        m2 = m2.blend(m3, m3.compare(VectorOperators.GT, m2));
        m0 = m0.blend(m2, m2.compare(VectorOperators.GT, m0));
        float m = m0.reduceLanes(VectorOperators.MAX);
        for (k = bound; k < n; k++) if (a[base + k] > m) m = a[base + k];
        return m;
    }

    /**
     * For {@code count} contiguous rows of {@code n} from {@code base}: each row's maximum and the log of
     * its sum of exponentials into {@code stats[at + 2r]} and {@code stats[at + 2r + 1]}: exactly the
     * {@code m} and {@code lse} of {@link #rowsForward}'s log_softmax, so {@code (a - m) - lse} is bitwise
     * its output.
     */
    static void rowsMaxLse(float[] a, int base, int n, int count, float[] stats, int at) {
        float m = rowMax(a, base, n);
        for (int r = 0; r < count; r++) {
            int row = base + r * n;
            float sum;
            float nextMax = 0f;
            if (SoftmaxRowExp.ENABLED) {
                long packed = SoftmaxRowExp.expSumNextMax(a, row, n, m, r + 1 < count ? row + n : row);
                sum = SoftmaxRowExp.sumOf(packed);
                nextMax = SoftmaxRowExp.nextMaxOf(packed);
                if (sum < 0f) sum = exactSumExp(a, row, n, m);
            } else {
                sum = exactSumExp(a, row, n, m);
                if (r + 1 < count) nextMax = rowMax(a, row + n, n);
            }
            stats[at + 2 * r] = m;
            stats[at + 2 * r + 1] = (float) Math.log(sum);
            m = nextMax;
        }
    }

    /** exp(a - m) over the row by the general exp, stored; returns their sum (fixed tree). */
    private static float exactExpStore(float[] a, float[] out, int base, int n, float m) {
        int bound = n / L * L;
        return expStore(a, out, base, bound, m) + expTail(a, out, base, bound, n, m);
    }

    /** The sum of exp(a - m) over the row by the general exp (fixed tree). */
    private static float exactSumExp(float[] a, int base, int n, float m) {
        int bound = n / L * L;
        return expSum(a, base, bound, m) + expTail(a, null, base, bound, n, m);
    }

    /** Stores exp(a - m) over the first {@code bound} elements of the row and returns their sum (fixed tree). */
    private static float expStore(float[] a, float[] out, int base, int bound, float m) {
        FloatVector sv = FloatVector.zero(F);
        for (int k = 0; k < bound; k += L) {
            FloatVector e = VectorMath.expNonPositive(FloatVector.fromArray(F, a, base + k).sub(m));
            e.intoArray(out, base + k);
            sv = sv.add(e);
        }
        return VectorRowSums.sumLanes(sv);
    }

    /**
     * exp(a - m) over the row's last {@code n - bound < L} elements in one masked vector, stored when
     * {@code out} is not null; returns their sum (fixed tree). Its own method, so that no loop body holds two
     * inlined exps (past C2's inlining budget); no vector crosses the call. (The scalar exp it replaces was
     * called out of line per element: some 15% of a 256x1000 softmax.)
     */
    private static float expTail(float[] a, float[] out, int base, int bound, int n, float m) {
        if (bound == n) return 0f;
        VectorMask<Float> tail = F.indexInRange(bound, n);
        FloatVector e = VectorMath.expNonPositive(FloatVector.fromArray(F, a, base + bound, tail).sub(m));
        if (out != null) e.intoArray(out, base + bound, tail);
        return VectorRowSums.sumLanes(e.blend(0f, tail.not()));
    }

    /** The sum of exp(a - m) over the first {@code bound} elements of the row (fixed tree). */
    private static float expSum(float[] a, int base, int bound, float m) {
        FloatVector sv = FloatVector.zero(F);
        for (int k = 0; k < bound; k += L) sv = sv.add(VectorMath.expNonPositive(FloatVector.fromArray(F, a, base + k).sub(m)));
        return VectorRowSums.sumLanes(sv);
    }

    private static void rowSoftmaxBackward(float[] a, float[] b, float[] out, int base, int n) {
        int bound = n / L * L;
        VectorMask<Float> tail = F.indexInRange(bound, n);
        boolean hasTail = bound < n;
        FloatVector dv = FloatVector.zero(F);
        for (int k = 0; k < bound; k += L) {
            dv = FloatVector.fromArray(F, b, base + k).fma(FloatVector.fromArray(F, a, base + k), dv);
        }
        if (hasTail) dv = FloatVector.fromArray(F, b, base + bound, tail).fma(FloatVector.fromArray(F, a, base + bound, tail), dv);
        float dot = VectorRowSums.sumLanes(dv);
        for (int k = 0; k < bound; k += L) {
            FloatVector y = FloatVector.fromArray(F, a, base + k);
            FloatVector r = y.mul(FloatVector.fromArray(F, b, base + k).sub(dot));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, base + k);
        }
        if (hasTail) {
            FloatVector y = FloatVector.fromArray(F, a, base + bound, tail);
            FloatVector r = y.mul(FloatVector.fromArray(F, b, base + bound, tail).sub(dot));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, base + bound, tail);
        }
    }

    private static void rowLogSoftmaxBackward(float[] a, float[] b, float[] out, int base, int n) {
        int bound = n / L * L;
        VectorMask<Float> tail = F.indexInRange(bound, n);
        boolean hasTail = bound < n;
        FloatVector sv = FloatVector.zero(F);
        for (int k = 0; k < bound; k += L) sv = sv.add(FloatVector.fromArray(F, b, base + k));
        if (hasTail) sv = sv.add(FloatVector.fromArray(F, b, base + bound, tail));
        float sum = VectorRowSums.sumLanes(sv);
        for (int k = 0; k < bound; k += L) {
            FloatVector g = FloatVector.fromArray(F, b, base + k);
            FloatVector r = g.sub(VectorMath.exp(FloatVector.fromArray(F, a, base + k)).mul(sum));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, base + k);
        }
        if (hasTail) {
            FloatVector g = FloatVector.fromArray(F, b, base + bound, tail);
            FloatVector r = g.sub(VectorMath.exp(FloatVector.fromArray(F, a, base + bound, tail)).mul(sum));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, base + bound, tail);
        }
    }

    /** {@code count <= L} interleaved rows starting at {@code base}: row {@code j}'s element k at {@code base + k*step + j}. */
    static void columns(Mode mode, float[] a, float[] b, float[] out, int base, int n, int step, int count) {
        switch (mode) {
            case SOFTMAX -> columnsForward(a, out, base, n, step, count, true);
            case LOG_SOFTMAX -> columnsForward(a, out, base, n, step, count, false);
            case SOFTMAX_BACKWARD -> columnsSoftmaxBackward(a, b, out, base, n, step, count);
            case LOG_SOFTMAX_BACKWARD -> columnsLogSoftmaxBackward(a, b, out, base, n, step, count);
        }
    }

    private static void columnsForward(float[] a, float[] out, int base, int n, int step, int count, boolean store) {
        VectorMask<Float> m = F.indexInRange(0, count);
        int end = base + n * step;
        FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        // NaN never wins, as in rowMax: it makes its row NaN through the sum
        for (int k = base; k < end; k += step) {
            FloatVector v = FloatVector.fromArray(F, a, k, m);
            mv = mv.blend(v, v.compare(VectorOperators.GT, mv));
        }
        FloatVector sv = FloatVector.zero(F);
        for (int k = base; k < end; k += step) {
            FloatVector e = VectorMath.expNonPositive(FloatVector.fromArray(F, a, k, m).sub(mv));
            if (store) e.intoArray(out, k, m);
            sv = sv.add(e);
        }
        if (store) {
            FloatVector inv = FloatVector.broadcast(F, 1f).div(sv);
            for (int k = base; k < end; k += step) { FloatVector r = FloatVector.fromArray(F, out, k, m).mul(inv); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, k, m); }
        } else {
            FloatVector lse = logLanes(sv);
            for (int k = base; k < end; k += step) { FloatVector r = FloatVector.fromArray(F, a, k, m).sub(mv).sub(lse); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, k, m); }
        }
    }

    private static void columnsSoftmaxBackward(float[] a, float[] b, float[] out, int base, int n, int step, int count) {
        VectorMask<Float> m = F.indexInRange(0, count);
        int end = base + n * step;
        FloatVector dv = FloatVector.zero(F);
        for (int k = base; k < end; k += step) dv = FloatVector.fromArray(F, b, k, m).fma(FloatVector.fromArray(F, a, k, m), dv);
        for (int k = base; k < end; k += step) {
            FloatVector r = FloatVector.fromArray(F, a, k, m).mul(FloatVector.fromArray(F, b, k, m).sub(dv));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, k, m);
        }
    }

    private static void columnsLogSoftmaxBackward(float[] a, float[] b, float[] out, int base, int n, int step, int count) {
        VectorMask<Float> m = F.indexInRange(0, count);
        int end = base + n * step;
        FloatVector sv = FloatVector.zero(F);
        for (int k = base; k < end; k += step) sv = sv.add(FloatVector.fromArray(F, b, k, m));
        for (int k = base; k < end; k += step) {
            FloatVector g = FloatVector.fromArray(F, b, k, m);
            FloatVector r = g.sub(VectorMath.exp(FloatVector.fromArray(F, a, k, m)).mul(sv));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(out, k, m);
        }
    }

    /** The log of each lane, in double as the row kernel takes it (once per row, so its cost does not matter). */
    private static FloatVector logLanes(FloatVector v) {
        FloatVector r = v;
        for (int i = 0; i < L; i++) r = r.withLane(i, (float) Math.log(v.lane(i)));
        return r;
    }
}
