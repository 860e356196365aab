package dev.stride.core;

/**
 * Every op of Stride, forward and backward, behind one interface with two implementations: the naive
 * reference ({@link Stride#reference()}) and the vectorized kernels ({@link Stride#vector()}). Both give
 * PyTorch's semantics; the vectorized one within the error bounds stated on each kernel.
 *
 * <p>Tensors are NCHW (NCL for 1-D). No method modifies its arguments and every method returns new tensors,
 * except the out= variants (a trailing {@code Tensor out}), which write their result into {@code out} and
 * return it; {@code out} must have the output shape and must not share data with an input, except for
 * element-wise activations, which may run in place ({@code out} the input itself).
 * Invalid shapes or parameters are {@link IllegalArgumentException}s naming the parameter.
 */
public interface Ops {
    /** A short name, e.g. {@code reference} or {@code vector}. */
    String name();

    /** Threads this engine splits its work over (1 for the reference, which is single-threaded). */
    default int threads() { return 1; }

    /**
     * Runs {@code body} once for each task index {@code 0..tasks-1} on this engine's threads (the library's
     * pool; the calling thread takes part) and returns when all have finished; the reference runs them in
     * order on the calling thread. For results independent of the thread count, tasks must write disjoint
     * data and be fixed by the problem, not by {@link #threads()}. A task's exception reaches the caller.
     *
     * @throws IllegalArgumentException if {@code tasks} is negative or {@code body} is null
     */
    default void parallelFor(int tasks, java.util.function.IntConsumer body) {
        Check.nonNegative("tasks", tasks);
        Check.notNull("body", body);
        for (int t = 0; t < tasks; t++) body.accept(t);
    }

    // ---- convolution ----

