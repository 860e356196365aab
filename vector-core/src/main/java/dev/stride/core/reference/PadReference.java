package dev.stride.core.reference;

import dev.stride.core.Check;
import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import dev.stride.core.Tensor;

/**
 * Naive reference for the pad op on the last two dimensions ({@code F.pad(x, (left, right, top, bottom),
 * mode, value)}), forward and backward, with PyTorch's semantics.
 *
 * <p>Every output cell either copies one input cell (its "source") or, in constant mode, holds the pad
 * value. Sources per axis, for output position {@code j} and input size {@code n}:
 * <ul>
 *   <li>constant: {@code j - left} if inside the input, else none (negative pads crop);</li>
 *   <li>reflect: {@code j - left} mirrored at the edges without repeating them ({@code -1 -> 1},
 *       {@code n -> n-2});</li>
 *   <li>replicate: {@code j - left} clamped to {@code [0, n-1]};</li>
 *   <li>circular: the input is first cropped by the negative pads, then {@code j - max(left, 0)} is
 *       wrapped modulo the cropped size (PyTorch's order: a crop on one side is not wrapped into the
 *       other side's pad).</li>
 * </ul>
 * Negative pads crop in every mode; reflect and replicate then mirror or clamp at the original edges, as
 * PyTorch's kernels do.
 * Leading dimensions (batch, channels, ...) are independent planes. The backward pass adds the gradient
 * of every output cell into its source cell (so reflected, replicated and wrapped cells accumulate and
 * cropped cells get 0), in double, rounded to float once.
 *
 * <p>Shapes and rules are checked by {@link Pad2dParams#outputShape}; errors are
 * {@link IllegalArgumentException}s naming the parameter. No method modifies its arguments.
 */
public final class PadReference {
    private PadReference() {}

    /**
     * Pads the last two dimensions of {@code input}.
     *
     * @param input a tensor of rank at least 2 ({@code [..., H, W]})
     * @return {@code [..., H + top + bottom, W + left + right]}
     * @throws IllegalArgumentException if the input is null or its shape breaks the mode's rules
     */
    public static Tensor pad(Tensor input, Pad2dParams p) {
        Check.notNull("input", input);
        Check.notNull("pad params", p);
        int[] inShape = input.shape();
        int[] outShape = p.outputShape(inShape);
        int r = inShape.length;
        int inH = inShape[r - 2], inW = inShape[r - 1], outH = outShape[r - 2], outW = outShape[r - 1];
        int[] rowSource = sources(p.mode(), inH, p.top(), p.bottom());
        int[] colSource = sources(p.mode(), inW, p.left(), p.right());
        int planes = planes(inShape);
        float[] x = input.data();
        float[] y = new float[planes * outH * outW];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++, o++) {
                    int sh = rowSource[i], sw = colSource[j];
                    y[o] = (sh < 0 || sw < 0) ? p.value() : x[base + sh * inW + sw];
                }
            }
        }
        return Tensor.wrap(y, outShape);
    }

    /**
     * Gradient of {@link #pad} with respect to its input: every output cell's gradient is added into the
     * input cell it was copied from; cells cropped away by negative pads get 0.
     *
     * @param inputShape the forward input's shape (rank at least 2)
     * @param gradOutput gradient of the padded output, shape {@code p.outputShape(inputShape)}
     * @return gradient of the input, shape {@code inputShape}
     * @throws IllegalArgumentException on a null argument or a shape that does not match {@code p}
     */
    public static Tensor padBackward(int[] inputShape, Tensor gradOutput, Pad2dParams p) {
        Check.notNull("input shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("pad params", p);
        for (int i = 0; i < inputShape.length; i++) Check.nonNegative("input shape[" + i + "]", inputShape[i]);
        int[] outShape = p.outputShape(inputShape);
        gradOutput.requireShape("grad_output", outShape);
        int r = inputShape.length;
        int inH = inputShape[r - 2], inW = inputShape[r - 1], outH = outShape[r - 2], outW = outShape[r - 1];
        int[] rowSource = sources(p.mode(), inH, p.top(), p.bottom());
        int[] colSource = sources(p.mode(), inW, p.left(), p.right());
        int planes = planes(inputShape);
        float[] g = gradOutput.data();
        double[] acc = new double[planes * inH * inW];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++, o++) {
                    int sh = rowSource[i], sw = colSource[j];
                    if (sh >= 0 && sw >= 0) acc[base + sh * inW + sw] += g[o];
                }
            }
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) out[i] = (float) acc[i];
        return Tensor.wrap(out, inputShape.clone());
    }

    /** Number of independent planes: the product of all but the last two dimensions. */
    private static int planes(int[] shape) {
        int n = 1;
        for (int i = 0; i < shape.length - 2; i++) n *= shape[i];
        return n;
    }

    /**
     * The input index each output position of one axis copies, or -1 for the constant value. The
     * record has already checked the mode's rules (reflect pads below {@code n}, circular pads at most
     * the cropped size), so one mirror or one wrap always lands inside the input.
     */
    private static int[] sources(PadMode mode, int n, int before, int after) {
        int[] src = new int[n + before + after];
        for (int j = 0; j < src.length; j++) {
            int x = j - before;
            src[j] = switch (mode) {
                case CONSTANT -> (x >= 0 && x < n) ? x : -1;
                case REFLECT -> x < 0 ? -x : (x >= n ? 2 * (n - 1) - x : x);
                case REPLICATE -> Math.max(0, Math.min(n - 1, x));
                case CIRCULAR -> circularSource(j, n, before, after);
            };
        }
        return src;
    }

    /**
     * PyTorch's circular pad first crops (negative pads) and then wraps within the cells that are left,
     * so a wrapped cell comes from the cropped range, not from the cropped-away cells.
     */
    private static int circularSource(int j, int n, int before, int after) {
        int keptStart = Math.max(-before, 0);
        int kept = n - keptStart - Math.max(-after, 0);
        return keptStart + Math.floorMod(j - Math.max(before, 0), kept);
    }
}
