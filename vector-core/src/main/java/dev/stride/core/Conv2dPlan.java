package dev.stride.core;

import dev.stride.core.internal.Parallel;
import dev.stride.core.internal.PlannedConv;

/**
 * A 2-D convolution planned once for one input shape and reused: the algorithm (pointwise GEMM,
 * depthwise, or GEMM over im2col tiles), its tile sizes and its index maps are decided at
 * construction, and the bias and an optional activation are fused into the kernel's output tiles.
 * The result equals {@code activation(Stride.vector(threads).conv2d(input, weight, bias, params))}
 * within the vectorized kernels' error bound.
 *
 * <p>Weights are re-packed on every call (a small cost next to the convolution), so the plan stays
 * correct when a training step changes them in place. A plan is immutable and may be shared between
 * threads; each call allocates only its output tensor once the calling thread's workspace has grown.
 *
 * <p>Shapes: as {@link Conv2dParams}; the input must have exactly the planned shape. Errors: an
 * activation other than relu or leaky_relu, a mismatched shape or bias, a thread count below 1 are
 * {@link IllegalArgumentException}s naming the parameter.
 */
public final class Conv2dPlan {
    private final Conv2dParams params;
    private final int[] inputShape;
    private final Activation activation;
    private final PlannedConv engine;

    private Conv2dPlan(Conv2dParams params, int[] inputShape, Activation activation, int threads) {
        this.params = params;
        this.inputShape = inputShape.clone();
        this.activation = activation;
        this.engine = new PlannedConv(params, inputShape, activation, threads);
    }

    /** A plan on the library's default thread count, without activation. */
    public static Conv2dPlan of(Conv2dParams params, int... inputShape) {
        return new Conv2dPlan(params, inputShape, null, Parallel.defaultThreads());
    }

    /**
     * A plan with a fused activation ({@code null}, {@link Activation#relu()} or
     * {@link Activation#leakyRelu(float)}) on {@code threads} threads.
     */
    public static Conv2dPlan of(Conv2dParams params, int[] inputShape, Activation activation, int threads) {
        return new Conv2dPlan(params, inputShape, activation, threads);
    }

    /** {@code activation(conv2d(input, weight) + bias)}; bias may be null iff {@code !params().bias()}. */
    public Tensor forward(Tensor input, Tensor weight, Tensor bias) { return engine.forward(input, weight, bias); }

    public Conv2dParams params() { return params; }

    /** The planned input shape (a copy). */
    public int[] inputShape() { return inputShape.clone(); }

    /** The output shape. */
    public int[] outputShape() { return params.outputShape(inputShape); }

    /** The fused activation, or null. */
    public Activation activation() { return activation; }

    /**
     * The algorithm chosen: {@code pointwise}, {@code depthwise}, {@code implicit_gemm}, {@code im2col},
     * {@code direct} (NCHW16c), {@code direct_in_place} (the direct conv reading the NCHW input in place),
     * {@code direct_few_channels} (few input channels, e.g. a 7x7 stem) or {@code direct_narrow} (few
     * output and input channels on small images, e.g. LeNet-5's convolutions).
     */
    public String algorithm() { return engine.algorithm(); }
}
