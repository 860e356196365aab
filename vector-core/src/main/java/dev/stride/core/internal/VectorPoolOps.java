package dev.stride.core.internal;

import dev.stride.core.OutArgument;
import dev.stride.core.*;

/**
 * Pooling and padding on the vectorized kernels ({@link MaxPool2dKernel}, {@link AvgPool2dKernel},
 * {@link AdaptivePool2dKernel}, {@link PadKernel}). This class validates shapes and parameters
 * (an {@link IllegalArgumentException} naming the parameter) and allocates the outputs; the kernels
 * take validated arguments. 1-D pooling reaches here through the {@link Ops} defaults as H = 1.
 */
final class VectorPoolOps {
    private final int threads;

    VectorPoolOps(int threads) { this.threads = threads; }

    Tensor maxPool2d(Tensor input, MaxPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        Tensor out = Tensor.zeros(p.outputShape(input.shape()));
        maxPoolInto(input, p, out, null);
        return out;
    }

    /** Max pooling into {@code out} (validated here); allocates nothing once the scratch rows exist. */
    Tensor maxPool2d(Tensor input, MaxPool2dParams p, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        OutArgument.check("max_pool2d", out, p.outputShape(input.shape()));
        OutArgument.notShared("max_pool2d", out, "input", input);
        maxPoolInto(input, p, out, null);
        return out;
    }

    MaxPoolResult maxPool2dWithIndices(Tensor input, MaxPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        Tensor out = Tensor.zeros(p.outputShape(input.shape()));
        long[] indices = new long[out.size()];
        maxPoolInto(input, p, out, indices);
        return new MaxPoolResult(out, indices);
    }

