package dev.stride.core.internal;

/**
 * The layout shared by the row-first pooling kernels. An output row is pooled in two passes: first the
 * window's input rows are reduced column by column into a scratch row, then each output reduces its
 * {@code kernelW} taps of that scratch row. The scratch row holds input column {@code c} at
 * {@code c + padW} and the reduction's neutral value (minus infinity, or zero) in the padding on both
 * sides, so the second pass reads output {@code x}'s tap {@code j} at {@code x*strideW + j*dilationW}
 * without any border case, and vector loads may run past the last window.
 */
final class PoolRows {
    private PoolRows() {}

    /** Scratch length for one row: the padded input plus the furthest vector read of the second pass. */
    static int length(int w, int padW, int strideW, int outW, int span, int lanes) {
        return Math.max(padW + w, strideW * outW + span + 1) + 2 * lanes + 1;
    }

    /** Fills the scratch padding (everything outside {@code [padW, padW + w)}) with {@code neutral}. */
    static void fillPadding(float[] r, int len, int padW, int w, float neutral) {
        java.util.Arrays.fill(r, 0, padW, neutral);
        java.util.Arrays.fill(r, padW + w, len, neutral);
    }
}
