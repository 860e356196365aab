package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/** {@code torch.nn.MaxPool2d} on {@code [N, C, H, W]}; backward sends each gradient to its window's first maximum. */
public final class MaxPool2d implements Layer {
    private final MaxPool2dParams params;
    private final ForwardCache cache = new ForwardCache("MaxPool2d");
    /** Non-null for replicas: their reused output and input gradient. */
    private OutputBuffer out, gradIn;
    /** Set by {@link LayerFusion}: the convolution two layers back may have computed this pool already. */
    private Conv2d source;
    /** Whether the last forward took the source's pooled map (then backward reads the source's activated output). */
    private boolean tookPooled;

    public MaxPool2d(MaxPool2dParams params) { this.params = Check.notNull("params", params); }

    /** Square kernel, stride = kernel. */
    public MaxPool2d(int kernel) { this(MaxPool2dParams.of(kernel)); }

    public MaxPool2dParams params() { return params; }

    @Override public Layer replica() {
        MaxPool2d r = new MaxPool2d(params);
        r.out = new OutputBuffer();
        r.gradIn = new OutputBuffer();
        return r;
    }

    /** For {@link LayerFusion} (replicas only): take the pooled map that {@code conv} computed, when it did. */
    void takeFrom(Conv2d conv) { source = conv; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        cache.put(input);
        Tensor done = source == null ? null : source.pooledFor(input);
        tookPooled = done != null;
        if (done != null) return done;
        if (out != null) return ops.maxPool2d(input, params, out.of(params.outputShape(input.shape())));
        return ops.maxPool2d(input, params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        Tensor input = cache.get();
        Tensor x = tookPooled ? source.activatedOutput() : input;
        if (gradIn != null) return ops.maxPool2dBackward(x, gradOutput, params, gradIn.of(x.shape()));
        return ops.maxPool2dBackward(x, gradOutput, params);
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public String describe() {
        MaxPool2dParams p = params;
        return "MaxPool2d(kernel_size=" + pair(p.kernelH(), p.kernelW()) + ", stride=" + pair(p.strideH(), p.strideW())
                + ", padding=" + pair(p.paddingH(), p.paddingW()) + ", dilation=" + pair(p.dilationH(), p.dilationW())
                + ", ceil_mode=" + (p.ceilMode() ? "True" : "False") + ")";
    }

    /** PyTorch prints a square setting as one number. */
    static String pair(int h, int w) { return h == w ? String.valueOf(h) : "(" + h + ", " + w + ")"; }
}
