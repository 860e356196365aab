package dev.stride.core.internal;

import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import java.util.Arrays;

/**
 * The pad op on the last two dimensions, forward and backward, for every {@link PadMode}, with
 * PyTorch's rules (those of {@code PadReference}): negative pads crop in every mode; reflect and
 * replicate mirror or clamp at the input's edges; circular crops first and wraps within what is left.
 *
 * <p>Along each axis the output positions whose source is a plain shift of the input form one
 * contiguous "inside" segment; forward copies it with {@code System.arraycopy} (an intrinsic that moves
 * whole vectors) and fills or maps the few border cells. Backward starts from the inside segment (each
 * input cell receives its own output cell once) and then adds the border cells, in row-major output
 * order, to the cells they were reflected, replicated or wrapped from. One task per plane: results do
 * not depend on the thread count.
 */
final class PadKernel {
    private PadKernel() {}

    static void forward(float[] in, float[] out, int planes, int h, int w, int oh, int ow, Pad2dParams p, int threads) {
        PadMode mode = p.mode();
        boolean constant = mode == PadMode.CONSTANT;
        float value = p.value();
        int j0 = Math.max(p.left(), 0), j1 = insideEnd(w, p.left(), p.right(), ow, mode);
        int shift = -p.left(); // source column = j + shift inside
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int r = 0; r < oh; r++) {
                int o = ob + r * ow;
                int sr = source(r, h, p.top(), p.bottom(), mode);
                if (sr < 0) {
                    Arrays.fill(out, o, o + ow, value);
                    continue;
                }
                int src = ib + sr * w;
                if (j1 > j0) System.arraycopy(in, src + j0 + shift, out, o + j0, j1 - j0);
                int leftEnd = Math.min(Math.max(j0, 0), ow), rightStart = Math.max(j1, leftEnd);
                if (constant) {
                    Arrays.fill(out, o, o + leftEnd, value);
                    Arrays.fill(out, o + rightStart, o + ow, value);
                } else {
                    for (int j = 0; j < leftEnd; j++) out[o + j] = in[src + source(j, w, p.left(), p.right(), mode)];
                    for (int j = rightStart; j < ow; j++) out[o + j] = in[src + source(j, w, p.left(), p.right(), mode)];
                }
            }
        });
    }

    static void backward(float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow, Pad2dParams p,
                         int threads) {
        PadMode mode = p.mode();
        int j0 = Math.max(p.left(), 0), j1 = insideEnd(w, p.left(), p.right(), ow, mode);
        int shift = -p.left();
        int i0 = Math.max(p.top(), 0), i1 = insideEnd(h, p.top(), p.bottom(), oh, mode);
        int rowShift = -p.top();
        PoolTasks.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int r = i0; r < i1; r++) {
                if (j1 > j0) System.arraycopy(gradOut, ob + r * ow + j0, gradIn, ib + (r + rowShift) * w + j0 + shift, j1 - j0);
            }
            if (mode == PadMode.CONSTANT) return;
            for (int r = 0; r < oh; r++) {
                int dst = ib + source(r, h, p.top(), p.bottom(), mode) * w;
                boolean insideRow = r >= i0 && r < i1;
                int g = ob + r * ow;
                for (int j = 0; j < ow; j++) {
                    if (insideRow && j >= j0 && j < j1) {
                        j = j1 - 1;
                        continue;
                    }
                    gradIn[dst + source(j, w, p.left(), p.right(), mode)] += gradOut[g + j];
                }
            }
        });
    }

    /**
     * One past the last output position of the inside segment, which starts at {@code max(before, 0)} and
     * copies input {@code j - before} (for circular too: its crop of the first side is that same shift).
     */
    private static int insideEnd(int n, int before, int after, int out, PadMode mode) {
        int start = Math.max(before, 0);
        int kept = n - Math.max(-before, 0) - (mode == PadMode.CIRCULAR ? Math.max(-after, 0) : 0);
        return Math.min(out, start + Math.max(kept, 0));
    }

    /** Input index copied by output position {@code j} of an axis of size {@code n}; -1 for the constant. */
    static int source(int j, int n, int before, int after, PadMode mode) {
        int x = j - before;
        return switch (mode) {
            case CONSTANT -> x >= 0 && x < n ? x : -1;
            case REFLECT -> x < 0 ? -x : x >= n ? 2 * (n - 1) - x : x;
            case REPLICATE -> Math.max(0, Math.min(n - 1, x));
            case CIRCULAR -> {
                int keptStart = Math.max(-before, 0);
                int kept = n - keptStart - Math.max(-after, 0);
                yield keptStart + Math.floorMod(j - Math.max(before, 0), kept);
            }
        };
    }
}
