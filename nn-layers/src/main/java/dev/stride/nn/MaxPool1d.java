package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.MaxPool1d} on {@code [N, C, L]}. */
public final class MaxPool1d implements Layer {
    private final MaxPool1dParams params;
    private final ForwardCache cache = new ForwardCache("MaxPool1d");

    public MaxPool1d(MaxPool1dParams params) { this.params = Check.notNull("params", params); }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        cache.put(input);
        return ops.maxPool1d(input, params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) { return ops.maxPool1dBackward(cache.get(), gradOutput, params); }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public String describe() {
        MaxPool1dParams p = params;
        return "MaxPool1d(kernel_size=" + p.kernel() + ", stride=" + p.stride() + ", padding=" + p.padding()
                + ", dilation=" + p.dilation() + ", ceil_mode=" + (p.ceilMode() ? "True" : "False") + ")";
    }
}
