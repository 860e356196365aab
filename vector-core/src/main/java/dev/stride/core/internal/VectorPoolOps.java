package dev.stride.core.internal;

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
        return maxPool(input, p, false).output();
    }

    MaxPoolResult maxPool2dWithIndices(Tensor input, MaxPool2dParams p) {
        return maxPool(input, p, true);
    }

    private MaxPoolResult maxPool(Tensor input, MaxPool2dParams p, boolean withIndices) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        int[] s = input.shape();
        int[] os = p.outputShape(s);
        Tensor out = Tensor.zeros(os);
        long[] indices = withIndices ? new long[out.size()] : null;
        if (MaxPool2x2Kernel.applies(p, s[2], s[3], os[2], os[3])) {
            MaxPool2x2Kernel.forward(input.data(), out.data(), indices, s[0] * s[1], s[2], s[3], os[2], os[3], threads);
            return new MaxPoolResult(out, indices);
        }
        MaxPool2dKernel.forward(input.data(), out.data(), indices, s[0] * s[1], s[2], s[3], os[2], os[3], p, threads);
        return new MaxPoolResult(out, indices);
    }

    Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = input.shape();
        int[] os = p.outputShape(s);
        gradOutput.requireShape("grad_output", os);
        Tensor gradIn = Tensor.zeros(s);
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
        int[] s = input.shape();
        int[] os = p.outputShape(s);
        Tensor out = Tensor.zeros(os);
        AvgPool2dKernel.forward(input.data(), out.data(), s[0] * s[1], s[2], s[3], os[2], os[3], p, threads);
        return out;
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
        AdaptivePool2dKernel.avgForward(input.data(), out.data(), s[0] * s[1], s[2], s[3], p, threads);
        return out;
    }

    Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) {
        Check.notNull("input_shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("params", p);
        int[] s = inputShape.clone();
        gradOutput.requireShape("grad_output", p.outputShape(s));
        Tensor gradIn = Tensor.zeros(s);
        AdaptivePool2dKernel.avgBackward(gradOutput.data(), gradIn.data(), s[0] * s[1], s[2], s[3], p, threads);
        return gradIn;
    }

    MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("params", p);
        int[] s = input.shape();
        Tensor out = Tensor.zeros(p.outputShape(s));
        long[] indices = new long[out.size()];
        AdaptivePool2dKernel.maxForward(input.data(), out.data(), indices, s[0] * s[1], s[2], s[3], p, threads);
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

    /** Product of all but the last two dimensions. */
    private static int planes(int[] s) {
        int n = 1;
        for (int i = 0; i < s.length - 2; i++) n *= s[i];
        return n;
    }
}
