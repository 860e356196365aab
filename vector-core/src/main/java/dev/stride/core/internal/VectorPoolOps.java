package dev.stride.core.internal;

import dev.stride.core.*;
import dev.stride.core.reference.*;

/**
 * Vectorized pooling and padding. Not vectorized yet: forwards to the reference until its kernels land.
 */
final class VectorPoolOps {
    private final int threads;

    VectorPoolOps(int threads) { this.threads = threads; }
    Tensor maxPool2d(Tensor input, MaxPool2dParams p) { return PoolReference.maxPool2d(input, p).output(); }
    MaxPoolResult maxPool2dWithIndices(Tensor input, MaxPool2dParams p) { return PoolReference.maxPool2d(input, p); }
    Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) { return PoolReference.maxPool2dBackward(input, gradOutput, p); }
    Tensor avgPool2d(Tensor input, AvgPool2dParams p) { return PoolReference.avgPool2d(input, p); }
    Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p) { return PoolReference.avgPool2dBackward(inputShape, gradOutput, p); }
    Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p) { return PoolReference.adaptiveAvgPool2d(input, p); }
    Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) { return PoolReference.adaptiveAvgPool2dBackward(inputShape, gradOutput, p); }
    MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) { return PoolReference.adaptiveMaxPool2d(input, p); }
    Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p) { return PoolReference.adaptiveMaxPool2dBackward(input, gradOutput, p); }
    Tensor pad(Tensor input, Pad2dParams p) { return PadReference.pad(input, p); }
    Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p) { return PadReference.padBackward(inputShape, gradOutput, p); }
}