    private void maxPoolInto(Tensor input, MaxPool2dParams p, Tensor out, long[] indices) {
        int[] s = input.shape();
        int[] os = out.shape();
        int t = threadsFor(input.size() + out.size());
        if (MaxPool2x2Kernel.applies(p, s[2], s[3], os[2], os[3])) {
            MaxPool2x2Kernel.forward(input.data(), out.data(), indices, s[0] * s[1], s[2], s[3], os[2], os[3], t);
            return;
        }
        MaxPool2dKernel.forward(input.data(), out.data(), indices, s[0] * s[1], s[2], s[3], os[2], os[3], p, t);
    }

    Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) {
        Check.notNull("input", input);
        return maxPool2dBackwardInto(input, gradOutput, p, Tensor.zeros(input.shape()));
    }

    /** The backward into {@code out} (validated here), which is zeroed first: the kernels add into it. */
    Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p, Tensor out) {
        Check.notNull("input", input);
        OutArgument.check("max_pool2d_backward", out, input.shape());
        OutArgument.notShared("max_pool2d_backward", out, "input", input);
        OutArgument.notShared("max_pool2d_backward", out, "grad_output", gradOutput);
        java.util.Arrays.fill(out.data(), 0f);
        return maxPool2dBackwardInto(input, gradOutput, p, out);
    }

    private Tensor maxPool2dBackwardInto(Tensor input, Tensor gradOutput, MaxPool2dParams p, Tensor gradIn) {
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = input.shape();
        int[] os = p.outputShape(s);
        gradOutput.requireShape("grad_output", os);
        if (MaxPool2x2Kernel.applies(p, s[2], s[3], os[2], os[3])) {
            MaxPool2x2Kernel.backward(input.data(), gradOutput.data(), gradIn.data(), s[0] * s[1], s[2], s[3], os[2], os[3],
                    threads);
            return gradIn;
        }
        MaxPool2dKernel.backward(input.data(), gradOutput.data(), gradIn.data(), s[0] * s[1], s[2], s[3], os[2], os[3], p,
                threads);
        return gradIn;
    }

    Tensor avgPool2d(Tensor input, AvgPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        Tensor out = Tensor.zeros(p.outputShape(input.shape()));
        avgPoolInto(input, p, out);
        return out;
    }

    /** Average pooling into {@code out} (validated here); allocates nothing once the scratch rows exist. */
    Tensor avgPool2d(Tensor input, AvgPool2dParams p, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        OutArgument.check("avg_pool2d", out, p.outputShape(input.shape()));
        OutArgument.notShared("avg_pool2d", out, "input", input);
        avgPoolInto(input, p, out);
        return out;
    }

    private void avgPoolInto(Tensor input, AvgPool2dParams p, Tensor out) {
        int[] s = input.shape();
        int[] os = out.shape();
        AvgPool2dKernel.forward(input.data(), out.data(), s[0] * s[1], s[2], s[3], os[2], os[3], p,
                threadsFor(input.size() + out.size()));
    }

    Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p) {
        Check.notNull("input_shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = inputShape.clone();
        int[] os = p.outputShape(s);
        gradOutput.requireShape("grad_output", os);
        Tensor gradIn = Tensor.zeros(s);
        AvgPool2dKernel.backward(gradOutput.data(), gradIn.data(), s[0] * s[1], s[2], s[3], os[2], os[3], p, threads);
        return gradIn;
    }

    Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        int[] s = input.shape();
        Tensor out = Tensor.zeros(p.outputShape(s));
        AdaptivePool2dKernel.avgForward(input.data(), out.data(), s[0] * s[1], s[2], s[3], p,
                threadsFor(input.size() + (long) out.size()));
        return out;
    }

    Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) {
        Check.notNull("input_shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = inputShape.clone();
        gradOutput.requireShape("grad_output", p.outputShape(s));
        Tensor gradIn = Tensor.zeros(s);
        AdaptivePool2dKernel.avgBackward(gradOutput.data(), gradIn.data(), s[0] * s[1], s[2], s[3], p,
                threadsFor(gradIn.size() + (long) gradOutput.size()));
        return gradIn;
    }

    MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        int[] s = input.shape();
        Tensor out = Tensor.zeros(p.outputShape(s));
        long[] indices = new long[out.size()];
        AdaptivePool2dKernel.maxForward(input.data(), out.data(), indices, s[0] * s[1], s[2], s[3], p,
                threadsFor(input.size() + (long) out.size()));
        return new MaxPoolResult(out, indices);
    }

    Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = input.shape();
        gradOutput.requireShape("grad_output", p.outputShape(s));
        Tensor gradIn = Tensor.zeros(s);
        AdaptivePool2dKernel.maxBackward(input.data(), gradOutput.data(), gradIn.data(), s[0] * s[1], s[2], s[3], p, threads);
        return gradIn;
    }

    Tensor pad(Tensor input, Pad2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        int[] s = input.shape();
        int[] os = p.outputShape(s);
        Tensor out = Tensor.zeros(os);
        int r = s.length;
        PadKernel.forward(input.data(), out.data(), planes(s), s[r - 2], s[r - 1], os[r - 2], os[r - 1], p, threads);
        return out;
    }

    Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p) {
        Check.notNull("input_shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = inputShape.clone();
        int[] os = p.outputShape(s);
        gradOutput.requireShape("grad_output", os);
        Tensor gradIn = Tensor.zeros(s);
        int r = s.length;
        PadKernel.backward(gradOutput.data(), gradIn.data(), planes(s), s[r - 2], s[r - 1], os[r - 2], os[r - 1], p, threads);
        return gradIn;
    }

    /**
     * Threads for a pass over {@code elements} floats of input and output: one below
     * {@link #PARALLEL_MIN_ELEMENTS}, where waking a second thread costs more than it saves. The kernels
     * split planes into fixed tasks, so the result is the same either way.
     */
    private int threadsFor(long elements) {
        return elements < PARALLEL_MIN_ELEMENTS ? 1 : threads;
    }

    /** 1 MiB of floats moved: below this a pooling pass takes a few microseconds on one core. */
    static final long PARALLEL_MIN_ELEMENTS = 1L << 18;

    /** Product of all but the last two dimensions. */
    private static int planes(int[] s) {
        int n = 1;
        for (int i = 0; i < s.length - 2; i++) n *= s[i];
        return n;
    }
}
