package dev.stride.core.reference;

import dev.stride.core.*;

/**
 * {@link Ops} on the naive reference: plain loops, double accumulation, PyTorch semantics. Each method
 * forwards to the static reference class of its family ({@link ConvReference}, {@link PoolReference},
 * {@link PadReference}, {@link ActivationReference}, {@link LinearReference}, {@link SoftmaxReference},
 * {@link CrossEntropyReference}), which other engines may also call directly.
 */
public final class ReferenceOps implements Ops {
    @Override public String name() { return "reference"; }

    @Override public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        return ConvReference.conv2d(input, weight, bias, p);
    }
    @Override public ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p) {
        return ConvReference.conv2dBackward(input, weight, gradOutput, p);
    }
    @Override public Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p) {
        return ConvReference.convTranspose2d(input, weight, bias, p);
    }
    @Override public ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvTranspose2dParams p) {
        return ConvReference.convTranspose2dBackward(input, weight, gradOutput, p);
    }

    @Override public Tensor maxPool2d(Tensor input, MaxPool2dParams p) { return PoolReference.maxPool2d(input, p).output(); }
    @Override public MaxPoolResult maxPool2dWithIndices(Tensor input, MaxPool2dParams p) { return PoolReference.maxPool2d(input, p); }
    @Override public Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) {
        return PoolReference.maxPool2dBackward(input, gradOutput, p);
    }
    @Override public Tensor avgPool2d(Tensor input, AvgPool2dParams p) { return PoolReference.avgPool2d(input, p); }
    @Override public Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p) {
        return PoolReference.avgPool2dBackward(inputShape, gradOutput, p);
    }
    @Override public Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p) { return PoolReference.adaptiveAvgPool2d(input, p); }
    @Override public Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) {
        return PoolReference.adaptiveAvgPool2dBackward(inputShape, gradOutput, p);
    }
    @Override public MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) { return PoolReference.adaptiveMaxPool2d(input, p); }
    @Override public Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p) {
        return PoolReference.adaptiveMaxPool2dBackward(input, gradOutput, p);
    }

    @Override public Tensor pad(Tensor input, Pad2dParams p) { return PadReference.pad(input, p); }
    @Override public Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p) {
        return PadReference.padBackward(inputShape, gradOutput, p);
    }

    @Override public Tensor activation(Tensor input, Activation a) { return ActivationReference.forward(input, a); }
    @Override public Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a) {
        return ActivationReference.backward(input, gradOutput, a);
    }

    @Override public Tensor linear(Tensor input, Tensor weight, Tensor bias) { return LinearReference.linear(input, weight, bias); }
    @Override public ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias) {
        return LinearReference.linearBackward(input, weight, gradOutput, hasBias);
    }

    @Override public Tensor softmax(Tensor input, int dim) { return SoftmaxReference.softmax(input, dim); }
    @Override public Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim) {
        return SoftmaxReference.softmaxBackward(output, gradOutput, dim);
    }
    @Override public Tensor logSoftmax(Tensor input, int dim) { return SoftmaxReference.logSoftmax(input, dim); }
    @Override public Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim) {
        return SoftmaxReference.logSoftmaxBackward(output, gradOutput, dim);
    }

    @Override public Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyParams p) {
        return CrossEntropyReference.crossEntropy(logits, targets, p);
    }
    @Override public Tensor crossEntropyBackward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p) {
        return CrossEntropyReference.crossEntropyBackward(logits, targets, gradOutput, p);
    }
}
