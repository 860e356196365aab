package dev.stride.core;

import java.util.Arrays;

/**
 * Validation of the {@code out} argument of {@link Ops#conv2d(Tensor, Tensor, Tensor, Conv2dParams, Tensor)},
 * shared by the engines so that they reject the same cases with the same messages.
 */
public final class Conv2dOut {
    private Conv2dOut() {}

    /**
     * Checks that {@code out} is non-null, has shape {@code expected} (the conv's output shape) and does not
     * share its data array with the operands (the kernels read them while writing {@code out}).
     *
     * @throws IllegalArgumentException naming {@code out} and the rule it breaks
     */
    public static void check(Tensor out, int[] expected, Tensor input, Tensor weight, Tensor bias) {
        Check.notNull("out", out);
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalArgumentException("out shape " + Arrays.toString(out.shape()) + " must be "
                    + Arrays.toString(expected) + " (the output shape of conv2d)");
        }
        float[] d = out.data();
        if (input != null && d == input.data()) throw shared("input");
        if (weight != null && d == weight.data()) throw shared("weight");
        if (bias != null && d == bias.data()) throw shared("bias");
    }

    private static IllegalArgumentException shared(String operand) {
        return new IllegalArgumentException("out must not share its data array with " + operand
                + " (conv2d reads " + operand + " while it writes out)");
    }
}
