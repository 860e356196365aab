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
}
