package dev.stride.core.internal;

import dev.stride.core.*;
import dev.stride.core.reference.*;

/**
 * Vectorized activations, softmax and cross-entropy. Not vectorized yet: forwards to the reference until its kernels land.
 */
final class VectorElementwiseOps {
    private final int threads;

    VectorElementwiseOps(int threads) { this.threads = threads; }
    Tensor activation(Tensor input, Activation a) { return ActivationReference.forward(input, a); }
    Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a) { return ActivationReference.backward(input, gradOutput, a); }
    Tensor softmax(Tensor input, int dim) { return SoftmaxReference.softmax(input, dim); }
    Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim) { return SoftmaxReference.softmaxBackward(output, gradOutput, dim); }
    Tensor logSoftmax(Tensor input, int dim) { return SoftmaxReference.logSoftmax(input, dim); }
    Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim) { return SoftmaxReference.logSoftmaxBackward(output, gradOutput, dim); }
    Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyParams p) { return CrossEntropyReference.crossEntropy(logits, targets, p); }
    Tensor crossEntropyBackward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p) { return CrossEntropyReference.crossEntropyBackward(logits, targets, gradOutput, p); }
}
