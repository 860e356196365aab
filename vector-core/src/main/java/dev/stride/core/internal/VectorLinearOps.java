package dev.stride.core.internal;

import dev.stride.core.*;
import dev.stride.core.reference.*;

/**
 * Vectorized fully-connected layer. Not vectorized yet: forwards to the reference until its kernels land.
 */
final class VectorLinearOps {
    private final int threads;

    VectorLinearOps(int threads) { this.threads = threads; }
    Tensor linear(Tensor input, Tensor weight, Tensor bias) { return LinearReference.linear(input, weight, bias); }
    ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias) { return LinearReference.linearBackward(input, weight, gradOutput, hasBias); }
}
