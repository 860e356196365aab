package dev.stride.core.internal;

import dev.stride.core.*;

/**
 * {@link Ops} on the vectorized kernels. Each family lives in its own class: {@link VectorConvOps}
 * (conv, conv_transpose), {@link VectorLinearOps} (linear), {@link VectorPoolOps} (pooling, padding),
 * {@link VectorElementwiseOps} (activations, softmax, cross-entropy).
 */
public final class VectorOps implements Ops {
    private final int threads;
    private final VectorConvOps conv;
    private final VectorLinearOps linear;
    private final VectorPoolOps pool;
    private final VectorElementwiseOps elementwise;

    public VectorOps(int threads) {
        this.threads = threads;
        this.conv = new VectorConvOps(threads);
        this.linear = new VectorLinearOps(threads);
        this.pool = new VectorPoolOps(threads);
        this.elementwise = new VectorElementwiseOps(threads);
    }

    @Override public String name() { return "vector"; }

    @Override public int threads() { return threads; }

    /**
     * By claiming ({@link PoolTasks}): the caller works through the tasks and returns once all are done,
     * so a pool thread that wakes late (a parked thread can take as long as a LeNet slice on a busy
     * machine) costs nothing instead of holding the caller at a fixed split's join.
     */
    @Override public void parallelFor(int tasks, java.util.function.IntConsumer body) {
        Check.nonNegative("tasks", tasks);
        Check.notNull("body", body);
        PoolTasks.forEach(threads, tasks, body);
    }

    @Override public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) { return conv.conv2d(input, weight, bias, p); }
    @Override public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p, Tensor out) {
        return conv.conv2d(input, weight, bias, p, out);
    }
    @Override public ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p) {
        return conv.conv2dBackward(input, weight, gradOutput, p, true);
    }

    @Override public ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p,
                                                  boolean needInputGradient) {
        return conv.conv2dBackward(input, weight, gradOutput, p, needInputGradient);
    }
    @Override public ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p, ConvGradients out) {
        return conv.conv2dBackward(input, weight, gradOutput, p, out);
    }
    @Override public Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p) {
        return conv.convTranspose2d(input, weight, bias, p);
    }
    @Override public ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvTranspose2dParams p) {
        return conv.convTranspose2dBackward(input, weight, gradOutput, p);
    }

    @Override public Tensor maxPool2d(Tensor input, MaxPool2dParams p) { return pool.maxPool2d(input, p); }
    @Override public MaxPoolResult maxPool2dWithIndices(Tensor input, MaxPool2dParams p) { return pool.maxPool2dWithIndices(input, p); }
    @Override public Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) { return pool.maxPool2dBackward(input, gradOutput, p); }
    @Override public Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p, Tensor out) {
        return pool.maxPool2dBackward(input, gradOutput, p, out);
    }
    @Override public Tensor avgPool2d(Tensor input, AvgPool2dParams p) { return pool.avgPool2d(input, p); }
    @Override public Tensor maxPool2d(Tensor input, MaxPool2dParams p, Tensor out) { return pool.maxPool2d(input, p, out); }
    @Override public Tensor avgPool2d(Tensor input, AvgPool2dParams p, Tensor out) { return pool.avgPool2d(input, p, out); }
    @Override public Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p) {
        return pool.avgPool2dBackward(inputShape, gradOutput, p);
    }
    @Override public Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p) { return pool.adaptiveAvgPool2d(input, p); }
    @Override public Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) {
        return pool.adaptiveAvgPool2dBackward(inputShape, gradOutput, p);
    }
    @Override public MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) { return pool.adaptiveMaxPool2d(input, p); }
    @Override public Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p) {
        return pool.adaptiveMaxPool2dBackward(input, gradOutput, p);
    }
    @Override public Tensor pad(Tensor input, Pad2dParams p) { return pool.pad(input, p); }
    @Override public Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p) { return pool.padBackward(inputShape, gradOutput, p); }

    @Override public Tensor activation(Tensor input, Activation a) { return elementwise.activation(input, a); }
    @Override public Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a) {
        return elementwise.activationBackward(input, gradOutput, a);
    }
    @Override public Tensor activation(Tensor input, Activation a, Tensor out) { return elementwise.activation(input, a, out); }
    @Override public Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a, Tensor out) {
        return elementwise.activationBackward(input, gradOutput, a, out);
    }

    @Override public Tensor linear(Tensor input, Tensor weight, Tensor bias) { return linear.linear(input, weight, bias); }
    @Override public Tensor linear(Tensor input, Tensor weight, Tensor bias, Tensor out) {
        return linear.linear(input, weight, bias, out);
    }
    @Override public ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias) {
        return linear.linearBackward(input, weight, gradOutput, hasBias);
    }
    @Override public ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvGradients out) {
        return linear.linearBackward(input, weight, gradOutput, out);
    }

    @Override public Tensor softmax(Tensor input, int dim) { return elementwise.softmax(input, dim); }
    @Override public Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim) { return elementwise.softmaxBackward(output, gradOutput, dim); }
    @Override public Tensor logSoftmax(Tensor input, int dim) { return elementwise.logSoftmax(input, dim); }
    @Override public Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim) { return elementwise.logSoftmaxBackward(output, gradOutput, dim); }
    @Override public Tensor softmax(Tensor input, int dim, Tensor out) { return elementwise.softmax(input, dim, out); }
    @Override public Tensor logSoftmax(Tensor input, int dim, Tensor out) { return elementwise.logSoftmax(input, dim, out); }
    @Override public Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyParams p) { return elementwise.crossEntropy(logits, targets, p); }
    @Override public Tensor crossEntropyBackward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p) {
        return elementwise.crossEntropyBackward(logits, targets, gradOutput, p);
    }
}
