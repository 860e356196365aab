package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.Flatten(start_dim, end_dim)}: merges dimensions {@code start..end} into one (default
 * 1..-1, giving {@code [N, C*H*W]}). Shares the input's data; backward reshapes the gradient back.
 */
public final class Flatten implements Layer {
    private final int startDim, endDim;
    private int[] inputShape;

    public Flatten(int startDim, int endDim) { this.startDim = startDim; this.endDim = endDim; }

    /** {@code nn.Flatten()}: start_dim 1, end_dim -1. */
    public Flatten() { this(1, -1); }

    /** Only when the batch dimension stays out of the merge (a negative start_dim could reach it). */
    @Override public Layer replica() { return startDim >= 1 ? new Flatten(startDim, endDim) : null; }

    /** First flattened dimension (PyTorch's start_dim). */
    public int startDim() { return startDim; }

    /** Last flattened dimension (PyTorch's end_dim; negative counts from the end). */
    public int endDim() { return endDim; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        inputShape = input.shape();
        return input.reshape(outputShape(inputShape));
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        if (inputShape == null) throw new IllegalStateException("Flatten: backward called before forward");
        Check.notNull("grad_output", gradOutput).requireShape("Flatten grad_output", outputShape(inputShape));
        return gradOutput.reshape(inputShape);
    }

    @Override public int[] outputShape(int[] inputShape) {
        int rank = Math.max(inputShape.length, 1);
        int s = Tensor.normalizeDim(startDim, rank, "Flatten start_dim");
        int e = Tensor.normalizeDim(endDim, rank, "Flatten end_dim");
        if (inputShape.length == 0) return new int[] {1};
        if (s > e) throw new IllegalArgumentException("Flatten: start_dim " + startDim + " comes after end_dim " + endDim
                + " for shape " + Arrays.toString(inputShape));
        int[] out = new int[inputShape.length - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) out[k++] = inputShape[i];
        long merged = 1;
        for (int i = s; i <= e; i++) merged *= inputShape[i];
        out[k++] = (int) merged;
        for (int i = e + 1; i < inputShape.length; i++) out[k++] = inputShape[i];
        return out;
    }

    @Override public String describe() { return "Flatten(start_dim=" + startDim + ", end_dim=" + endDim + ")"; }
}
