package dev.stride.bench.cli;

import static dev.stride.bench.cli.ExplainFormat.count;
import static dev.stride.bench.cli.ExplainFormat.multiply;
import static dev.stride.bench.cli.ExplainFormat.product;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool1dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.MaxPool2dParams;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code ./stride explain} for the pools: max/avg pool 1-D and 2-D and the adaptive pools. Output sizes come
 * from the parameter records ({@link MaxPool2dParams#outputShape} and friends, {@link AdaptivePool2dParams#start}
 * and {@link AdaptivePool2dParams#end}); this class prints them with the formulas they follow.
 */
final class ExplainPool {
    private ExplainPool() {}

    private static final List<String> MAX_NOTES = List.of(". padding reads -inf: it is never the maximum");

    static void maxPool2d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,H,W");
        int[] k = o.pair("kernel", null);
        int[] s = o.pair("stride", k);
        int[] pad = pair(o.paddingInts("p | ph,pw", 1, 2));
        int[] d = o.pair("dilation", new int[] {1, 1});
        MaxPool2dParams p = new MaxPool2dParams(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1],
                o.args().bool("ceil-mode"));
        int[] output = p.outputShape(input);
        out.printf("max_pool2d: kernel %dx%d, stride %d,%d, padding %d,%d, dilation %d,%d, ceil_mode %s%n", p.kernelH(),
                p.kernelW(), p.strideH(), p.strideW(), p.paddingH(), p.paddingW(), p.dilationH(), p.dilationW(), p.ceilMode());
        ExplainConv.printShapes(out, input, output, "N,C,H,W");
        ExplainAxis rows = new ExplainAxis("height", input[2], p.paddingH(), p.paddingH(), p.kernelH(), p.strideH(),
                p.dilationH(), p.ceilMode(), output[2]);
        ExplainAxis cols = new ExplainAxis("width", input[3], p.paddingW(), p.paddingW(), p.kernelW(), p.strideW(),
                p.dilationW(), p.ceilMode(), output[3]);
        ExplainWindows.printArithmetic(out, List.of(rows, cols));
        printMaxWork(out, output, p.kernelH(), p.kernelW());
        ExplainWindows.printPicture(out, "the input (" + input[2] + "x" + input[3] + ") with its padding, and the first {n} ("
                + ExplainWindows.caption(rows, cols) + ")", rows, cols, ExplainWindows.paddedInput('.'), "output",
                MAX_NOTES, null);
    }

    static void maxPool1d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,L");
        int k = o.single("kernel", null);
        MaxPool1dParams p = new MaxPool1dParams(k, o.single("stride", k), o.paddingInts("p", 1)[0],
                o.single("dilation", 1), o.args().bool("ceil-mode"));
        int[] output = p.outputShape(input);
        out.printf("max_pool1d: kernel %d, stride %d, padding %d, dilation %d, ceil_mode %s%n", p.kernel(), p.stride(),
                p.padding(), p.dilation(), p.ceilMode());
        ExplainConv.printShapes(out, input, output, "N,C,L");
        ExplainAxis len = new ExplainAxis("length", input[2], p.padding(), p.padding(), p.kernel(), p.stride(),
                p.dilation(), p.ceilMode(), output[2]);
        ExplainWindows.printArithmetic(out, List.of(len));
        printMaxWork(out, output, 1, p.kernel());
        ExplainWindows.printPicture(out, "the input (length " + input[2] + ") with its padding, and the first {n} ("
                + ExplainWindows.caption(null, len) + ")", null, len, ExplainWindows.paddedInput('.'), "output",
                MAX_NOTES, null);
    }

    static void avgPool2d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,H,W");
        int[] k = o.pair("kernel", null);
        int[] s = o.pair("stride", k);
        int[] pad = pair(o.paddingInts("p | ph,pw", 1, 2));
        int divisor = divisorOverride(o);
        AvgPool2dParams p = new AvgPool2dParams(k[0], k[1], s[0], s[1], pad[0], pad[1], o.args().bool("ceil-mode"),
                countIncludePad(o), divisor);
        int[] output = p.outputShape(input);
        out.printf("avg_pool2d: kernel %dx%d, stride %d,%d, padding %d,%d, ceil_mode %s, count_include_pad %s,"
                        + " divisor_override %s%n", p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.paddingH(),
                p.paddingW(), p.ceilMode(), p.countIncludePad(), p.hasDivisorOverride() ? p.divisorOverride() : "none");
        ExplainConv.printShapes(out, input, output, "N,C,H,W");
        ExplainAxis rows = new ExplainAxis("height", input[2], p.paddingH(), p.paddingH(), p.kernelH(), p.strideH(), 1,
                p.ceilMode(), output[2]);
        ExplainAxis cols = new ExplainAxis("width", input[3], p.paddingW(), p.paddingW(), p.kernelW(), p.strideW(), 1,
                p.ceilMode(), output[3]);
        ExplainWindows.printArithmetic(out, List.of(rows, cols));
        printAvgWork(out, output, p.kernelH(), p.kernelW());
        printDivisorRule(out, p.countIncludePad(), p.hasDivisorOverride() ? p.divisorOverride() : 0);
        BiFunction<Integer, Integer, String> divisorOf = p.hasDivisorOverride()
                ? (r, c) -> "divisor " + p.divisorOverride() + " (divisor_override)"
                : (r, c) -> "divisor " + divisor(rows, r, p.countIncludePad()) * divisor(cols, c, p.countIncludePad());
        ExplainWindows.printPicture(out, "the input (" + input[2] + "x" + input[3] + ") with its padding, and the first {n} ("
                + ExplainWindows.caption(rows, cols) + ")", rows, cols, ExplainWindows.paddedInput('.'), "output",
                List.of(". padding reads 0"), divisorOf);
    }

    static void avgPool1d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,L");
        int k = o.single("kernel", null);
        AvgPool1dParams p = new AvgPool1dParams(k, o.single("stride", k), o.paddingInts("p", 1)[0],
                o.args().bool("ceil-mode"), countIncludePad(o), 0);
        int[] output = p.outputShape(input);
        out.printf("avg_pool1d: kernel %d, stride %d, padding %d, ceil_mode %s, count_include_pad %s%n", p.kernel(),
                p.stride(), p.padding(), p.ceilMode(), p.countIncludePad());
        ExplainConv.printShapes(out, input, output, "N,C,L");
        ExplainAxis len = new ExplainAxis("length", input[2], p.padding(), p.padding(), p.kernel(), p.stride(), 1,
                p.ceilMode(), output[2]);
        ExplainWindows.printArithmetic(out, List.of(len));
        printAvgWork(out, output, 1, p.kernel());
        printDivisorRule(out, p.countIncludePad(), 0);
        ExplainWindows.printPicture(out, "the input (length " + input[2] + ") with its padding, and the first {n} ("
                + ExplainWindows.caption(null, len) + ")", null, len, ExplainWindows.paddedInput('.'), "output",
                List.of(". padding reads 0"), (r, c) -> "divisor " + divisor(len, c, p.countIncludePad()));
    }

    static void adaptive(ExplainOptions o, PrintStream out, boolean max) {
        String op = max ? "adaptive_max_pool2d" : "adaptive_avg_pool2d";
        int[] input = o.input("N,C,H,W");
        int[] size = o.pair("output-size", null);
        AdaptivePool2dParams p = new AdaptivePool2dParams(size[0], size[1]);
        int[] output = p.outputShape(input);
        out.printf("%s: output_size %d,%d%s%n", op, p.outH(), p.outW(), p.outH() == 1 && p.outW() == 1 ? " (global pooling)" : "");
        ExplainConv.printShapes(out, input, output, "N,C,H,W");
        AdaptiveAxis rows = new AdaptiveAxis(input[2], output[2]);
        AdaptiveAxis cols = new AdaptiveAxis(input[3], output[3]);
        out.println();
        out.println("windows per axis (adaptive pooling): output cell i covers input cells [floor(i*in/out), ceil((i+1)*in/out))");
        out.printf("  %-7s %s%n", "height", rows.describe());
        out.printf("  %-7s %s%n", "width", cols.describe());
        long reads = (long) input[0] * input[1] * rows.totalCells() * cols.totalCells();
        out.println();
        out.println("parameters  0");
        out.printf("work        %s window reads = %s (N*C) * %d (window heights summed) * %d (window widths summed)%s%n",
                count(reads), product(input[0], input[1]), rows.totalCells(), cols.totalCells(),
                max ? " (each a comparison; no FLOPs)" : " (each an add), plus one divide per output");
        ExplainWindows.printPicture(out, "the input (" + input[2] + "x" + input[3] + ") and the first {n}", rows, cols,
                ExplainWindows.paddedInput('.'), "output", List.of(), null);
    }

    /** One axis of an adaptive pool: windows from {@link AdaptivePool2dParams#start} and {@link AdaptivePool2dParams#end}. */
    private record AdaptiveAxis(int in, int out) implements ExplainWindowAxis {
        @Override public int[] window(int i) {
            return AsciiGrid.range(AdaptivePool2dParams.start(i, in, out), AdaptivePool2dParams.end(i, in, out));
        }

        @Override public AsciiGrid.Axis gridAxis() { return new AsciiGrid.Axis(0, in - 1, 0, in, 0, in); }

        long totalCells() {
            long n = 0;
            for (int i = 0; i < out; i++) n += window(i).length;
            return n;
        }

        String describe() {
            StringBuilder sb = new StringBuilder(in + " -> " + out + ":");
            int shown = Math.min(out, 8);
            for (int i = 0; i < shown; i++) {
                sb.append(" [").append(AdaptivePool2dParams.start(i, in, out)).append(',')
                        .append(AdaptivePool2dParams.end(i, in, out)).append(')');
            }
            if (shown < out) sb.append(" ... (").append(out - shown).append(" more)");
            return sb.toString();
        }
    }

    private static int[] pair(int[] p) { return p.length == 1 ? new int[] {p[0], p[0]} : p; }

    private static boolean countIncludePad(ExplainOptions o) {
        return !o.args().has("count-include-pad") || o.args().bool("count-include-pad");
    }

    private static int divisorOverride(ExplainOptions o) {
        if (!o.args().has("divisor-override")) return 0;
        int v = o.args().requireInt("divisor-override");
        if (v == 0) throw new IllegalArgumentException("option --divisor-override: 0 is not allowed (PyTorch: divisor must be not zero)");
        return v;
    }

    /**
     * The per-axis factor of an average window's divisor, PyTorch's rule: the window clipped to the padded
     * input with count_include_pad, else clipped to the input. (The 2-D divisor is the product of the factors.)
     */
    static int divisor(ExplainAxis a, int o, boolean countIncludePad) {
        int start = o * a.stride() - a.padBefore();
        int end = Math.min(start + a.kernel(), a.in() + a.padAfter());
        if (countIncludePad) return end - start;
        return Math.min(end, a.in()) - Math.max(start, 0);
    }

    private static void printDivisorRule(PrintStream out, boolean countIncludePad, int divisorOverride) {
        if (divisorOverride != 0) {
            out.println("divisor     " + divisorOverride + " for every window (divisor_override)");
        } else if (countIncludePad) {
            out.println("divisor     the window's cells inside the padded input, padding included (count_include_pad=true;"
                    + " a ceil-mode overhang past the padding is not counted)");
        } else {
            out.println("divisor     the window's cells inside the input only (count_include_pad=false)");
        }
    }

    private static void printMaxWork(PrintStream out, int[] output, int kh, int kw) {
        out.println();
        out.println("parameters  0");
        out.printf("work        at most %s comparisons = %s outputs * %s window cells (no FLOPs)%n",
                count(multiply(output) * kh * kw), product(output), product(kh, kw));
    }

    private static void printAvgWork(PrintStream out, int[] output, int kh, int kw) {
        out.println();
        out.println("parameters  0");
        out.printf("FLOPs       at most %s = %s outputs * (%s adds + 1 divide)%n",
                count(multiply(output) * (kh * kw + 1)), product(output), product(kh, kw));
    }
}
