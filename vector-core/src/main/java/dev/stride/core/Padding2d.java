package dev.stride.core;

/**
 * Explicit padding of a 2-D window op, one value per side, in input cells.
 *
 * <p>Errors: a negative side is an {@link IllegalArgumentException} naming it.
 */
public record Padding2d(int top, int bottom, int left, int right) {
    public Padding2d {
        Check.nonNegative("padding top", top);
        Check.nonNegative("padding bottom", bottom);
        Check.nonNegative("padding left", left);
        Check.nonNegative("padding right", right);
    }

    /** The same padding on every side. */
    public static Padding2d of(int p) { return new Padding2d(p, p, p, p); }

    /** {@code ph} above and below, {@code pw} left and right (PyTorch's {@code padding=(ph, pw)}). */
    public static Padding2d of(int ph, int pw) { return new Padding2d(ph, ph, pw, pw); }

    /**
     * PyTorch's {@code padding='same'} (stride 1 only): total {@code dilation*(kernel-1)} per axis, the
     * odd cell going to the bottom/right.
     */
    public static Padding2d same(int kernelH, int kernelW, int dilationH, int dilationW) {
        int th = dilationH * (kernelH - 1), tw = dilationW * (kernelW - 1);
        return new Padding2d(th / 2, th - th / 2, tw / 2, tw - tw / 2);
    }

    /**
     * ONNX {@code auto_pad} resolved to explicit pads for an input of {@code inH x inW}: for SAME_UPPER and
     * SAME_LOWER the output is {@code ceil(in/stride)} and the odd cell goes to the end (UPPER) or the
     * beginning (LOWER); VALID is no padding; NOTSET is rejected (use explicit pads).
     */
    public static Padding2d onnxAuto(AutoPad mode, int inH, int inW, int kernelH, int kernelW,
                                     int strideH, int strideW, int dilationH, int dilationW) {
        Check.positive("kernel height", kernelH);
        Check.positive("kernel width", kernelW);
        Check.positive("stride height", strideH);
        Check.positive("stride width", strideW);
        Check.positive("dilation height", dilationH);
        Check.positive("dilation width", dilationW);
        Check.positive("input height", inH);
        Check.positive("input width", inW);
        return switch (mode) {
            case VALID -> of(0);
            case NOTSET -> throw new IllegalArgumentException("auto_pad NOTSET has no implied padding: give explicit pads");
            case SAME_UPPER, SAME_LOWER -> {
                int th = sameTotal(inH, kernelH, strideH, dilationH);
                int tw = sameTotal(inW, kernelW, strideW, dilationW);
                boolean upper = mode == AutoPad.SAME_UPPER;
                int top = upper ? th / 2 : th - th / 2, left = upper ? tw / 2 : tw - tw / 2;
                yield new Padding2d(top, th - top, left, tw - left);
            }
        };
    }

    private static int sameTotal(int in, int k, int s, int d) {
        int out = (in + s - 1) / s;
        return Math.max(0, (out - 1) * s + d * (k - 1) + 1 - in);
    }

    /** True when top == bottom and left == right. */
    public boolean symmetric() { return top == bottom && left == right; }

    /** ONNX {@code auto_pad} values. */
    public enum AutoPad { NOTSET, SAME_UPPER, SAME_LOWER, VALID;
        /** Parses an ONNX name such as {@code SAME_UPPER} (case-insensitive). */
        public static AutoPad parse(String s) {
            for (AutoPad a : values()) if (a.name().equalsIgnoreCase(s)) return a;
            throw new IllegalArgumentException("auto_pad '" + s + "' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
        }
    }
}
