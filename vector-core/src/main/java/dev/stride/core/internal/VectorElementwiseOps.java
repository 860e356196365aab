package dev.stride.core.internal;

import dev.stride.core.*;
import java.util.Arrays;

/**
 * Activations, softmax, log_softmax and cross-entropy on the vectorized kernels
 * ({@link ActivationKernel}, {@link SoftmaxKernel}, {@link CrossEntropyKernel}). This class validates
 * arguments ({@link IllegalArgumentException} naming the parameter) and allocates outputs.
 */
final class VectorElementwiseOps {
    private final int threads;

    VectorElementwiseOps(int threads) { this.threads = threads; }

    Tensor activation(Tensor input, Activation a) {
        Check.notNull("input", input);
        Check.notNull("activation", a);
        Tensor out = Tensor.zeros(input.shape());
        ActivationKernel.forward(input.data(), out.data(), a, threads);
        return out;
    }

    Tensor activationBackward(Tensor input, Tensor gradOutput, Activation a) {
        Check.notNull("input", input);
        Check.notNull("gradOutput", gradOutput);
        Check.notNull("activation", a);
        requireSameShape(input, gradOutput, "input");
        Tensor out = Tensor.zeros(input.shape());
        ActivationKernel.backward(input.data(), gradOutput.data(), out.data(), a, threads);
        return out;
    }

    Tensor softmax(Tensor input, int dim) { return forward(SoftmaxKernel.Mode.SOFTMAX, input, dim); }

    Tensor logSoftmax(Tensor input, int dim) { return forward(SoftmaxKernel.Mode.LOG_SOFTMAX, input, dim); }

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

    private Tensor forward(SoftmaxKernel.Mode mode, Tensor input, int dim) {
        Check.notNull("input", input);
        int[] rows = rows(input.shape(), dim);
        Tensor out = Tensor.zeros(input.shape());
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
