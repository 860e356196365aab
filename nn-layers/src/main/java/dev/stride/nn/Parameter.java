package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Tensor;

/**
 * A trainable tensor and its gradient, both of the same shape. Layers add into {@link #grad()} on each
 * backward pass (gradients accumulate, as in PyTorch, until {@link #zeroGrad()}); optimizers update
 * {@link #value()} in place.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    /** A parameter named {@code name} (local to its layer, e.g. {@code weight}) holding {@code value}. */
    public Parameter(String name, Tensor value) {
        this.name = Check.notNull("name", name);
        this.value = Check.notNull("value", value);
        this.grad = Tensor.zeros(value.shape());
    }

    /** The name within its layer, e.g. {@code weight} or {@code bias}. */
    public String name() { return name; }

    /** The values (updated in place by optimizers and by loading weights). */
    public Tensor value() { return value; }

    /** The accumulated gradient, same shape as {@link #value()}. */
    public Tensor grad() { return grad; }

    /** Number of scalars. */
    public int size() { return value.size(); }

    /** Sets the gradient to zero. */
    public void zeroGrad() { java.util.Arrays.fill(grad.data(), 0f); }

    /** Adds {@code g} (same shape) into the gradient. */
    public void accumulate(Tensor g) {
        g.requireShape("gradient of " + name, value.shape());
        float[] dst = grad.data(), src = g.data();
        for (int i = 0; i < dst.length; i++) dst[i] += src[i];
    }

    /** Copies {@code source}'s values (same shape) into this parameter. */
    public void copyFrom(Tensor source) {
        source.requireShape(name, value.shape());
        System.arraycopy(source.data(), 0, value.data(), 0, value.size());
    }
}
