package dev.stride.core.reference;

import dev.stride.core.Check;
import dev.stride.core.ConvGradients;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Reference fully connected layer, {@code torch.nn.functional.linear}: {@code y = x W^T + b}.
 *
 * <p>Shapes: input {@code [..., in]} (rank at least 1; every leading dimension is a batch dimension),
 * weight {@code [out, in]}, bias {@code [out]} or null, output {@code [..., out]}. Each output element is a
 * double sum rounded to float once.
 */
public final class LinearReference {
    private LinearReference() {}

    /**
     * Forward: {@code y[..., o] = b[o] + sum_i x[..., i] * W[o, i]}.
     *
     * @param input {@code [..., in]}, rank at least 1 (not modified)
     * @param weight {@code [out, in]} (not modified)
     * @param bias {@code [out]}, or null for none (not modified)
     * @return a new tensor {@code [..., out]}
     * @throws IllegalArgumentException if input or weight is null, input has rank 0, weight is not rank 2,
     *     the input's last dimension is not {@code in}, or bias is not {@code [out]}
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        checkInputAndWeight(input, weight);
        int out = weight.dim(0);
        int in = weight.dim(1);
        if (bias != null) bias.requireShape("bias", out);
        int rows = leadingSize(input);
        if ((long) rows * out > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + rows + " rows by out-features " + out
                    + " has more than 2^31 elements, the limit of a Java array");
        }
        float[] x = input.data();
        float[] w = weight.data();
        float[] b = bias == null ? null : bias.data();
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0.0 : b[o];
                for (int i = 0; i < in; i++) acc += (double) x[r * in + i] * w[o * in + i];
                y[r * out + o] = (float) acc;
            }
        }
        return Tensor.wrap(y, withLastDim(input.shape(), out));
    }

    /**
     * Backward of {@link #linear}: {@code gradInput = g W}, {@code gradWeight = sum over rows of g^T x},
     * {@code gradBias = sum over rows of g}, where the rows are all leading positions of the input.
     *
     * @param input the forward's input {@code [..., in]}
     * @param weight the forward's weight {@code [out, in]}
     * @param gradOutput gradient with respect to the output, {@code [..., out]} with the input's leading dims
     * @param hasBias whether the forward had a bias (else {@code gradBias} is null)
     * @return gradients of the input's, weight's and bias's shapes
     * @throws IllegalArgumentException on a null argument or any shape mismatch (naming the argument)
     */
    public static ConvGradients linearBackward(Tensor input, Tensor weight, Tensor gradOutput, boolean hasBias) {
        checkInputAndWeight(input, weight);
        Check.notNull("gradOutput", gradOutput);
        int out = weight.dim(0);
        int in = weight.dim(1);
        gradOutput.requireShape("gradOutput", withLastDim(input.shape(), out));
        int rows = leadingSize(input);
        float[] x = input.data();
        float[] w = weight.data();
        float[] g = gradOutput.data();

        float[] gx = new float[rows * in];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < in; i++) {
                double acc = 0.0;
                for (int o = 0; o < out; o++) acc += (double) g[r * out + o] * w[o * in + i];
                gx[r * in + i] = (float) acc;
            }
        }
        float[] gw = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double acc = 0.0;
                for (int r = 0; r < rows; r++) acc += (double) g[r * out + o] * x[r * in + i];
                gw[o * in + i] = (float) acc;
            }
        }
        Tensor gradBias = null;
        if (hasBias) {
            float[] gb = new float[out];
            for (int o = 0; o < out; o++) {
                double acc = 0.0;
                for (int r = 0; r < rows; r++) acc += g[r * out + o];
                gb[o] = (float) acc;
            }
            gradBias = Tensor.wrap(gb, out);
        }
        return new ConvGradients(Tensor.wrap(gx, input.shape()), Tensor.wrap(gw, out, in), gradBias);
    }

    private static void checkInputAndWeight(Tensor input, Tensor weight) {
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        if (input.rank() < 1) {
            throw new IllegalArgumentException("input must have at least 1 dimension [..., in], got shape []");
        }
        weight.requireRank("weight [out, in]", 2);
        if (input.dim(-1) != weight.dim(1)) {
            throw new IllegalArgumentException("input has shape " + Arrays.toString(input.shape())
                    + " whose last dimension must equal weight's in-features " + weight.dim(1)
                    + " (weight shape " + Arrays.toString(weight.shape()) + ")");
        }
    }

    /** Product of all dimensions but the last (counted explicitly so that in = 0 still gives the batch). */
    private static int leadingSize(Tensor input) {
        int[] s = input.shape();
        int n = 1;
        for (int i = 0; i < s.length - 1; i++) n *= s[i];
        return n;
    }

    private static int[] withLastDim(int[] shape, int last) {
        int[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }
}
