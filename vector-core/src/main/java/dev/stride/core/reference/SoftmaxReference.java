package dev.stride.core.reference;

import dev.stride.core.Check;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Reference softmax and log_softmax along one dimension ({@code torch.softmax}, {@code torch.log_softmax}),
 * forward and backward.
 *
 * <p>Any shape and rank; {@code dim} may be negative (counted from the end) as in PyTorch, and a rank-0
 * tensor is treated as one row of length 1 ({@code dim} 0 or -1). Each row along {@code dim} is computed in
 * double and rounded to float once.
 *
 * <p>Numerically stable: the row maximum {@code m} is subtracted before exponentiating, so
 * {@code softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m)} and
 * {@code log_softmax(x)_i = x_i - m - log(sum_j exp(x_j - m))}; logits of size 1e4 stay finite.
 * Special values as in PyTorch: a row holding NaN, a row whose maximum is {@code +inf}, or a row that is all
 * {@code -inf} gives NaN throughout (the subtraction {@code x - m} is NaN there); a {@code -inf} element of
 * an otherwise finite row gets probability 0 (log-probability {@code -inf}).
 */
public final class SoftmaxReference {
    private SoftmaxReference() {}

    /**
     * {@code softmax(x)} along {@code dim}.
     *
     * @param input any shape (not modified)
     * @param dim the dimension whose rows sum to 1; negative counts from the end
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if input is null or dim is out of range
     */
    public static Tensor softmax(Tensor input, int dim) {
        return forward(input, dim, false);
    }

    /**
     * {@code log(softmax(x))} along {@code dim}, computed without taking the log of a rounded probability.
     *
     * @param input any shape (not modified)
     * @param dim the dimension to normalise; negative counts from the end
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if input is null or dim is out of range
     */
    public static Tensor logSoftmax(Tensor input, int dim) {
        return forward(input, dim, true);
    }

    /**
     * Backward of {@link #softmax} from its output {@code y}: {@code gradInput = y * (g - sum_dim(g * y))}.
     *
     * @param output the forward's output
     * @param gradOutput gradient with respect to the output, same shape
     * @param dim the forward's dimension
     * @return a new tensor of the output's shape
     * @throws IllegalArgumentException on a null argument, differing shapes or dim out of range
     */
    public static Tensor softmaxBackward(Tensor output, Tensor gradOutput, int dim) {
        return backward(output, gradOutput, dim, false);
    }

    /**
     * Backward of {@link #logSoftmax} from its output {@code o}: {@code gradInput = g - exp(o) * sum_dim(g)}.
     *
     * @param output the forward's output
     * @param gradOutput gradient with respect to the output, same shape
     * @param dim the forward's dimension
     * @return a new tensor of the output's shape
     * @throws IllegalArgumentException on a null argument, differing shapes or dim out of range
     */
    public static Tensor logSoftmaxBackward(Tensor output, Tensor gradOutput, int dim) {
        return backward(output, gradOutput, dim, true);
    }

    /**
     * The rows along a dimension: {@code outer} blocks, each of {@code inner} rows of {@code length}
     * elements spaced {@code inner} apart; element {@code k} of row {@code (o, i)} is at
     * {@code (o * length + k) * inner + i}.
     */
    private record Rows(int outer, int length, int inner) {
        static Rows of(Tensor t, int dim) {
            int[] s = t.shape();
            int d = Tensor.normalizeDim(dim, s.length, "dim");
            if (s.length == 0) return new Rows(1, 1, 1);
            int outer = 1;
            for (int i = 0; i < d; i++) outer *= s[i];
            int inner = 1;
            for (int i = d + 1; i < s.length; i++) inner *= s[i];
            return new Rows(outer, s[d], inner);
        }

        int start(int o, int i) { return o * length * inner + i; }
    }

    private static Tensor forward(Tensor input, int dim, boolean log) {
        Check.notNull("input", input);
        Rows rows = Rows.of(input, dim);
        float[] x = input.data();
        float[] y = new float[x.length];
        int n = rows.length();
        int step = rows.inner();
        for (int o = 0; o < rows.outer(); o++) {
            for (int i = 0; i < rows.inner(); i++) {
                int base = rows.start(o, i);
                // Math.max propagates NaN, so a NaN anywhere in the row makes the whole row NaN.
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) max = Math.max(max, x[base + k * step]);
                double sum = 0.0;
                for (int k = 0; k < n; k++) sum += Math.exp(x[base + k * step] - max);
                if (log) {
                    double logSum = Math.log(sum);
                    for (int k = 0; k < n; k++) y[base + k * step] = (float) (x[base + k * step] - max - logSum);
                } else {
                    for (int k = 0; k < n; k++) y[base + k * step] = (float) (Math.exp(x[base + k * step] - max) / sum);
                }
            }
        }
        return Tensor.wrap(y, input.shape());
    }

    private static Tensor backward(Tensor output, Tensor gradOutput, int dim, boolean log) {
        Check.notNull("output", output);
        Check.notNull("gradOutput", gradOutput);
        if (!output.sameShape(gradOutput)) {
            throw new IllegalArgumentException("gradOutput has shape " + Arrays.toString(gradOutput.shape())
                    + ", expected the output's shape " + Arrays.toString(output.shape()));
        }
        Rows rows = Rows.of(output, dim);
        float[] y = output.data();
        float[] g = gradOutput.data();
        float[] gx = new float[y.length];
        int n = rows.length();
        int step = rows.inner();
        for (int o = 0; o < rows.outer(); o++) {
            for (int i = 0; i < rows.inner(); i++) {
                int base = rows.start(o, i);
                double dot = 0.0;
                for (int k = 0; k < n; k++) {
                    int at = base + k * step;
                    dot += log ? g[at] : (double) g[at] * y[at];
                }
                for (int k = 0; k < n; k++) {
                    int at = base + k * step;
                    gx[at] = (float) (log ? g[at] - Math.exp(y[at]) * dot : y[at] * (g[at] - dot));
                }
            }
        }
        return Tensor.wrap(gx, output.shape());
    }
}
