package dev.stride.core.internal;

import dev.stride.core.MaxPool2dParams;

/**
 * Max pool 2x2, stride 2, no padding, no dilation, every window whole (LeNet's pooling): forward
 * (values, optionally indices) and backward without the general kernel's per-window bounds and
 * per-plane setup; values alone by gathers in {@link MaxPool2x2VectorKernel} and the backward row by row in
 * {@link MaxPool2x2RowBackward} when vectors are on. Each
 * window is scanned in PyTorch's row-major order with PyTorch's rule
 * ({@code v > max || isNaN(v)}: the first maximum wins ties, the last NaN wins), so values, indices
 * and gradients equal the reference's exactly, including the sign of a zero maximum.
 *
 * <p>Tasks are fixed blocks of {@link #PLANES_PER_TASK} planes (not derived from the thread count);
 * each output and each input-gradient cell is written by one task, so results are bitwise identical for
 * any thread count.
 */
final class MaxPool2x2Kernel {
    private MaxPool2x2Kernel() {}

    /** Enough work per task (a few thousand windows on LeNet's maps) to pay for the task's dispatch. */
    private static final int PLANES_PER_TASK = 16;

    /** True when this kernel applies: 2x2 windows, stride 2, no padding or dilation, all windows inside. */
    static boolean applies(MaxPool2dParams p, int h, int w, int oh, int ow) {
        return p.kernelH() == 2 && p.kernelW() == 2 && p.strideH() == 2 && p.strideW() == 2 && p.paddingH() == 0
                && p.paddingW() == 0 && p.dilationH() == 1 && p.dilationW() == 1 && 2 * oh <= h && 2 * ow <= w
                && oh > 0 && ow > 0;
    }

    /** Maxima into {@code out}, and their flat in-plane indices into {@code indices} unless it is null. */
    static void forward(float[] in, float[] out, long[] indices, int planes, int h, int w, int oh, int ow, int threads) {
        int tasks = (planes + PLANES_PER_TASK - 1) / PLANES_PER_TASK;
        if (indices == null && VectorSupport.BITS > 0) {
            int[] map = MaxPool2x2VectorKernel.origins(w, oh, ow);
            PoolTasks.forEach(threads, tasks, t -> MaxPool2x2VectorKernel.planes(in, out, t * PLANES_PER_TASK,
                    Math.min(planes, (t + 1) * PLANES_PER_TASK), h, w, oh, ow, map));
            return;
        }
        PoolTasks.forEach(threads, tasks, t -> {
            int c1 = Math.min(planes, (t + 1) * PLANES_PER_TASK);
            for (int c = t * PLANES_PER_TASK; c < c1; c++) {
                int ib = c * h * w, ob = c * oh * ow;
                for (int y = 0; y < oh; y++) {
                    int top = ib + 2 * y * w, o = ob + y * ow;
                    for (int x = 0; x < ow; x++) {
                        int a = top + 2 * x;
                        int k = argmax(in[a], in[a + 1], in[a + w], in[a + w + 1]);
                        int src = a + (k >> 1) * w + (k & 1);
                        out[o + x] = in[src];
                        if (indices != null) indices[o + x] = src - ib;
                    }
                }
            }
        });
    }

    /** Adds each output's gradient into its window's maximum cell of {@code gradIn} (zeroed by the caller). */
    static void backward(float[] in, float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow, int threads) {
        int tasks = (planes + PLANES_PER_TASK - 1) / PLANES_PER_TASK;
        if (VectorSupport.BITS > 0) {
            PoolTasks.forEach(threads, tasks, t -> MaxPool2x2RowBackward.planes(in, gradOut, gradIn, t * PLANES_PER_TASK,
                    Math.min(planes, (t + 1) * PLANES_PER_TASK), h, w, oh, ow));
            return;
        }
        PoolTasks.forEach(threads, tasks, t -> {
            int c1 = Math.min(planes, (t + 1) * PLANES_PER_TASK);
            for (int c = t * PLANES_PER_TASK; c < c1; c++) {
                int ib = c * h * w, ob = c * oh * ow;
                for (int y = 0; y < oh; y++) {
                    int top = ib + 2 * y * w, o = ob + y * ow;
                    for (int x = 0; x < ow; x++) {
                        int a = top + 2 * x;
                        int k = argmax(in[a], in[a + 1], in[a + w], in[a + w + 1]);
                        gradIn[a + (k >> 1) * w + (k & 1)] += gradOut[o + x];
                    }
                }
            }
        });
    }

    /**
     * Tap (0..3, row-major) of the maximum by PyTorch's rule, starting from minus infinity at tap 0.
     * Without NaNs a tournament of strict comparisons ((0,1), (2,3), then the two winners, the earlier
     * side winning ties) picks the same tap as the sequential scan, and compiles to selects instead of
     * data-dependent branches; a window with a NaN (rare, so its branch predicts well) takes the scan.
     */
    private static int argmax(float v0, float v1, float v2, float v3) {
        if (v0 != v0 | v1 != v1 | v2 != v2 | v3 != v3) return argmaxScan(v0, v1, v2, v3);
        int k01 = v1 > v0 ? 1 : 0;
        float m01 = Math.max(v0, v1);
        int k23 = v3 > v2 ? 3 : 2;
        float m23 = Math.max(v2, v3);
        return m23 > m01 ? k23 : k01;
    }

    private static int argmaxScan(float v0, float v1, float v2, float v3) {
        // v0 either replaces -inf or is -inf itself: the value and tap 0 are the same either way.
        float m = v0;
        int k = 0;
        if (v1 > m || v1 != v1) { m = v1; k = 1; }
        if (v2 > m || v2 != v2) { m = v2; k = 2; }
        if (v3 > m || v3 != v3) { k = 3; }
        return k;
    }
}
