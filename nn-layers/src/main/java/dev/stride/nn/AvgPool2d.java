package dev.stride.nn;

import dev.stride.core.AvgPool2dParams;
import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.AvgPool2d} on {@code [N, C, H, W]} (padding, ceil mode, count_include_pad, divisor_override). */
public final class AvgPool2d implements Layer {
    private final AvgPool2dParams params;
    private int[] inputShape;

    public AvgPool2d(AvgPool2dParams params) { this.params = Check.notNull("params", params); }

    public AvgPool2d(int kernel) { this(AvgPool2dParams.of(kernel)); }

    public AvgPool2dParams params() { return params; }

    @Override public Layer replica() { return new AvgPool2d(params); }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        inputShape = input.shape();
        return ops.avgPool2d(input, params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        if (inputShape == null) throw new IllegalStateException("AvgPool2d: backward called before forward");
        return ops.avgPool2dBackward(inputShape, gradOutput, params);
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public String describe() {
        AvgPool2dParams p = params;
        return "AvgPool2d(kernel_size=" + MaxPool2d.pair(p.kernelH(), p.kernelW()) + ", stride=" + MaxPool2d.pair(p.strideH(), p.strideW())
                + ", padding=" + MaxPool2d.pair(p.paddingH(), p.paddingW()) + ", ceil_mode=" + (p.ceilMode() ? "True" : "False")
                + ", count_include_pad=" + (p.countIncludePad() ? "True" : "False")
                + (p.hasDivisorOverride() ? ", divisor_override=" + p.divisorOverride() : "") + ")";
    }
}
