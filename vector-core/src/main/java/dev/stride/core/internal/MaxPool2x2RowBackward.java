package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Backward of {@link MaxPool2x2Kernel} row by row with contiguous vectors: {@code L} input columns of
 * a window row pair (two loads, {@code L/2} whole windows, as {@code L} is even and blocks start at even
 * columns) are paired with their neighbours by one in-register swap of adjacent lanes, so every lane
 * sees its window's four taps in row-major order and applies PyTorch's rule ({@code v > max || isNaN(v)},
 * the first maximum winning ties) as compare-and-blend. Each lane then keeps its window's gradient if it
 * holds the winning tap, else +0, and both rows are stored whole: no gathers or scatters (the origin-map
 * kernel this replaces spent most of its time in them on LeNet's 28-wide maps).
 *
 * <p>The gradient is added to zero, as the reference's {@code 0 + g} turns -0 into +0. The last block of a
 * row is masked; cells outside every window (an odd last row or column) are left as they are (zero, from
 * the caller). Loaded only when {@link VectorSupport#BITS} is non-zero.
 */
final class MaxPool2x2RowBackward {
    private MaxPool2x2RowBackward() {}

    /** Lane {@code i} takes lane {@code i ^ 1}: a window's left column meets its right one. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(F, i -> i ^ 1);
    /** Lane {@code i} takes lane {@code i & ~1}: both columns get what the left one worked out. */
    private static final VectorShuffle<Float> LEFT = VectorShuffle.fromOp(F, i -> i & ~1);
    /** Lane {@code i} takes lane {@code i / 2}: each window's gradient reaches both its columns. */
    private static final VectorShuffle<Float> SPREAD = VectorShuffle.fromOp(F, i -> i / 2);
    /** The tap a lane's cell is in the top row (0 left, 1 right) and in the bottom row (2, 3). */
    private static final float[] TOP_TAPS = taps(0), BOTTOM_TAPS = taps(2);

    private static float[] taps(int first) {
        float[] t = new float[L];
        for (int i = 0; i < L; i++) t[i] = first + (i & 1);
        return t;
    }

    /**
     * Gradients of planes {@code [c0, c1)} into {@code gradIn} (zero outside the windows). The left column's
     * lanes run the window's rule on (own top, partner top, own bottom, partner bottom), record the winning
     * tap as a float 0..3, and share it with the right column's lanes; a cell keeps the gradient where that
     * tap is its own. One loop body, no masks kept across it: a first version with per-lane tap orders
     * (blends on a constant odd-lane mask) compiled to mask spills and reloads that cost more than the work.
     */
    static void planes(float[] in, float[] gradOut, float[] gradIn, int c0, int c1, int h, int w, int oh, int ow) {
        final int cols = 2 * ow;
        final FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f), two = FloatVector.broadcast(F, 2f),
                three = FloatVector.broadcast(F, 3f);
        final FloatVector topTaps = FloatVector.fromArray(F, TOP_TAPS, 0), bottomTaps = FloatVector.fromArray(F, BOTTOM_TAPS, 0);
        for (int c = c0; c < c1; c++) {
            final int ib = c * h * w, ob = c * oh * ow;
            for (int y = 0; y < oh; y++) {
                final int top = ib + 2 * y * w, bottom = top + w, gRow = ob + y * ow;
                for (int x = 0; x < cols; x += L) {
                    VectorMask<Float> live = F.indexInRange(x, cols);
                    FloatVector t = FloatVector.fromArray(F, in, top + x, live);
                    FloatVector b = FloatVector.fromArray(F, in, bottom + x, live);
                    // In a left column's lane: taps 0..3 are t, ts, b, bs.
                    FloatVector ts = t.rearrange(SWAP), bs = b.rearrange(SWAP);
                    VectorMask<Float> u1 = takes(t, ts);
                    FloatVector m = t.blend(ts, u1);
                    VectorMask<Float> u2 = takes(m, b);
                    m = m.blend(b, u2);
                    VectorMask<Float> u3 = takes(m, bs);
                    FloatVector tap = zero.blend(one, u1).blend(two, u2).blend(three, u3).rearrange(LEFT);
                    FloatVector g = FloatVector.fromArray(F, gradOut, gRow + x / 2, F.indexInRange(x / 2, ow))
                            .rearrange(SPREAD).add(0f);
                    zero.blend(g, tap.compare(VectorOperators.EQ, topTaps)).intoArray(gradIn, top + x, live);
                    zero.blend(g, tap.compare(VectorOperators.EQ, bottomTaps)).intoArray(gradIn, bottom + x, live);
                }
            }
        }
    }

    /** PyTorch's rule: {@code v} replaces the running maximum if greater or NaN ({@code v != v}). */
    private static VectorMask<Float> takes(FloatVector m, FloatVector v) {
        return v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
    }
}
