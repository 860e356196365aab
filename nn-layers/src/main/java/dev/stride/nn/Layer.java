package dev.stride.nn;

import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A network layer with a forward pass and its backward pass, computed by any {@link Ops}.
 *
 * <p>{@link #forward} remembers what {@link #backward} needs (its input, masks, statistics); backward
 * returns the gradient with respect to the last forward's input and adds the gradients of the
 * parameters into {@link Parameter#grad()}. A layer is not thread-safe: one forward, then at most one
 * backward, at a time. Inputs are never modified.
 *
 * <p>Errors: an input of the wrong shape is an {@link IllegalArgumentException} naming the layer and the
 * rule; backward before forward is an {@link IllegalStateException}.
 */
public interface Layer {
    /** The forward pass. */
    Tensor forward(Ops ops, Tensor input);

    /** The gradient with respect to the last forward's input, given the gradient of its output. */
    Tensor backward(Ops ops, Tensor gradOutput);

    /**
     * {@link #backward(Ops, Tensor)}, where {@code needInputGradient = false} says nobody will use the
     * input gradient (the layer is first in its model): parameter gradients are accumulated as usual, and
     * a layer may then skip the input gradient and return null. By default it computes and returns it.
     */
    default Tensor backward(Ops ops, Tensor gradOutput, boolean needInputGradient) { return backward(ops, gradOutput); }

    /** The output shape for an input shape, by the parameter records' arithmetic (no computation). */
    int[] outputShape(int[] inputShape);

    /** Trainable parameters in PyTorch's order ({@code weight} before {@code bias}); empty if none. */
    default List<Parameter> parameters() { return List.of(); }

    /** Non-trainable state saved with the weights (e.g. BatchNorm's running statistics), by local name. */
    default Map<String, Tensor> buffers() { return Map.of(); }

    /**
     * A copy of this layer for one slice of a batch: the same parameter values (shared, not copied, so
     * optimizer steps reach it), its own gradients and its own forward state. A replica's backward sets its
     * parameters' gradients to those of its last forward (it does not add to them), and may write its
     * output and input gradient into tensors it reuses on the next call. Null,
     * the default, when the layer cannot run a batch in independent slices: its output for one image
     * would depend on the others (batch statistics) or on the order of calls (random masks).
     * {@link Sequential} uses replicas to run fixed slices of a batch in parallel, then adds their
     * parameter gradients in slice order. A replica may only be asked to process inputs whose first
     * dimension is the batch.
     */
    default Layer replica() { return null; }

    /** Switches between training (true) and evaluation (false) behaviour; only some layers care. */
    default void setTraining(boolean training) {}

    /** A one-line description in PyTorch's style, e.g. {@code Conv2d(1, 6, kernel_size=(5, 5))}. */
    String describe();

    /** Number of trainable scalars. */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }
}
