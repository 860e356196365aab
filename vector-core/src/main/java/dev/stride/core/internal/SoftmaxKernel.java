package dev.stride.core.internal;

/**
 * Softmax and log_softmax along one dimension, forward and backward, stable (the row maximum is
 * subtracted first) and with the reference's special values: a row holding NaN, a row whose maximum is
 * +inf and a row that is all -inf give NaN throughout, because {@code x - max} is NaN for some element
 * there, which makes the row's sum of exponentials NaN.
 *
 * <p>A tensor seen along a dimension is {@code outer} blocks of {@code inner} interleaved rows of
 * {@code length}; element {@code k} of row {@code (o, i)} is at {@code (o*length + k)*inner + i}. With
 * {@code inner == 1} rows are contiguous and the vector kernel ({@link SoftmaxVectorKernel}) runs along
 * each row; otherwise it runs across {@code L} neighbouring rows at once, so no lane reduction is needed.
 * NaN results are canonical ({@link ScalarMath#canon}). Sums are float, in an order fixed by the width alone; work is cut into tasks by a fixed rule (not by
 * the thread count), so results are bitwise the same on any number of threads.
 */
final class SoftmaxKernel {
    private SoftmaxKernel() {}

    /** About this many elements per task. */
    static final int TASK_ELEMENTS = 1 << 14;

    /** Which computation: forward softmax, forward log_softmax, and their backward passes. */
    enum Mode { SOFTMAX, LOG_SOFTMAX, SOFTMAX_BACKWARD, LOG_SOFTMAX_BACKWARD }

    /**
     * Runs {@code mode} over all rows. Forward: {@code a} = input, {@code b} unused. Backward: {@code a} =
     * the forward's output, {@code b} = gradOutput.
     */
    static void run(Mode mode, float[] a, float[] b, float[] out, int outer, int length, int inner, int threads) {
        if (length == 0 || outer == 0 || inner == 0) return;
        boolean vector = VectorSupport.BITS > 0;
        if (inner == 1) {
            int rowsPerTask = Math.max(1, TASK_ELEMENTS / length);
            int tasks = (outer + rowsPerTask - 1) / rowsPerTask;
            ClaimedChunks.run(threads, tasks, t -> {
                int r0 = t * rowsPerTask, r1 = Math.min(outer, r0 + rowsPerTask);
                if (vector && (mode == Mode.SOFTMAX || mode == Mode.LOG_SOFTMAX)) {
                    SoftmaxVectorKernel.rowsForward(mode, a, out, r0 * length, length, r1 - r0);
                    return;
                }
                for (int r = r0; r < r1; r++) {
                    if (vector) SoftmaxVectorKernel.row(mode, a, b, out, r * length, length);
                    else rowScalar(mode, a, b, out, r * length, length, 1);
                }
            });
        } else {
            int lanes = Math.max(1, VectorSupport.BITS / 32);
            int groups = (inner + lanes - 1) / lanes; // column groups per outer block
            ClaimedChunks.run(threads, outer * groups, t -> {
                int o = t / groups, i0 = (t % groups) * lanes, i1 = Math.min(inner, i0 + lanes);
                int base = o * length * inner;
                if (vector) {
                    SoftmaxVectorKernel.columns(mode, a, b, out, base + i0, length, inner, i1 - i0);
                } else {
                    for (int i = i0; i < i1; i++) rowScalar(mode, a, b, out, base + i, length, inner);
                }
            });
        }
    }

    /**
     * For each of {@code rows} contiguous rows of {@code length}: its maximum {@code m} into
     * {@code stats[2r]} and {@code lse = log(sum exp(x - m))} into {@code stats[2r + 1]}, the values
     * log_softmax uses, so {@code canon((x - m) - lse)} is bitwise log_softmax's output (for callers that
     * need a few log-probabilities of each row and not the whole output).
     */
    static void rowStats(float[] a, int rows, int length, float[] stats, int threads) {
        if (length == 0 || rows == 0) return;
        boolean vector = VectorSupport.BITS > 0;
        int rowsPerTask = Math.max(1, TASK_ELEMENTS / length);
        ClaimedChunks.run(threads, (rows + rowsPerTask - 1) / rowsPerTask, t -> {
            int r0 = t * rowsPerTask, r1 = Math.min(rows, r0 + rowsPerTask);
            if (vector) {
                SoftmaxVectorKernel.rowsMaxLse(a, r0 * length, length, r1 - r0, stats, 2 * r0);
                return;
            }
            for (int r = r0; r < r1; r++) {
                int base = r * length, end = base + length;
                float m = Float.NEGATIVE_INFINITY, sum = 0f;
                for (int k = base; k < end; k++) m = Math.max(m, a[k]);
                for (int k = base; k < end; k++) sum += ScalarMath.exp(a[k] - m);
                stats[2 * r] = m;
                stats[2 * r + 1] = (float) Math.log(sum);
            }
        });
    }

    /** One row in scalar code: {@code n} elements from {@code base}, {@code step} apart. */
    static void rowScalar(Mode mode, float[] a, float[] b, float[] out, int base, int n, int step) {
        int end = base + n * step;
        switch (mode) {
            case SOFTMAX, LOG_SOFTMAX -> {
                float m = Float.NEGATIVE_INFINITY;
                for (int k = base; k < end; k += step) m = Math.max(m, a[k]);
                float sum = 0f;
                if (mode == Mode.SOFTMAX) {
                    for (int k = base; k < end; k += step) {
                        float e = ScalarMath.exp(a[k] - m);
                        out[k] = e;
                        sum += e;
                    }
                    float inv = 1f / sum; // as the vector kernel: one reciprocal per row
                    for (int k = base; k < end; k += step) out[k] = ScalarMath.canon(out[k] * inv);
                } else {
                    for (int k = base; k < end; k += step) sum += ScalarMath.exp(a[k] - m);
                    float lse = (float) Math.log(sum);
                    for (int k = base; k < end; k += step) out[k] = ScalarMath.canon((a[k] - m) - lse);
                }
            }
            case SOFTMAX_BACKWARD -> {
                float dot = 0f;
                for (int k = base; k < end; k += step) dot = Math.fma(b[k], a[k], dot);
                for (int k = base; k < end; k += step) out[k] = ScalarMath.canon(a[k] * (b[k] - dot));
            }
            case LOG_SOFTMAX_BACKWARD -> {
                float sum = 0f;
                for (int k = base; k < end; k += step) sum += b[k];
                for (int k = base; k < end; k += step) out[k] = ScalarMath.canon(b[k] - ScalarMath.exp(a[k]) * sum);
            }
        }
    }
}
