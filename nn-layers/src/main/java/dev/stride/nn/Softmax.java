package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.Softmax(dim)}; backward uses the forward's output. */
public final class Softmax implements Layer {
    private final int dim;
    private final ForwardCache cache = new ForwardCache("Softmax");

    public Softmax(int dim) { this.dim = dim; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        Tensor y = ops.softmax(input, dim);
        cache.put(y);
        return y;
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) { return ops.softmaxBackward(cache.get(), gradOutput, dim); }

    @Override public int[] outputShape(int[] inputShape) {
        Tensor.normalizeDim(dim, inputShape.length, "Softmax dim");
        return inputShape.clone();
    }

    @Override public String describe() { return "Softmax(dim=" + dim + ")"; }
}
