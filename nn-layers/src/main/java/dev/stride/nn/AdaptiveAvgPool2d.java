package dev.stride.nn;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.AdaptiveAvgPool2d}: any {@code [N, C, H, W]} to {@code [N, C, outH, outW]}. */
public final class AdaptiveAvgPool2d implements Layer {
    private final AdaptivePool2dParams params;
    private int[] inputShape;

    public AdaptiveAvgPool2d(AdaptivePool2dParams params) { this.params = Check.notNull("params", params); }

    public AdaptiveAvgPool2d(int outH, int outW) { this(new AdaptivePool2dParams(outH, outW)); }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        inputShape = input.shape();
        return ops.adaptiveAvgPool2d(input, params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        if (inputShape == null) throw new IllegalStateException("AdaptiveAvgPool2d: backward called before forward");
        return ops.adaptiveAvgPool2dBackward(inputShape, gradOutput, params);
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public String describe() { return "AdaptiveAvgPool2d(output_size=(" + params.outH() + ", " + params.outW() + "))"; }
}
