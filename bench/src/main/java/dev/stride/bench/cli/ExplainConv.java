package dev.stride.bench.cli;

import static dev.stride.bench.cli.ExplainFormat.count;
import static dev.stride.bench.cli.ExplainFormat.multiply;
import static dev.stride.bench.cli.ExplainFormat.product;
import static dev.stride.bench.cli.ExplainFormat.shape;

import dev.stride.core.Conv1dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Padding2d;
import dev.stride.core.PaddingMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./stride explain} for conv2d, conv1d and conv_transpose2d. Output sizes, weight shapes and FLOPs come
 * from {@link Conv2dParams}, {@link Conv1dParams} and {@link ConvTranspose2dParams}; this class prints them
 * with the formulas they follow.
 */
final class ExplainConv {
    private ExplainConv() {}

    static void conv2d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,H,W");
        int[] k = o.pair("kernel", null);
        int[] s = o.pair("stride", new int[] {1, 1});
        int[] d = o.pair("dilation", new int[] {1, 1});
        Conv2dParams.Builder b = Conv2dParams.builder(input[1], o.outChannels(), k[0], k[1]).stride(s[0], s[1])
                .dilation(d[0], d[1]).groups(o.groups()).paddingMode(o.paddingMode()).bias(o.bias());
        if (o.paddingIsSame()) {
            b.same();
        } else if (o.paddingIsValid()) {
            b.valid();
        } else {
            int[] p = o.paddingInts("p | ph,pw | top,bottom,left,right | same | valid", 1, 2, 4);
            b.padding(p.length == 1 ? Padding2d.of(p[0]) : p.length == 2 ? Padding2d.of(p[0], p[1])
                    : new Padding2d(p[0], p[1], p[2], p[3]));
        }
        Conv2dParams p = b.build();
        int[] output = p.outputShape(input);
        Padding2d pad = p.padding();

