package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A stride-1 3x3 depthwise plane narrower than one vector (the 14x14 and 7x7 planes of MobileNet's
 * late layers at 512 bits), where {@link Depthwise3x3Kernel}'s row vectors do not fit: the input plane
 * is copied into a zero-padded plane of row stride {@code outW + 2}, and vectors run over that plane
 * flattened, so one vector spans several output rows. Lanes that fall on the two padding columns of a
 * row compute values nobody reads; each output row is then copied out of the flat result.
 *
 * <p>Each output is {@code fma} of the nine taps in (ky, kx) order starting from the bias, padding taps
 * contributing {@code w * 0}: the same operations as {@link Depthwise3x3Kernel#point}, so the result
 * is bitwise the one of the scalar path it replaces. Workspace per thread: the padded plane,
 * {@code (outH + 2) * (outW + 2) + 2} floats, and the flat result, {@code outH * (outW + 2)} floats.
 * Only loaded when {@link VectorSupport#BITS} &gt; 0.
 */
final class Depthwise3x3NarrowPlane {
    private Depthwise3x3NarrowPlane() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();

    /**
     * Whether this kernel takes the plane: stride 1, as many output as input columns (paddings left and
     * right adding to 2, neither negative), rows narrower than a vector and at least one vector of
     * flattened outputs.
     */
    static boolean applies(int s, int inW, int outW, int outH, int padLeft) {
        return s == 1 && outW == inW && outW < VL && padLeft >= 0 && padLeft <= 2 && outH * (outW + 2) >= VL;
    }

    /** The arguments and result of {@link Depthwise3x3Kernel#plane}, for planes {@link #applies} accepts. */
    static void plane(float[] x, int xOff, int inH, int inW, float[] w, int wOff, float b,
                      float[] y, int yOff, int outH, int outW, int padTop, int padLeft) {
        final int wp = outW + 2, rows = outH + 2, total = outH * wp;
        Workspace ws = Workspace.get();
        float[] pad = ws.plane(rows * wp + 2), flat = ws.col(total);
        // Padded row r holds input row r - padTop, column c holds input column c - padLeft.
        java.util.Arrays.fill(pad, 0, rows * wp + 2, 0f);
        for (int r = 0; r < rows; r++) {
            int ih = r - padTop;
            if (ih >= 0 && ih < inH) System.arraycopy(x, xOff + ih * inW, pad, r * wp + padLeft, inW);
        }
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]), bias = FloatVector.broadcast(S, b);
        for (int j = 0; j < total; j += VL) {
            // The last vector moves back to end at the last output (recomputing a few with the same operations).
            int q = Math.min(j, total - VL), r1 = q + wp, r2 = r1 + wp;
            FloatVector acc = FloatVector.fromArray(S, pad, q).fma(w0, bias);
            acc = FloatVector.fromArray(S, pad, q + 1).fma(w1, acc);
            acc = FloatVector.fromArray(S, pad, q + 2).fma(w2, acc);
            acc = FloatVector.fromArray(S, pad, r1).fma(w3, acc);
            acc = FloatVector.fromArray(S, pad, r1 + 1).fma(w4, acc);
            acc = FloatVector.fromArray(S, pad, r1 + 2).fma(w5, acc);
            acc = FloatVector.fromArray(S, pad, r2).fma(w6, acc);
            acc = FloatVector.fromArray(S, pad, r2 + 1).fma(w7, acc);
            acc = FloatVector.fromArray(S, pad, r2 + 2).fma(w8, acc);
            acc.intoArray(flat, q);
        }
        for (int oh = 0; oh < outH; oh++) System.arraycopy(flat, oh * wp, y, yOff + oh * outW, outW);
    }
}
