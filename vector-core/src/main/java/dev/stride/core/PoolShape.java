package dev.stride.core;

/** Output-size arithmetic and padding rules shared by the pooling parameter records (PyTorch's). */
final class PoolShape {
    private PoolShape() {}

    /**
     * PyTorch's {@code pooling_output_shape}: {@code out = floor_or_ceil((in + 2p - d(k-1) - 1) / s) + 1},
     * and in ceil mode the last window must start inside the input or the left padding
     * ({@code (out-1)*s < in + p}, else one fewer).
     */
    static int outSize(String op, String axis, int in, int k, int s, int p, int d, boolean ceil) {
        Check.positive("input " + axis, in);
        int num = in + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0);
        int out = Math.floorDiv(num, s) + 1;
        if (ceil && (long) (out - 1) * s >= in + p) out--;
        if (out < 1) {
            throw new IllegalArgumentException(op + ": output " + axis + " " + out + " is below 1 for input " + axis + " "
                    + in + ", kernel " + k + ", stride " + s + ", padding " + p + ", dilation " + d
                    + (ceil ? ", ceil_mode" : "") + " (output size is too small)");
        }
        return out;
    }

    /** PyTorch requires {@code padding <= kernel/2} (and at most half the effective kernel). */
    static void checkPad(String op, String axis, int p, int k, int d) {
        int eff = d * (k - 1) + 1;
        if (p > eff / 2) {
            throw new IllegalArgumentException("padding " + axis + " " + p + " exceeds half the effective kernel " + eff
                    + " (PyTorch rule for " + op + ")");
        }
        if (p > k / 2) {
            throw new IllegalArgumentException("padding " + axis + " " + p + " exceeds half the kernel " + k
                    + " (PyTorch rule for " + op + ": pad should be smaller than or equal to half of kernel size)");
        }
    }

    static int[] nchwOut(String op, int[] inputShape, int outH, int outW) {
        return new int[] {inputShape[0], inputShape[1], outH, outW};
    }

    static void checkNchw(String op, int[] s) {
        if (s.length != 4) {
            throw new IllegalArgumentException(op + ": input must be NCHW (4 dimensions), got shape " + java.util.Arrays.toString(s));
        }
        Check.positive("batch size", s[0]);
        Check.positive("channels", s[1]);
    }

    static void checkNcl(String op, int[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException(op + ": input must be NCL (3 dimensions), got shape " + java.util.Arrays.toString(s));
        }
        Check.positive("batch size", s[0]);
        Check.positive("channels", s[1]);
    }
}