        out.printf("conv2d: in_channels %d, out_channels %d, kernel %dx%d, stride %d,%d, padding %s, dilation %d,%d,"
                        + " groups %d, %s, padding_mode %s%n", p.inChannels(), p.outChannels(), p.kernelH(), p.kernelW(),
                p.strideH(), p.strideW(), describe(pad, o.paddingWord("0")), p.dilationH(), p.dilationW(), p.groups(),
                p.bias() ? "bias" : "no bias", p.paddingMode().name().toLowerCase(java.util.Locale.ROOT));
        printShapes(out, input, output, "N,C,H,W");
        ExplainAxis rows = new ExplainAxis("height", input[2], pad.top(), pad.bottom(), p.kernelH(), p.strideH(),
                p.dilationH(), false, output[2]);
        ExplainAxis cols = new ExplainAxis("width", input[3], pad.left(), pad.right(), p.kernelW(), p.strideW(),
                p.dilationW(), false, output[3]);
        ExplainWindows.printArithmetic(out, List.of(rows, cols));
        printWeights(out, p.weightShape(), "out_channels, in_channels/groups, kernel_h, kernel_w", p.bias(),
                p.inChannels(), p.outChannels(), p.groups());
        out.printf("FLOPs       %s = 2 * %s outputs * %s multiply-adds each%n", count(p.flops(input)),
                product(output), product(p.inChannels() / p.groups(), p.kernelH(), p.kernelW()));
        ExplainWindows.printPicture(out, "the input (" + input[2] + "x" + input[3] + ") with its padding, and the first {n} ("
                        + ExplainWindows.caption(rows, cols) + ")", rows, cols, legendFor(p.paddingMode()), "output",
                paddingNotes(p.paddingMode()), null);
    }

    static void conv1d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,L");
        int k = o.single("kernel", null);
        int s = o.single("stride", 1);
        int d = o.single("dilation", 1);
        PaddingMode mode = o.paddingMode();
        Conv1dParams p;
        if (o.paddingIsSame()) {
            if (s != 1) {
                throw new IllegalArgumentException("option --padding: 'same' is not supported for strided convolutions"
                        + " (stride " + s + "); PyTorch rule");
            }
            p = Conv1dParams.same(input[1], o.outChannels(), k, d, o.groups(), mode, o.bias());
        } else {
            int[] pad = o.paddingIsValid() ? new int[] {0} : o.paddingInts("p | left,right | same | valid", 1, 2);
            p = new Conv1dParams(input[1], o.outChannels(), k, s, pad[0], pad.length == 1 ? pad[0] : pad[1], mode, d,
                    o.groups(), o.bias());
        }
        int[] output = p.outputShape(input);

        out.printf("conv1d: in_channels %d, out_channels %d, kernel %d, stride %d, padding %d,%d (left,right), dilation %d,"
                        + " groups %d, %s, padding_mode %s%n", p.inChannels(), p.outChannels(), p.kernel(), p.stride(),
                p.padLeft(), p.padRight(), p.dilation(), p.groups(), p.bias() ? "bias" : "no bias",
                p.paddingMode().name().toLowerCase(java.util.Locale.ROOT));
        printShapes(out, input, output, "N,C,L");
        ExplainAxis len = new ExplainAxis("length", input[2], p.padLeft(), p.padRight(), p.kernel(), p.stride(),
                p.dilation(), false, output[2]);
        ExplainWindows.printArithmetic(out, List.of(len));
        printWeights(out, p.weightShape(), "out_channels, in_channels/groups, kernel", p.bias(), p.inChannels(),
                p.outChannels(), p.groups());
        long flops = p.toConv2d().flops(new int[] {input[0], input[1], 1, input[2]});
        out.printf("FLOPs       %s = 2 * %s outputs * %s multiply-adds each%n", count(flops), product(output),
                product(p.inChannels() / p.groups(), p.kernel()));
        ExplainWindows.printPicture(out, "the input (length " + input[2] + ") with its padding, and the first {n} ("
                        + ExplainWindows.caption(null, len) + ")", null, len, legendFor(mode), "output",
                paddingNotes(mode), null);
    }

    static void convTranspose2d(ExplainOptions o, PrintStream out) {
        int[] input = o.input("N,C,H,W");
        int[] k = o.pair("kernel", null);
        int[] s = o.pair("stride", new int[] {1, 1});
        int[] d = o.pair("dilation", new int[] {1, 1});
        int[] op = o.pair("output-padding", new int[] {0, 0});
        int[] pad = o.paddingInts("p | ph,pw", 1, 2);
        int ph = pad[0], pw = pad.length == 1 ? pad[0] : pad[1];
        ConvTranspose2dParams p = new ConvTranspose2dParams(input[1], o.outChannels(), k[0], k[1], s[0], s[1], ph, pw,
                op[0], op[1], d[0], d[1], o.groups(), o.bias());
        int[] output = p.outputShape(input);

        out.printf("conv_transpose2d: in_channels %d, out_channels %d, kernel %dx%d, stride %d,%d, padding %d,%d,"
                        + " output_padding %d,%d, dilation %d,%d, groups %d, %s%n", p.inChannels(), p.outChannels(),
                p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.paddingH(), p.paddingW(), p.outputPaddingH(),
                p.outputPaddingW(), p.dilationH(), p.dilationW(), p.groups(), p.bias() ? "bias" : "no bias");
        printShapes(out, input, output, "N,C,H,W");
        out.println();
        out.println("output size per axis (conv_arithmetic, transposed):");
        out.println("  out = (in-1)*stride - 2*padding + dilation*(kernel-1) + output_padding + 1");
        out.printf("  %-7s %s%n", "height", transposedArithmetic(input[2], p.strideH(), p.paddingH(), p.dilationH(),
                p.kernelH(), p.outputPaddingH(), output[2]));
        out.printf("  %-7s %s%n", "width", transposedArithmetic(input[3], p.strideW(), p.paddingW(), p.dilationW(),
                p.kernelW(), p.outputPaddingW(), output[3]));
        out.println("  (the gradient of a conv2d with the same kernel, stride, padding and dilation; padding crops the"
                + " full output, output_padding adds cells at the bottom/right)");
        printWeights(out, p.weightShape(), "in_channels, out_channels/groups, kernel_h, kernel_w", p.bias(),
                p.inChannels(), p.outChannels(), p.groups());
        out.printf("FLOPs       %s = 2 * %s inputs * %s multiply-adds each%n", count(p.flops(input)), product(input),
                product(p.outChannels() / p.groups(), p.kernelH(), p.kernelW()));
        TransposedAxis rows = new TransposedAxis(input[2], p.strideH(), p.paddingH(), p.dilationH(), p.kernelH(), output[2]);
        TransposedAxis cols = new TransposedAxis(input[3], p.strideW(), p.paddingW(), p.dilationW(), p.kernelW(), output[3]);
        AsciiGrid.Legend legend = new AsciiGrid.Legend('o', "output", 'x', "cropped by padding", '?', "unused");
        List<String> notes = List.of("each input cell scatters its kernel-sized patch into the output, stride apart;"
                + " letter a is input cell [0,0], b [0,1], ...");
        ExplainWindows.printPicture(out, "the full output (" + rows.full() + "x" + cols.full() + " before the padding"
                + " crops it) and the cells the first {n} write (one window per input cell; kernel " + p.kernelH() + "x"
                + p.kernelW() + ", stride " + p.strideH() + "," + p.strideW() + ")", rows, cols, legend, "input", notes, null);
    }

    private static String transposedArithmetic(int in, int s, int p, int d, int k, int op, int out) {
        return "(" + in + "-1)*" + s + " - 2*" + p + " + " + d + "*(" + k + "-1) + " + op + " + 1 = " + out;
    }

    /**
     * An axis of a transposed convolution seen from its output: "window" {@code i} is the set of output cells
     * input cell {@code i} writes to; the grid is the full output before the padding crops it.
     */
    private record TransposedAxis(int in, int stride, int padding, int dilation, int kernel, int outSize)
            implements ExplainWindowAxis {
        @Override public int[] window(int i) { return AsciiGrid.arithmetic(i * stride - padding, dilation, kernel); }

        int fullEnd() { return (in - 1) * stride - padding + dilation * (kernel - 1); }

        int full() { return (in - 1) * stride + dilation * (kernel - 1) + 1; }

        @Override public AsciiGrid.Axis gridAxis() {
            int hi = Math.max(fullEnd(), outSize - 1);
            return new AsciiGrid.Axis(-padding, hi, 0, outSize, -padding, hi + 1);
        }

        /** The picture draws one window per input cell, so the window count is the input size. */
        @Override public int out() { return in; }
    }

    private static String describe(Padding2d pad, String word) {
        String sides = pad.top() + "," + pad.bottom() + "," + pad.left() + "," + pad.right() + " (top,bottom,left,right)";
        return word.equals("same") || word.equals("valid") ? "'" + word + "' = " + sides : sides;
    }

    static void printShapes(PrintStream out, int[] input, int[] output, String layout) {
        out.printf("input shape   %s  (%s)%n", shape(input), layout);
        out.printf("output shape  %s  (%s)%n", shape(output), layout);
    }

    private static void printWeights(PrintStream out, int[] weight, String weightLayout, boolean bias, int inChannels,
                                     int outChannels, int groups) {
        out.println();
        out.printf("weight      %s  (%s)%n", shape(weight), weightLayout);
        out.println("bias        " + (bias ? outChannels : "none"));
        long w = multiply(weight);
        out.printf("parameters  %s = %s%s%n", count(w + (bias ? outChannels : 0)), product(weight),
                bias ? " + " + outChannels : "");
        if (groups > 1) {
            out.printf("groups      %d: each group maps %d input channels to %d output channels on its own%s%n", groups,
                    inChannels / groups, outChannels / groups, groups == inChannels ? " (depthwise)" : "");
        }
    }

    private static AsciiGrid.Legend legendFor(PaddingMode mode) {
        return ExplainWindows.paddedInput(mode == PaddingMode.ZEROS ? '.' : '~');
    }

    private static List<String> paddingNotes(PaddingMode mode) {
        List<String> notes = new ArrayList<>();
        switch (mode) {
            case ZEROS -> notes.add(". padding cells read 0");
            case REFLECT -> notes.add("~ padding cells mirror the input without repeating the edge (reflect)");
            case REPLICATE -> notes.add("~ padding cells repeat the edge cell (replicate)");
            case CIRCULAR -> notes.add("~ padding cells wrap around to the other side (circular)");
        }
        return notes;
    }
}
