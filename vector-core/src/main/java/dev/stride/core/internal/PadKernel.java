package dev.stride.core.internal;

import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import java.util.Arrays;

/**
 * The pad op on the last two dimensions, forward and backward, for every {@link PadMode}.
 *
 * <p>Forward copies each output row's inside segment with {@code System.arraycopy} (an intrinsic that
 * moves whole vectors) and fills or maps the border cells; negative constant pads crop. Backward starts
 * from the inside segment (each input cell receives its own output cell once) and then adds the border
 * cells, in row-major output order, to the cells they were reflected, replicated or wrapped from.
 * One task per plane: results do not depend on the thread count.
 */
final class PadKernel {
    private PadKernel() {}

    static void forward(float[] in, float[] out, int planes, int h, int w, int oh, int ow, Pad2dParams p, int threads) {
        int top = p.top(), left = p.left();
        boolean constant = p.mode() == PadMode.CONSTANT;
        float value = p.value();
        int j0 = Math.max(0, left), j1 = Math.min(ow, left + w);
        Parallel.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int r = 0; r < oh; r++) {
                int o = ob + r * ow;
                int sr = source(r - top, h, p.mode());
                if (sr < 0) {
                    Arrays.fill(out, o, o + ow, value);
                    continue;
                }
                int src = ib + sr * w;
                if (j1 > j0) System.arraycopy(in, src + j0 - left, out, o + j0, j1 - j0);
                int leftEnd = Math.min(j0, ow), rightStart = Math.max(j1, leftEnd);
                if (constant) {
                    Arrays.fill(out, o, o + leftEnd, value);
                    Arrays.fill(out, o + rightStart, o + ow, value);
                } else {
                    for (int j = 0; j < leftEnd; j++) out[o + j] = in[src + source(j - left, w, p.mode())];
                    for (int j = rightStart; j < ow; j++) out[o + j] = in[src + source(j - left, w, p.mode())];
                }
            }
        });
    }

    static void backward(float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow, Pad2dParams p,
                         int threads) {
        int top = p.top(), left = p.left();
        int j0 = Math.max(0, left), j1 = Math.min(ow, left + w);
        Parallel.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            // The inside: output (r, j) with r-top and j-left inside the input maps to that very cell.
            for (int r = Math.max(0, top); r < Math.min(oh, top + h); r++) {
                if (j1 > j0) System.arraycopy(gradOut, ob + r * ow + j0, gradIn, ib + (r - top) * w + j0 - left, j1 - j0);
            }
            if (p.mode() == PadMode.CONSTANT) return;
            for (int r = 0; r < oh; r++) {
                int sr = source(r - top, h, p.mode());
                boolean insideRow = r - top >= 0 && r - top < h;
                int g = ob + r * ow, dst = ib + sr * w;
                for (int j = 0; j < ow; j++) {
                    if (insideRow && j >= j0 && j < j1) {
                        j = j1 - 1;
                        continue;
                    }
                    gradIn[dst + source(j - left, w, p.mode())] += gradOut[g + j];
                }
            }
        });
    }

    /** Input index for padded coordinate {@code x} on an axis of size {@code n}; -1 for a constant cell. */
    static int source(int x, int n, PadMode mode) {
        if (x >= 0 && x < n) return x;
        return switch (mode) {
            case CONSTANT -> -1;
            case REFLECT -> x < 0 ? -x : 2 * (n - 1) - x;
            case REPLICATE -> x < 0 ? 0 : n - 1;
            case CIRCULAR -> x < 0 ? x + n : x - n;
        };
    }
}
