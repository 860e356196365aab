package dev.stride.core;

import java.util.Arrays;

/**
 * Parameters of the pad op on the last two dimensions ({@code F.pad(x, (left, right, top, bottom), mode,
 * value)}); for 1-D padding use {@code top = bottom = 0}.
 *
 * <p>Negative pads crop (constant mode only, as PyTorch allows). Reflect needs each pad smaller than the
 * padded dimension; circular at most that dimension; replicate needs a non-empty dimension.
 */
public record Pad2dParams(int left, int right, int top, int bottom, PadMode mode, float value) {
    public Pad2dParams {
        Check.notNull("mode", mode);
        if (mode != PadMode.CONSTANT) {
            Check.nonNegative("pad left", left);
            Check.nonNegative("pad right", right);
            Check.nonNegative("pad top", top);
            Check.nonNegative("pad bottom", bottom);
            Check.that(value == 0f, "value " + value + " is only meaningful for constant padding, mode is "
                    + mode.name().toLowerCase());
        }
    }

    /** Constant padding with {@code value}. */
    public static Pad2dParams constant(int left, int right, int top, int bottom, float value) {
        return new Pad2dParams(left, right, top, bottom, PadMode.CONSTANT, value);
    }

    /** Non-constant padding. */
    public static Pad2dParams of(int left, int right, int top, int bottom, PadMode mode) {
        return new Pad2dParams(left, right, top, bottom, mode, 0f);
    }

    /** Output shape: the input shape with the last two dimensions padded; validates the mode's rules. */
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 2) {
            throw new IllegalArgumentException("pad: input must have at least 2 dimensions, got shape "
                    + Arrays.toString(inputShape));
        }
        int r = inputShape.length;
        int h = inputShape[r - 2], w = inputShape[r - 1];
        checkAxis("height", h, top, bottom);
        checkAxis("width", w, left, right);
        int[] out = inputShape.clone();
        out[r - 2] = h + top + bottom;
        out[r - 1] = w + left + right;
        return out;
    }

    private void checkAxis(String axis, int in, int p0, int p1) {
        if (in + p0 + p1 < 1) {
            throw new IllegalArgumentException("pad: " + axis + " " + in + " padded by " + p0 + "," + p1
                    + " gives output size " + (in + p0 + p1) + ", below 1");
        }
        switch (mode) {
            case REFLECT -> {
                if (p0 >= in || p1 >= in) {
                    throw new IllegalArgumentException("pad " + axis + " " + Math.max(p0, p1) + " must be smaller than the input "
                            + axis + " " + in + " for reflect padding");
                }
            }
            case CIRCULAR -> {
                if (p0 > in || p1 > in) {
                    throw new IllegalArgumentException("pad " + axis + " " + Math.max(p0, p1) + " must not exceed the input "
                            + axis + " " + in + " for circular padding");
                }
            }
            case REPLICATE -> {
                if (in < 1 && (p0 > 0 || p1 > 0)) {
                    throw new IllegalArgumentException("pad: replicate padding needs a non-empty " + axis);
                }
            }
            case CONSTANT -> { }
        }
    }
}
