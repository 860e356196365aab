package dev.stride.core.reference;

import dev.stride.core.*;

/** Naive reference (being written: the foundation issue). */
public final class SoftmaxReference {
    private SoftmaxReference() {}
    public static Tensor softmax(Tensor input, int dim) { throw todo(); }
    public static Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim) { throw todo(); }
    public static Tensor logSoftmax(Tensor input, int dim) { throw todo(); }
    public static Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim) { throw todo(); }
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("reference not written yet"); }
}
