package dev.stride.core;

import java.util.Arrays;

/**
 * Parameters of the pad op on the last two dimensions ({@code F.pad(x, (left, right, top, bottom), mode,
 * value)}); for 1-D padding use {@code top = bottom = 0}.
 *
 * <p>Negative pads crop, in every mode, as PyTorch allows. Rules, per axis of input size {@code n} (PyTorch's):
 * the output size {@code n + before + after} must be at least 1; the crops together may not exceed {@code n}
 * (constant); reflect needs each pad below {@code n};
 * circular crops first and then wraps within what is left, so a positive pad may not exceed {@code n} minus
 * the crop of the opposite side (it would wrap around more than once); replicate needs a non-empty axis.
 */
public record Pad2dParams(int left, int right, int top, int bottom, PadMode mode, float value) {
    public Pad2dParams {
        Check.notNull("mode", mode);
        if (mode != PadMode.CONSTANT) {
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
        checkAxis("height", h, top, bottom, "top", "bottom");
        checkAxis("width", w, left, right, "left", "right");
        int[] out = inputShape.clone();
        out[r - 2] = h + top + bottom;
        out[r - 1] = w + left + right;
        return out;
    }

    private void checkAxis(String axis, int in, int p0, int p1, String name0, String name1) {
        long out = (long) in + p0 + p1;
        if (out < 1) {
            throw new IllegalArgumentException("pad " + name0 + " " + p0 + " and pad " + name1 + " " + p1
                    + " give output " + axis + " " + out + " for input " + axis + " " + in + ": must be at least 1");
        }
        switch (mode) {
            case REFLECT -> {
                requireBelow(name0, p0, in, axis);
                requireBelow(name1, p1, in, axis);
            }
            case CIRCULAR -> {
                requireWrapsOnce(name0, p0, in - Math.max(-p1, 0), axis, in);
                requireWrapsOnce(name1, p1, in - Math.max(-p0, 0), axis, in);
            }
            case REPLICATE -> {
                if (in < 1) {
                    throw new IllegalArgumentException("pad: replicate padding needs a non-empty input " + axis
                            + ", got " + in);
                }
            }
            case CONSTANT -> {
                if ((long) Math.max(-p0, 0) + Math.max(-p1, 0) > in) {
                    throw new IllegalArgumentException("pad " + name0 + " " + p0 + " and pad " + name1 + " " + p1
                            + " crop more than the input " + axis + " " + in);
                }
            }
        }
    }

    private static void requireBelow(String name, int pad, int in, String axis) {
        if (pad >= in) {
            throw new IllegalArgumentException("pad " + name + " " + pad + " must be smaller than the input " + axis
                    + " " + in + " for reflect padding");
        }
    }

    private static void requireWrapsOnce(String name, int pad, int kept, String axis, int in) {
        if (pad > kept) {
            throw new IllegalArgumentException("pad " + name + " " + pad + " must not exceed the input " + axis + " "
                    + in + (kept < in ? " minus the opposite crop (" + kept + ")" : "")
                    + " for circular padding (it would wrap around more than once)");
        }
    }
}
