package dev.stride.core.reference;

import dev.stride.core.*;

/** Naive reference (being written: the foundation issue). */
public final class LinearReference {
    private LinearReference() {}
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) { throw todo(); }
    public static ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias) { throw todo(); }
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("reference not written yet"); }
}
