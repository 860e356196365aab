package dev.stride.core.internal;

import dev.stride.core.*;
import dev.stride.core.reference.*;

/**
 * Vectorized convolution. Not vectorized yet: forwards to the reference until its kernels land.
 */
final class VectorConvOps {
    private final int threads;

    VectorConvOps(int threads) { this.threads = threads; }
    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) { return ConvReference.conv2d(input, weight, bias, p); }
    ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p) { return ConvReference.conv2dBackward(input, weight, gradOutput, p); }
    Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p) { return ConvReference.convTranspose2d(input, weight, bias, p); }
    ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvTranspose2dParams p) { return ConvReference.convTranspose2dBackward(input, weight, gradOutput, p); }
}
