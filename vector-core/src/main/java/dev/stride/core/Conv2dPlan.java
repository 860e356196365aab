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

    /**
     * {@link #forward} into {@code out} (PyTorch's out=): no allocation once the calling thread's
     * workspace has grown. {@code out} must have the {@link #outputShape} and share no array with the
     * operands (else an {@link IllegalArgumentException} naming "out").
     */
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, Tensor out) {
        OutArgument.check("conv2d", out, outputShape());
        notShared(out, input, weight, bias);
        return engine.forwardInto(input, weight, bias, out);
    }

    /**
     * The forward followed by a 2x2 max pool with stride 2 ({@code max_pool2d(kernel_size=2)} on the
     * output, as {@code Ops.maxPool2d} computes it): {@code out} (the convolution's output, or null when
     * only the pooled result is wanted) and {@code pooled} ({@code [N, C, outH/2, outW/2]}) are written.
     * When {@link #fusesMaxPool2x2()} the pool is taken in the convolution's pass, from the registers;
     * otherwise the convolution runs first (into {@code out} or a temporary) and the pool after it.
     * Errors: a wrong shape of {@code out} or {@code pooled}, or an array shared with an operand, is an
     * {@link IllegalArgumentException} naming the argument.
     */
    public void forwardMaxPool2x2(Tensor input, Tensor weight, Tensor bias, Tensor out, Tensor pooled) {
        if (out != null) {
            OutArgument.check("conv2d", out, outputShape());
            notShared(out, input, weight, bias);
        }
        int[] shape = POOL_2X2.outputShape(outputShape());
        Check.notNull("pooled", pooled);
        if (!java.util.Arrays.equals(pooled.shape(), shape)) {
            throw new IllegalArgumentException("pooled shape " + java.util.Arrays.toString(pooled.shape()) + " must be "
                    + java.util.Arrays.toString(shape) + " (the 2x2 max pool of the convolution's output)");
        }
        Tensor[] operands = {input, weight, bias, out};
        String[] names = {"input", "weight", "bias", "out"};
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] != null && operands[i].data() == pooled.data()) {
                throw new IllegalArgumentException("pooled must not share its data array with " + names[i]
                        + " (the convolution reads or writes " + names[i] + " while it writes pooled)");
            }
        }
        engine.forwardPooled(input, weight, bias, out, pooled, POOL_2X2);
    }

    /**
     * Whether {@link #forwardMaxPool2x2} pools in the convolution's pass: a fused relu, even output sizes
     * and the {@code direct_narrow} algorithm (with its row limits).
     */
    public boolean fusesMaxPool2x2() { return engine.fusesMaxPool2x2(); }

    private static final MaxPool2dParams POOL_2X2 = MaxPool2dParams.of(2);

    private static void notShared(Tensor out, Tensor input, Tensor weight, Tensor bias) {
        OutArgument.notShared("conv2d", out, "input", input);
        OutArgument.notShared("conv2d", out, "weight", weight);
        OutArgument.notShared("conv2d", out, "bias", bias);
    }

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
