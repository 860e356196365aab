package dev.stride.nn;

import dev.stride.core.AvgPool1dParams;
import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.AvgPool1d} on {@code [N, C, L]}. */
public final class AvgPool1d implements Layer {
    private final AvgPool1dParams params;
    private int[] inputShape;

    public AvgPool1d(AvgPool1dParams params) { this.params = Check.notNull("params", params); }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        inputShape = input.shape();
        return ops.avgPool1d(input, params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        if (inputShape == null) throw new IllegalStateException("AvgPool1d: backward called before forward");
        return ops.avgPool1dBackward(inputShape, gradOutput, params);
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public String describe() {
        AvgPool1dParams p = params;
        return "AvgPool1d(kernel_size=(" + p.kernel() + ",), stride=(" + p.stride() + ",), padding=(" + p.padding()
                + ",), ceil_mode=" + (p.ceilMode() ? "True" : "False") + ", count_include_pad="
                + (p.countIncludePad() ? "True" : "False") + ")";
    }
}
