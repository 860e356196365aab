package dev.stride.bench.cli;

/**
 * One spatial axis of a sliding-window op (convolution or pooling) as {@code ./stride explain} prints it.
 * {@code out} always comes from the op's parameter record; this class only writes the conv_arithmetic
 * formula with the numbers filled in and lists the cells each window covers.
 *
 * @param name      {@code height}, {@code width} or {@code length}
 * @param in        input size along the axis
 * @param padBefore padding before the first input cell (top or left)
 * @param padAfter  padding after the last input cell (bottom or right)
 * @param out       output size, from the parameter record
 */
record ExplainAxis(String name, int in, int padBefore, int padAfter, int kernel, int stride, int dilation,
                   boolean ceilMode, int out) implements ExplainWindowAxis {

    /** The general formula, printed once above the per-axis lines. */
    static String formula(boolean ceilMode) {
        String round = ceilMode ? "ceil" : "floor";
        return "out = " + round + "((in + pad_before + pad_after - dilation*(kernel-1) - 1) / stride) + 1"
                + (ceilMode ? ", and the last window must start inside the input or the left padding:"
                        + " (out-1)*stride < in + pad_before" : "");
    }

    /** {@code floor((224 + 3 + 3 - 1*(7-1) - 1) / 2) + 1 = floor(223 / 2) + 1 = 112}, plus the ceil-mode rule. */
    String arithmetic() {
        long numerator = (long) in + padBefore + padAfter - (long) dilation * (kernel - 1) - 1;
        String round = ceilMode ? "ceil" : "floor";
        StringBuilder sb = new StringBuilder();
        sb.append(round).append("((").append(in).append(" + ").append(padBefore).append(" + ").append(padAfter)
                .append(" - ").append(dilation).append("*(").append(kernel).append("-1) - 1) / ").append(stride)
                .append(") + 1 = ").append(round).append('(').append(numerator).append(" / ").append(stride)
                .append(") + 1");
        long rounded = ceilMode ? Math.floorDiv(numerator + stride - 1, stride) + 1 : Math.floorDiv(numerator, stride) + 1;
        if (ceilMode && rounded != out && rounded - 1 == out) {
            // PyTorch drops a ceil-mode window that would start in the right padding or past it.
            sb.append(" = ").append(rounded).append("; window ").append(rounded - 1).append(" would start at ")
                    .append("(").append(rounded).append("-1)*").append(stride).append(" = ").append((rounded - 1) * stride)
                    .append(" >= in + pad_before = ").append(in).append(" + ").append(padBefore).append(", so it is dropped: ")
                    .append(out);
        } else {
            sb.append(" = ").append(out);
            if (ceilMode && out > 1) {
                sb.append(" (last window starts at (").append(out).append("-1)*").append(stride).append(" = ")
                        .append((long) (out - 1) * stride).append(" < in + pad_before = ").append(in).append(" + ").append(padBefore)
                        .append(": kept)");
            }
            if (rounded != out) sb.append("  [the parameter record gives ").append(out).append(']');
        }
        return sb.toString();
    }

    /** Effective kernel {@code dilation*(kernel-1)+1}: the span of one window. */
    int effectiveKernel() { return dilation * (kernel - 1) + 1; }

    /** Coordinates (in unpadded input terms) of the cells window {@code o} covers. */
    @Override public int[] window(int o) { return AsciiGrid.arithmetic(o * stride - padBefore, dilation, kernel); }

    /** The picture's axis: the padded input, widened to the end of the last window (ceil mode may overhang). */
    @Override public AsciiGrid.Axis gridAxis() {
        int lastEnd = (out - 1) * stride - padBefore + dilation * (kernel - 1);
        int hi = Math.max(in + padAfter - 1, lastEnd);
        return new AsciiGrid.Axis(-padBefore, hi, 0, in, -padBefore, in + padAfter);
    }

    /** {@code -1..1} for a contiguous window, else the coordinates listed. */
    static String describe(int[] coords) {
        if (coords.length == 0) return "none";
        boolean contiguous = true;
        for (int i = 1; i < coords.length; i++) contiguous &= coords[i] == coords[i - 1] + 1;
        if (contiguous) return coords.length == 1 ? Integer.toString(coords[0]) : coords[0] + ".." + coords[coords.length - 1];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < coords.length; i++) sb.append(i == 0 ? "" : ",").append(coords[i]);
        return sb.toString();
    }
}
