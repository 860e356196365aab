package dev.stride.core.internal;

import dev.stride.core.AdaptivePool2dParams;

/**
 * Adaptive (and global) average and max pooling on NCHW planes, forward and backward. Output cell
 * {@code (i, j)} covers rows {@code [floor(i*H/oh), ceil((i+1)*H/oh))} and the matching columns.
 *
 * <p>Average: the window's rows are summed as contiguous segments ({@link RowSums}, vectorized when
 * {@link VectorSupport#BITS} is non-zero; a window spanning whole rows is one segment), then divided by
 * the cell count. Max: PyTorch's rule ({@code v > max || isNaN(v)}, first maximum wins), with indices
 * flat within the plane. One task per plane: bitwise identical for any thread count.
 */
final class AdaptivePool2dKernel {
    private AdaptivePool2dKernel() {}

    static void avgForward(float[] in, float[] out, int planes, int h, int w, AdaptivePool2dParams p, int threads) {
        int oh = p.outH(), ow = p.outW();
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int i = 0; i < oh; i++) {
                int h0 = AdaptivePool2dParams.start(i, h, oh), h1 = AdaptivePool2dParams.end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = AdaptivePool2dParams.start(j, w, ow), w1 = AdaptivePool2dParams.end(j, w, ow);
                    float sum;
                    if (w0 == 0 && w1 == w) {
                        sum = RowSums.sum(in, ib + h0 * w, (h1 - h0) * w);
                    } else {
                        sum = 0f;
                        for (int r = h0; r < h1; r++) sum += RowSums.sum(in, ib + r * w + w0, w1 - w0);
                    }
                    out[ob + i * ow + j] = ScalarMath.canon(sum / ((h1 - h0) * (w1 - w0)));
                }
            }
        });
    }

    static void avgBackward(float[] gradOut, float[] gradIn, int planes, int h, int w, AdaptivePool2dParams p,
                            int threads) {
        int oh = p.outH(), ow = p.outW();
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int i = 0; i < oh; i++) {
                int h0 = AdaptivePool2dParams.start(i, h, oh), h1 = AdaptivePool2dParams.end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = AdaptivePool2dParams.start(j, w, ow), w1 = AdaptivePool2dParams.end(j, w, ow);
                    float g = gradOut[ob + i * ow + j] / ((h1 - h0) * (w1 - w0));
                    for (int r = h0; r < h1; r++) {
                        int base = ib + r * w;
                        for (int x = w0; x < w1; x++) gradIn[base + x] += g;
                    }
                }
            }
        });
    }

    static void maxForward(float[] in, float[] out, long[] indices, int planes, int h, int w, AdaptivePool2dParams p,
                           int threads) {
        int oh = p.outH(), ow = p.outW();
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int i = 0; i < oh; i++) {
                int h0 = AdaptivePool2dParams.start(i, h, oh), h1 = AdaptivePool2dParams.end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = AdaptivePool2dParams.start(j, w, ow), w1 = AdaptivePool2dParams.end(j, w, ow);
                    int at = argMax(in, ib, w, h0, h1, w0, w1);
                    out[ob + i * ow + j] = in[ib + at];
                    indices[ob + i * ow + j] = at;
                }
            }
        });
    }

    static void maxBackward(float[] in, float[] gradOut, float[] gradIn, int planes, int h, int w,
                            AdaptivePool2dParams p, int threads) {
        int oh = p.outH(), ow = p.outW();
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int i = 0; i < oh; i++) {
                int h0 = AdaptivePool2dParams.start(i, h, oh), h1 = AdaptivePool2dParams.end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = AdaptivePool2dParams.start(j, w, ow), w1 = AdaptivePool2dParams.end(j, w, ow);
                    gradIn[ib + argMax(in, ib, w, h0, h1, w0, w1)] += gradOut[ob + i * ow + j];
                }
            }
        });
    }

    /** In-plane index of the window's maximum by PyTorch's rule; windows are never empty here. */
    private static int argMax(float[] in, int ib, int w, int h0, int h1, int w0, int w1) {
        float max = Float.NEGATIVE_INFINITY;
        int at = h0 * w + w0;
        for (int r = h0; r < h1; r++) {
            int base = ib + r * w;
            for (int x = w0; x < w1; x++) {
                float v = in[base + x];
                if (v > max || v != v) {
                    max = v;
                    at = r * w + x;
                }
            }
        }
        return at;
    }
}
