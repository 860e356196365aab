package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.LogSoftmax(dim)}; backward uses the forward's output. */
public final class LogSoftmax implements Layer {
    private final int dim;
    private final ForwardCache cache = new ForwardCache("LogSoftmax");

    public LogSoftmax(int dim) { this.dim = dim; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        Tensor y = ops.logSoftmax(input, dim);
        cache.put(y);
        return y;
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) { return ops.logSoftmaxBackward(cache.get(), gradOutput, dim); }

    @Override public int[] outputShape(int[] inputShape) {
        Tensor.normalizeDim(dim, inputShape.length, "LogSoftmax dim");
        return inputShape.clone();
    }

    @Override public String describe() { return "LogSoftmax(dim=" + dim + ")"; }
}