    /** 2-D convolution; bias may be null iff {@code !p.bias()}. */
    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p);

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, Conv2dParams)} written into {@code out} (PyTorch's {@code out=},
     * shape {@code p.outputShape(input.shape())}), which is returned; every element of {@code out} is
     * overwritten. This default convolves into a new tensor and copies; the vector engine writes {@code out}
     * directly and allocates nothing per call in steady state.
     *
     * @throws IllegalArgumentException as {@code conv2d}, or if {@code out} is null, has another shape or
     *     shares its data array with input, weight or bias
     */
    default Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p, Tensor out) {
        Tensor y = conv2d(input, weight, bias, p);
        OutArgument.check("conv2d", out, y.shape());
        OutArgument.notShared("conv2d", out, "input", input);
        OutArgument.notShared("conv2d", out, "weight", weight);
        OutArgument.notShared("conv2d", out, "bias", bias);
        System.arraycopy(y.data(), 0, out.data(), 0, y.data().length);
        return out;
    }

    /** Gradients of {@link #conv2d} with respect to input, weight and bias (null if no bias). */
    ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p);

    /**
     * {@link #conv2dBackward(Tensor, Tensor, Tensor, Conv2dParams)}, where {@code needInputGradient = false}
     * says the caller has no use for the input gradient (e.g. a network's first layer): the result's
     * {@code gradInput} is then null, and an implementation may skip computing it. Weight and bias
     * gradients are the same as the four-argument method's.
     */
    default ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p,
                                         boolean needInputGradient) {
        ConvGradients g = conv2dBackward(input, weight, gradOutput, p);
        return needInputGradient ? g : new ConvGradients(null, g.gradWeight(), g.gradBias());
    }

    /**
     * {@link #conv2dBackward(Tensor, Tensor, Tensor, Conv2dParams, boolean)} written into {@code out}'s
     * tensors, which are overwritten (not added to) and returned as {@code out}: {@code gradWeight} of the
     * weight's shape, {@code gradBias} of shape {@code [outChannels]} iff {@code p.bias()}, and
     * {@code gradInput} of the input's shape, or null when the caller has no use for the input gradient
     * ({@code needInputGradient = false}). The vector engine allocates nothing per call in steady state;
     * this default computes into new tensors and copies.
     *
     * @throws IllegalArgumentException if {@code out} is null, a tensor of it is missing, extra or of another
     *     shape, or shares its data array with an operand
     */
    default ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p, ConvGradients out) {
        Check.notNull("params", p);
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        OutArgument.gradients("conv2d_backward", out, input.shape(), weight.shape(), p.bias() ? new int[] {p.outChannels()} : null,
                input, weight, gradOutput);
        ConvGradients g = conv2dBackward(input, weight, gradOutput, p, out.gradInput() != null);
        return OutArgument.copyGradients(g, out);
    }

    /** 2-D transposed convolution; bias may be null iff {@code !p.bias()}. */
    Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p);

    /** Gradients of {@link #convTranspose2d}. */
    ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvTranspose2dParams p);

    /** 1-D convolution on {@code [N, C, L]}, as the H=1 case of conv2d. */
    default Tensor conv1d(Tensor input, Tensor weight, Tensor bias, Conv1dParams p) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        int[] out = p.outputShape(input.shape());
        weight.requireShape("weight", p.weightShape());
        int[] ws = p.weightShape();
        Tensor y = conv2d(input.reshape(input.dim(0), input.dim(1), 1, input.dim(2)),
                weight.reshape(ws[0], ws[1], 1, ws[2]), bias, p.toConv2d());
        return y.reshape(out);
    }

    /** Gradients of {@link #conv1d}. */
    default ConvGradients conv1dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv1dParams p) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        Check.notNull("grad_output", gradOutput);
        int[] out = p.outputShape(input.shape());
        weight.requireShape("weight", p.weightShape());
        gradOutput.requireShape("grad_output", out);
        int[] ws = p.weightShape();
        ConvGradients g = conv2dBackward(input.reshape(input.dim(0), input.dim(1), 1, input.dim(2)),
                weight.reshape(ws[0], ws[1], 1, ws[2]), gradOutput.reshape(out[0], out[1], 1, out[2]), p.toConv2d());
        return new ConvGradients(g.gradInput().reshape(input.shape()), g.gradWeight().reshape(ws), g.gradBias());
    }

    // ---- pooling ----

    Tensor maxPool2d(Tensor input, MaxPool2dParams p);

    /** Max pooling with PyTorch's indices (flat within each input plane). */
    MaxPoolResult maxPool2dWithIndices(Tensor input, MaxPool2dParams p);

    /** Gradient of max pooling with respect to its input: each output's gradient goes to the first maximum. */
    Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p);

    /**
     * {@link #maxPool2dBackward(Tensor, Tensor, MaxPool2dParams)} written into {@code out} (the input's
     * shape), which is returned; every element is overwritten. The vector engine allocates nothing per
     * call; this default computes into a new tensor and copies.
     *
     * @throws IllegalArgumentException if {@code out} is null, of another shape, or shares its data array
     *     with {@code input} or {@code gradOutput}
     */
    default Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p, Tensor out) {
        Check.notNull("input", input);
        OutArgument.check("max_pool2d_backward", out, input.shape());
        OutArgument.notShared("max_pool2d_backward", out, "input", input);
        OutArgument.notShared("max_pool2d_backward", out, "grad_output", gradOutput);
        Tensor g = maxPool2dBackward(input, gradOutput, p);
        System.arraycopy(g.data(), 0, out.data(), 0, g.size());
        return out;
    }

    Tensor avgPool2d(Tensor input, AvgPool2dParams p);

    /** Gradient of average pooling: each output's gradient spread by the same divisor as forward. */
    Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p);

    /**
     * {@link #maxPool2d(Tensor, MaxPool2dParams)} written into {@code out} (PyTorch's {@code out=}), which is
     * returned; {@code out} must have the output shape {@code p.outputShape(input.shape())} and must not share
     * {@code input}'s data. This default pools into a new tensor and copies; engines override it to write
     * {@code out} directly without allocating.
     *
     * @throws IllegalArgumentException if {@code out} is null, has another shape or shares the input's data
     */
    default Tensor maxPool2d(Tensor input, MaxPool2dParams p, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        OutArgument.check("max_pool2d", out, p.outputShape(input.shape()));
        OutArgument.notShared("max_pool2d", out, "input", input);
        Tensor r = maxPool2d(input, p);
        System.arraycopy(r.data(), 0, out.data(), 0, r.size());
        return out;
    }

    /**
     * {@link #avgPool2d(Tensor, AvgPool2dParams)} written into {@code out}, which is returned; the same
     * rules as {@link #maxPool2d(Tensor, MaxPool2dParams, Tensor)}.
     *
     * @throws IllegalArgumentException if {@code out} is null, has another shape or shares the input's data
     */
    default Tensor avgPool2d(Tensor input, AvgPool2dParams p, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        OutArgument.check("avg_pool2d", out, p.outputShape(input.shape()));
        OutArgument.notShared("avg_pool2d", out, "input", input);
        Tensor r = avgPool2d(input, p);
        System.arraycopy(r.data(), 0, out.data(), 0, r.size());
        return out;
    }

    default Tensor maxPool1d(Tensor input, MaxPool1dParams p) {
        Check.notNull("input", input);
        int[] out = p.outputShape(input.shape());
        return maxPool2d(input.reshape(input.dim(0), input.dim(1), 1, input.dim(2)), p.toPool2d()).reshape(out);
    }

    default MaxPoolResult maxPool1dWithIndices(Tensor input, MaxPool1dParams p) {
        Check.notNull("input", input);
        int[] out = p.outputShape(input.shape());
        MaxPoolResult r = maxPool2dWithIndices(input.reshape(input.dim(0), input.dim(1), 1, input.dim(2)), p.toPool2d());
        return new MaxPoolResult(r.output().reshape(out), r.indices());
    }

    default Tensor maxPool1dBackward(Tensor input, Tensor gradOutput, MaxPool1dParams p) {
        Check.notNull("input", input);
        Check.notNull("grad_output", gradOutput);
        int[] out = p.outputShape(input.shape());
        gradOutput.requireShape("grad_output", out);
        return maxPool2dBackward(input.reshape(input.dim(0), input.dim(1), 1, input.dim(2)),
                gradOutput.reshape(out[0], out[1], 1, out[2]), p.toPool2d()).reshape(input.shape());
    }

    default Tensor avgPool1d(Tensor input, AvgPool1dParams p) {
        Check.notNull("input", input);
        int[] out = p.outputShape(input.shape());
        return avgPool2d(input.reshape(input.dim(0), input.dim(1), 1, input.dim(2)), p.toPool2d()).reshape(out);
    }

    default Tensor avgPool1dBackward(int[] inputShape, Tensor gradOutput, AvgPool1dParams p) {
        Check.notNull("input shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        int[] out = p.outputShape(inputShape);
        gradOutput.requireShape("grad_output", out);
        return avgPool2dBackward(new int[] {inputShape[0], inputShape[1], 1, inputShape[2]},
                gradOutput.reshape(out[0], out[1], 1, out[2]), p.toPool2d()).reshape(inputShape);
    }

    Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p);

    Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p);

    MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p);

    Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p);

    // ---- padding ----

    /** Pads the last two dimensions. */
    Tensor pad(Tensor input, Pad2dParams p);

    /** Gradient of {@link #pad} with respect to its input (reflected/replicated/wrapped cells accumulate). */
    Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p);

    // ---- element-wise ----

    Tensor activation(Tensor input, Activation a);

    /** Gradient of an activation with respect to its input, given the forward's input. */
    Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a);

    /**
     * {@link #activation(Tensor, Activation)} written into {@code out} (PyTorch's {@code out=}), which is
     * returned. {@code out} must have the input's shape; it may be {@code input} itself (or share its data
     * array), which computes in place like {@code relu_}. The vector engine allocates nothing per call.
     *
     * @throws IllegalArgumentException if {@code out} is null or its shape is not the input's
     */
    default Tensor activation(Tensor input, Activation a, Tensor out) {
        Check.notNull("input", input);
        OutArgument.check("activation", out, input.shape());
        return elementwiseCopyInto(activation(input, a), out);
    }

    /**
     * {@link #activationBackward(Tensor, Tensor, Activation)} written into {@code out}, which is returned.
     *
     * @throws IllegalArgumentException if {@code out} is null, its shape is not the input's, or it shares
     *     its data array with {@code input} or {@code gradOutput}
     */
    default Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("gradOutput", gradOutput);
        OutArgument.check("activationBackward", out, input.shape());
        OutArgument.notShared("activationBackward", out, "input", input);
        OutArgument.notShared("activationBackward", out, "gradOutput", gradOutput);
        return elementwiseCopyInto(activationBackward(input, gradOutput, a), out);
    }

    private static Tensor elementwiseCopyInto(Tensor result, Tensor out) {
        System.arraycopy(result.data(), 0, out.data(), 0, result.size());
        return out;
    }

    // ---- fully connected ----

    /** {@code y = x W^T + b}: input {@code [..., in]}, weight {@code [out, in]}, bias {@code [out]} or null. */
    Tensor linear(Tensor input, Tensor weight, Tensor bias);

    /**
     * {@link #linear} into {@code out} (shape {@code [..., weight.dim(0)]}), returned; allocates nothing in
     * steady state on engines that override it. Errors ({@code IllegalArgumentException}): {@code out} null,
     * of another shape, or sharing its data array with input, weight or bias.
     */
    default Tensor linear(Tensor input, Tensor weight, Tensor bias, Tensor out) {
        Tensor y = linear(input, weight, bias);
        OutArgument.check("linear", out, y.shape());
        OutArgument.notShared("linear", out, "input", input);
        OutArgument.notShared("linear", out, "weight", weight);
        OutArgument.notShared("linear", out, "bias", bias);
        System.arraycopy(y.data(), 0, out.data(), 0, y.data().length);
        return out;
    }

    /** Gradients of {@link #linear}; gradBias is null when {@code !hasBias}. */
    ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias);

    /**
     * {@link #linearBackward(Tensor, Tensor, Tensor, boolean)} written into {@code out}'s tensors, which are
     * overwritten and returned as {@code out}: {@code gradWeight} of the weight's shape, {@code gradBias}
     * {@code [out_features]} or null (no bias), {@code gradInput} of the input's shape or null (not needed).
     * The vector engine allocates nothing per call in steady state; this default computes and copies.
     *
     * @throws IllegalArgumentException if {@code out} is null, a tensor of it has another shape, or shares its
     *     data array with an operand
     */
    default ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvGradients out) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        Check.notNull("out", out);
        OutArgument.gradients("linear_backward", out, input.shape(), weight.shape(),
                out.gradBias() == null ? null : new int[] {weight.dim(0)}, input, weight, gradOutput);
        return OutArgument.copyGradients(linearBackward(input, weight, gradOutput, out.gradBias() != null), out);
    }

    // ---- softmax and loss ----

    Tensor softmax(Tensor input, int dim);

    /** Gradient of softmax given its output {@code y}: {@code y * (g - sum(g*y))}. */
    Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim);

    Tensor logSoftmax(Tensor input, int dim);

    /** Gradient of log_softmax given its output {@code o}: {@code g - exp(o) * sum(g)}. */
    Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim);

    /**
     * {@link #softmax(Tensor, int)} written into {@code out} (PyTorch's {@code out=}), which is returned.
     * The vector engine allocates nothing per call.
     *
     * @throws IllegalArgumentException if {@code out} is null, its shape is not the input's, or it shares
     *     its data array with {@code input}
     */
    default Tensor softmax(Tensor input, int dim, Tensor out) {
        Check.notNull("input", input);
        OutArgument.check("softmax", out, input.shape());
        OutArgument.notShared("softmax", out, "input", input);
        return elementwiseCopyInto(softmax(input, dim), out);
    }

    /** {@link #logSoftmax(Tensor, int)} written into {@code out}; the rules of {@link #softmax(Tensor, int, Tensor)}. */
    default Tensor logSoftmax(Tensor input, int dim, Tensor out) {
        Check.notNull("input", input);
        OutArgument.check("logSoftmax", out, input.shape());
        OutArgument.notShared("logSoftmax", out, "input", input);
        return elementwiseCopyInto(logSoftmax(input, dim), out);
    }

    /**
     * Cross-entropy from logits {@code [N, C]} (or {@code [N, C, d1, ...]}) and class-index targets
     * ({@code N} or {@code N*d1*...} values, row-major). Returns a rank-0 tensor for MEAN/SUM and the
     * per-element losses (shape {@code [N, d1, ...]}) for NONE.
     */
    Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyParams p);

    /** Gradient of {@link #crossEntropy} with respect to the logits; {@code gradOutput} has the loss's shape. */
    Tensor crossEntropyBackward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p);
}
