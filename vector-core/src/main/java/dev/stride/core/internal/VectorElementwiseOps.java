package dev.stride.core.internal;

import dev.stride.core.OutArgument;
import dev.stride.core.*;
import java.util.Arrays;

/**
 * Activations, softmax, log_softmax and cross-entropy on the vectorized kernels
 * ({@link ActivationKernel}, {@link SoftmaxKernel}, {@link CrossEntropyKernel}). This class validates
 * arguments ({@link IllegalArgumentException} naming the parameter). Each op has an {@code out=} path that
 * writes into a caller's tensor and allocates nothing; the allocating method allocates the output and
 * takes that path.
 */
final class VectorElementwiseOps {
    private final int threads;

    VectorElementwiseOps(int threads) { this.threads = threads; }

    Tensor activation(Tensor input, Activation a) {
        Check.notNull("input", input);
        return activation(input, a, Tensor.zeros(input.shape()));
    }

    /** Into {@code out}, which may be {@code input} (in place: each element is read before it is written). */
    Tensor activation(Tensor input, Activation a, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("activation", a);
        OutArgument.check("activation", out, input.shape());
        ActivationKernel.forward(input.data(), out.data(), a, threads);
        return out;
    }

    Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a) {
        Check.notNull("input", input);
        return activationBackward(input, gradOutput, a, Tensor.zeros(input.shape()));
    }

    Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a, Tensor out) {
        Check.notNull("input", input);
        Check.notNull("gradOutput", gradOutput);
        Check.notNull("activation", a);
        requireSameShape(input, gradOutput, "input");
        OutArgument.check("activationBackward", out, input.shape());
        OutArgument.notShared("activationBackward", out, "input", input);
        OutArgument.notShared("activationBackward", out, "gradOutput", gradOutput);
        ActivationKernel.backward(input.data(), gradOutput.data(), out.data(), a, threads);
        return out;
    }

    Tensor softmax(Tensor input, int dim) {
        Check.notNull("input", input);
        return softmax(input, dim, Tensor.zeros(input.shape()));
    }

    Tensor softmax(Tensor input, int dim, Tensor out) { return forward(SoftmaxKernel.Mode.SOFTMAX, "softmax", input, dim, out); }

    Tensor logSoftmax(Tensor input, int dim) {
        Check.notNull("input", input);
        return logSoftmax(input, dim, Tensor.zeros(input.shape()));
    }

    Tensor logSoftmax(Tensor input, int dim, Tensor out) {
        return forward(SoftmaxKernel.Mode.LOG_SOFTMAX, "logSoftmax", input, dim, out);
    }

    Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim) {
        return backward(SoftmaxKernel.Mode.SOFTMAX_BACKWARD, output, gradOutput, dim);
    }

    Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim) {
        return backward(SoftmaxKernel.Mode.LOG_SOFTMAX_BACKWARD, output, gradOutput, dim);
    }

    Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyParams p) {
        return CrossEntropyKernel.forward(logits, targets, p, threads);
    }

    Tensor crossEntropyBackward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p) {
        return CrossEntropyKernel.backward(logits, targets, gradOutput, p, threads);
    }

    private Tensor forward(SoftmaxKernel.Mode mode, String op, Tensor input, int dim, Tensor out) {
        Check.notNull("input", input);
        int[] rows = rows(input.shape(), dim);
        OutArgument.check(op, out, input.shape());
        OutArgument.notShared(op, out, "input", input);
        SoftmaxKernel.run(mode, input.data(), null, out.data(), rows[0], rows[1], rows[2], threads);
        return out;
    }

    private Tensor backward(SoftmaxKernel.Mode mode, Tensor output, Tensor gradOutput, int dim) {
        Check.notNull("output", output);
        Check.notNull("gradOutput", gradOutput);
        requireSameShape(output, gradOutput, "output");
        int[] rows = rows(output.shape(), dim);
        Tensor out = Tensor.zeros(output.shape());
        SoftmaxKernel.run(mode, output.data(), gradOutput.data(), out.data(), rows[0], rows[1], rows[2], threads);
        return out;
    }

    /** {outer, length, inner} of a shape seen along {@code dim}; a rank-0 tensor is one row of one. */
    private static int[] rows(int[] s, int dim) {
        int d = Tensor.normalizeDim(dim, s.length, "dim");
        if (s.length == 0) return new int[] {1, 1, 1};
        int outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= s[i];
        for (int i = d + 1; i < s.length; i++) inner *= s[i];
        return new int[] {outer, s[d], inner};
    }

    private static void requireSameShape(Tensor a, Tensor gradOutput, String what) {
        if (!a.sameShape(gradOutput)) {
            throw new IllegalArgumentException("gradOutput has shape " + Arrays.toString(gradOutput.shape())
                    + ", expected the " + what + "'s shape " + Arrays.toString(a.shape()));
        }
    }
}
