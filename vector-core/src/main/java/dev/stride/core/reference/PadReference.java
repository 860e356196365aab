package dev.stride.core.reference;

import dev.stride.core.*;

/** Naive reference (being written: the foundation issue). */
public final class PadReference {
    private PadReference() {}
    public static Tensor pad(Tensor input, Pad2dParams p) { throw todo(); }
    public static Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p) { throw todo(); }
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("reference not written yet"); }
}
