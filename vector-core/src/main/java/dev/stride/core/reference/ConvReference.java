package dev.stride.core.reference;

import dev.stride.core.*;

/** Naive reference (being written: the foundation issue). */
public final class ConvReference {
    private ConvReference() {}
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) { throw todo(); }
    public static ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p) { throw todo(); }
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p) { throw todo(); }
    public static ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvTranspose2dParams p) { throw todo(); }
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("reference not written yet"); }
}
