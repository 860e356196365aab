package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.internal.SoftmaxKernel.Mode;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector side of {@link SoftmaxKernel}: along a contiguous row ({@link #row}; the last partial
 * vector is masked, and lanes are combined in lane order, never by {@code reduceLanes(ADD)} whose order
 * is unspecified), or across up to {@code L} interleaved rows ({@link #columns}; one lane per row).
 * The maximum uses {@code MAX} (NaN wins, as the reference's {@code Math.max}); exp is
 * {@link VectorMath#exp}.
 */
final class SoftmaxVectorKernel {
    private SoftmaxVectorKernel() {}

    static void row(Mode mode, float[] a, float[] b, float[] out, int base, int n) {
        int bound = n / L * L;
        VectorMask<Float> tail = F.indexInRange(bound, n);
        boolean hasTail = bound < n;
        switch (mode) {
            case SOFTMAX, LOG_SOFTMAX -> {
                FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
                for (int k = 0; k < bound; k += L) mv = mv.lanewise(VectorOperators.MAX, FloatVector.fromArray(F, a, base + k));
                if (hasTail) {
                    FloatVector v = FloatVector.fromArray(F, a, base + bound, tail);
                    mv = mv.lanewise(VectorOperators.MAX, v.blend(Float.NEGATIVE_INFINITY, tail.not()));
                }
                float m = Float.NEGATIVE_INFINITY;
                for (int l = 0; l < L; l++) m = Math.max(m, mv.lane(l));
                FloatVector sv = FloatVector.zero(F);
                boolean store = mode == Mode.SOFTMAX;
                for (int k = 0; k < bound; k += L) {
                    FloatVector e = VectorMath.exp(FloatVector.fromArray(F, a, base + k).sub(m));
                    if (store) e.intoArray(out, base + k);
                    sv = sv.add(e);
                }
                if (hasTail) {
                    FloatVector e = VectorMath.exp(FloatVector.fromArray(F, a, base + bound, tail).sub(m));
                    if (store) e.intoArray(out, base + bound, tail);
                    sv = sv.add(e, tail);
                }
                float sum = VectorRowSums.sumLanes(sv);
                if (store) {
                    for (int k = 0; k < bound; k += L) VectorMath.canon(FloatVector.fromArray(F, out, base + k).div(sum)).intoArray(out, base + k);
                    if (hasTail) VectorMath.canon(FloatVector.fromArray(F, out, base + bound, tail).div(sum)).intoArray(out, base + bound, tail);
                } else {
                    float lse = (float) Math.log(sum);
                    for (int k = 0; k < bound; k += L) VectorMath.canon(FloatVector.fromArray(F, a, base + k).sub(m).sub(lse)).intoArray(out, base + k);
                    if (hasTail) VectorMath.canon(FloatVector.fromArray(F, a, base + bound, tail).sub(m).sub(lse)).intoArray(out, base + bound, tail);
                }
            }
            case SOFTMAX_BACKWARD -> {
                FloatVector dv = FloatVector.zero(F);
                for (int k = 0; k < bound; k += L) {
                    dv = FloatVector.fromArray(F, b, base + k).fma(FloatVector.fromArray(F, a, base + k), dv);
                }
                if (hasTail) dv = FloatVector.fromArray(F, b, base + bound, tail).fma(FloatVector.fromArray(F, a, base + bound, tail), dv);
                float dot = VectorRowSums.sumLanes(dv);
                for (int k = 0; k < bound; k += L) {
                    FloatVector y = FloatVector.fromArray(F, a, base + k);
                    VectorMath.canon(y.mul(FloatVector.fromArray(F, b, base + k).sub(dot))).intoArray(out, base + k);
                }
                if (hasTail) {
                    FloatVector y = FloatVector.fromArray(F, a, base + bound, tail);
                    VectorMath.canon(y.mul(FloatVector.fromArray(F, b, base + bound, tail).sub(dot))).intoArray(out, base + bound, tail);
                }
            }
            case LOG_SOFTMAX_BACKWARD -> {
                FloatVector sv = FloatVector.zero(F);
                for (int k = 0; k < bound; k += L) sv = sv.add(FloatVector.fromArray(F, b, base + k));
                if (hasTail) sv = sv.add(FloatVector.fromArray(F, b, base + bound, tail));
                float sum = VectorRowSums.sumLanes(sv);
                for (int k = 0; k < bound; k += L) {
                    FloatVector g = FloatVector.fromArray(F, b, base + k);
                    VectorMath.canon(g.sub(VectorMath.exp(FloatVector.fromArray(F, a, base + k)).mul(sum))).intoArray(out, base + k);
                }
                if (hasTail) {
                    FloatVector g = FloatVector.fromArray(F, b, base + bound, tail);
                    VectorMath.canon(g.sub(VectorMath.exp(FloatVector.fromArray(F, a, base + bound, tail)).mul(sum))).intoArray(out, base + bound, tail);
                }
            }
        }
    }

    /** {@code count <= L} interleaved rows starting at {@code base}: row {@code j}'s element k at {@code base + k*step + j}. */
    static void columns(Mode mode, float[] a, float[] b, float[] out, int base, int n, int step, int count) {
        VectorMask<Float> m = F.indexInRange(0, count);
        int end = base + n * step;
        switch (mode) {
            case SOFTMAX, LOG_SOFTMAX -> {
                FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
                for (int k = base; k < end; k += step) mv = mv.lanewise(VectorOperators.MAX, FloatVector.fromArray(F, a, k, m));
                FloatVector sv = FloatVector.zero(F);
                boolean store = mode == Mode.SOFTMAX;
                for (int k = base; k < end; k += step) {
                    FloatVector e = VectorMath.exp(FloatVector.fromArray(F, a, k, m).sub(mv));
                    if (store) e.intoArray(out, k, m);
                    sv = sv.add(e);
                }
                if (store) {
                    for (int k = base; k < end; k += step) VectorMath.canon(FloatVector.fromArray(F, out, k, m).div(sv)).intoArray(out, k, m);
                } else {
                    FloatVector lse = logLanes(sv);
                    for (int k = base; k < end; k += step) VectorMath.canon(FloatVector.fromArray(F, a, k, m).sub(mv).sub(lse)).intoArray(out, k, m);
                }
            }
            case SOFTMAX_BACKWARD -> {
                FloatVector dv = FloatVector.zero(F);
                for (int k = base; k < end; k += step) dv = FloatVector.fromArray(F, b, k, m).fma(FloatVector.fromArray(F, a, k, m), dv);
                for (int k = base; k < end; k += step) {
                    VectorMath.canon(FloatVector.fromArray(F, a, k, m).mul(FloatVector.fromArray(F, b, k, m).sub(dv))).intoArray(out, k, m);
                }
            }
            case LOG_SOFTMAX_BACKWARD -> {
                FloatVector sv = FloatVector.zero(F);
                for (int k = base; k < end; k += step) sv = sv.add(FloatVector.fromArray(F, b, k, m));
                for (int k = base; k < end; k += step) {
                    FloatVector g = FloatVector.fromArray(F, b, k, m);
                    VectorMath.canon(g.sub(VectorMath.exp(FloatVector.fromArray(F, a, k, m)).mul(sv))).intoArray(out, k, m);
                }
            }
        }
    }

    /** The log of each lane, in double as the row kernel takes it (once per row, so its cost does not matter). */
    private static FloatVector logLanes(FloatVector v) {
        FloatVector r = v;
        for (int i = 0; i < L; i++) r = r.withLane(i, (float) Math.log(v.lane(i)));
        return r;
    }
}
