package dev.stride.core.reference;

import dev.stride.core.*;

/** Naive reference (being written: the foundation issue). */
public final class PoolReference {
    private PoolReference() {}
    public static MaxPoolResult maxPool2d(Tensor input, MaxPool2dParams p) { throw todo(); }
    public static Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) { throw todo(); }
    public static Tensor avgPool2d(Tensor input, AvgPool2dParams p) { throw todo(); }
    public static Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p) { throw todo(); }
    public static Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p) { throw todo(); }
    public static Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) { throw todo(); }
    public static MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) { throw todo(); }
    public static Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p) { throw todo(); }
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("reference not written yet"); }
}
