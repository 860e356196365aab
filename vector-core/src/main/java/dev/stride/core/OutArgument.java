package dev.stride.core;

import java.util.Arrays;

/**
 * Validation of the {@code out} argument of the out= variants of {@link Ops} (PyTorch's {@code out=}), shared
 * by the engines so that they reject the same cases with the same messages.
 */
public final class OutArgument {
    private OutArgument() {}

    /**
     * Checks that {@code out} is present and has shape {@code expected}, the output shape of {@code op}.
     *
     * @throws IllegalArgumentException naming {@code out}, its shape and the shape it must have
     */
    public static void check(String op, Tensor out, int[] expected) {
        Check.notNull("out", out);
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalArgumentException("out shape " + Arrays.toString(out.shape()) + " must be "
                    + Arrays.toString(expected) + " (the output shape of " + op + ")");
        }
    }

    /**
     * Checks that {@code out} does not share its data array with the operand {@code name} (null operands pass):
     * the kernels read their operands while they write {@code out}.
     *
     * @throws IllegalArgumentException naming {@code out} and the operand
     */
    public static void notShared(String op, Tensor out, String name, Tensor operand) {
        Check.notNull("out", out);
        if (operand != null && operand.data() == out.data()) {
            throw new IllegalArgumentException("out must not share its data array with " + name + " (" + op
                    + " reads " + name + " while it writes out; only activation may run in place)");
        }
    }

    /**
     * Checks the gradient tensors of a backward's {@code out}: {@code gradWeight} of {@code weightShape};
     * {@code gradBias} of {@code biasShape}, or null when {@code biasShape} is null; {@code gradInput} of
     * {@code inputShape} or null (not wanted); none sharing its data array with another or with an operand.
     *
     * @throws IllegalArgumentException naming the tensor of {@code out} and the rule
     */
    public static void gradients(String op, ConvGradients out, int[] inputShape, int[] weightShape, int[] biasShape,
                                 Tensor... operands) {
        Check.notNull("out", out);
        if (out.gradWeight() == null) {
            throw new IllegalArgumentException("out.gradWeight is null; it must have shape " + Arrays.toString(weightShape) + " (" + op + ")");
        }
        check(op + " (out.gradWeight)", out.gradWeight(), weightShape);
        if (biasShape == null) {
            if (out.gradBias() != null) throw new IllegalArgumentException("out.gradBias must be null: " + op + " has no bias here");
        } else if (out.gradBias() == null) {
            throw new IllegalArgumentException("out.gradBias is null but " + op + " has a bias; it must have shape " + Arrays.toString(biasShape));
        } else {
            check(op + " (out.gradBias)", out.gradBias(), biasShape);
        }
        if (out.gradInput() != null) check(op + " (out.gradInput)", out.gradInput(), inputShape);
        Tensor[] outs = {out.gradInput(), out.gradWeight(), out.gradBias()};
        String[] names = {"out.gradInput", "out.gradWeight", "out.gradBias"};
        for (int i = 0; i < outs.length; i++) {
            if (outs[i] == null) continue;
            for (Tensor operand : operands) {
                if (operand != null && operand.data() == outs[i].data()) {
                    throw new IllegalArgumentException(names[i] + " must not share its data array with an operand of " + op);
                }
            }
            for (int j = i + 1; j < outs.length; j++) {
                if (outs[j] != null && outs[j].data() == outs[i].data()) {
                    throw new IllegalArgumentException(names[i] + " and " + names[j] + " must not share a data array (" + op + ")");
                }
            }
        }
    }

    /** Copies each gradient of {@code g} into the same tensor of {@code out} (skipping those {@code out} leaves null); returns {@code out}. */
    public static ConvGradients copyGradients(ConvGradients g, ConvGradients out) {
        if (out.gradInput() != null) System.arraycopy(g.gradInput().data(), 0, out.gradInput().data(), 0, out.gradInput().size());
        System.arraycopy(g.gradWeight().data(), 0, out.gradWeight().data(), 0, out.gradWeight().size());
        if (out.gradBias() != null) System.arraycopy(g.gradBias().data(), 0, out.gradBias().data(), 0, out.gradBias().size());
        return out;
    }
}
