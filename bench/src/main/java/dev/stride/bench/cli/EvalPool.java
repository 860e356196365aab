package dev.stride.bench.cli;

import dev.stride.bench.cli.EvalConv.Batched;
import dev.stride.core.*;
import java.io.IOException;

/**
 * {@code ./stride eval} for max/avg pooling (1-D and 2-D) and adaptive pooling, with PyTorch's defaults
 * (stride = kernel_size, padding 0, dilation 1, floor mode, count_include_pad true). Max-pool indices
 * ({@code --indices-out}) are PyTorch's: int64, flat within each input plane.
 */
final class EvalPool {
    private EvalPool() {}

    private static final String[] GRAD = {"grad-input-out"};

    static void maxPool2d(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Batched in = Batched.of(c.tensor("input"), 4, "max_pool2d", "[N, C, H, W] or [C, H, W]");
        int[] k = c.pair("kernel-size", null), s = c.pair("stride", k), p = c.pair("padding", new int[] {0, 0});
        int[] d = c.pair("dilation", new int[] {1, 1});
        MaxPool2dParams params = new MaxPool2dParams(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], c.args().bool("ceil-mode"));
        int[] out = params.outputShape(in.t().shape());
        MaxPoolResult r = c.ops().maxPool2dWithIndices(in.t(), params);
        c.result("out", in.unbatch(r.output()));
        c.indices("indices-out", r.indices(), in.unbatch(r.output()).shape());
        if (c.backward()) {
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            c.result("grad-input-out", in.unbatch(c.ops().maxPool2dBackward(in.t(), g, params)));
        }
    }

    static void maxPool1d(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Batched in = Batched.of(c.tensor("input"), 3, "max_pool1d", "[N, C, L] or [C, L]");
        int k = c.single("kernel-size", null);
        MaxPool1dParams params = new MaxPool1dParams(k, c.single("stride", k), c.single("padding", 0), c.single("dilation", 1),
                c.args().bool("ceil-mode"));
        int[] out = params.outputShape(in.t().shape());
        MaxPoolResult r = c.ops().maxPool1dWithIndices(in.t(), params);
        c.result("out", in.unbatch(r.output()));
        c.indices("indices-out", r.indices(), in.unbatch(r.output()).shape());
        if (c.backward()) {
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            c.result("grad-input-out", in.unbatch(c.ops().maxPool1dBackward(in.t(), g, params)));
        }
    }

    static void avgPool2d(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Batched in = Batched.of(c.tensor("input"), 4, "avg_pool2d", "[N, C, H, W] or [C, H, W]");
        int[] k = c.pair("kernel-size", null), s = c.pair("stride", k), p = c.pair("padding", new int[] {0, 0});
        int divisor = c.args().intValue("divisor-override", 0);
        if (c.args().has("divisor-override") && divisor == 0) {
            throw new IllegalArgumentException("option --divisor-override: divisor must be not zero (PyTorch rule)");
        }
        AvgPool2dParams params = new AvgPool2dParams(k[0], k[1], s[0], s[1], p[0], p[1], c.args().bool("ceil-mode"),
                countIncludePad(c), divisor);
        int[] out = params.outputShape(in.t().shape());
        c.result("out", in.unbatch(c.ops().avgPool2d(in.t(), params)));
        if (c.backward()) {
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            c.result("grad-input-out", in.unbatch(c.ops().avgPool2dBackward(in.t().shape(), g, params)));
        }
    }

    static void avgPool1d(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Batched in = Batched.of(c.tensor("input"), 3, "avg_pool1d", "[N, C, L] or [C, L]");
        int k = c.single("kernel-size", null);
        AvgPool1dParams params = new AvgPool1dParams(k, c.single("stride", k), c.single("padding", 0), c.args().bool("ceil-mode"),
                countIncludePad(c), 0);
        int[] out = params.outputShape(in.t().shape());
        c.result("out", in.unbatch(c.ops().avgPool1d(in.t(), params)));
        if (c.backward()) {
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            c.result("grad-input-out", in.unbatch(c.ops().avgPool1dBackward(in.t().shape(), g, params)));
        }
    }

    /** PyTorch's default is true, unlike ONNX's 0. */
    private static boolean countIncludePad(EvalContext c) {
        return !c.args().has("count-include-pad") || c.args().bool("count-include-pad");
    }

    /** {@code --output-size s | h,w}, where {@code none} keeps that input dimension (PyTorch's None). */
    private static AdaptivePool2dParams outputSize(EvalContext c, Tensor input) {
        String text = c.word("output-size", "");
        if (text.isEmpty()) throw new IllegalArgumentException("option --output-size is required for " + c.op());
        String[] parts = text.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("option --output-size: '" + text + "' has " + parts.length + " values; expected s|h,w");
        }
        int[] size = new int[2];
        for (int i = 0; i < 2; i++) {
            String part = parts[Math.min(i, parts.length - 1)].trim();
            if (part.equals("none")) {
                size[i] = input.dim(2 + i);
            } else {
                size[i] = Args.parseInt("output-size", part);
            }
        }
        return new AdaptivePool2dParams(size[0], size[1]);
    }

    static void adaptiveAvgPool2d(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Batched in = Batched.of(c.tensor("input"), 4, "adaptive_avg_pool2d", "[N, C, H, W] or [C, H, W]");
        AdaptivePool2dParams params = outputSize(c, in.t());
        int[] out = params.outputShape(in.t().shape());
        c.result("out", in.unbatch(c.ops().adaptiveAvgPool2d(in.t(), params)));
        if (c.backward()) {
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            c.result("grad-input-out", in.unbatch(c.ops().adaptiveAvgPool2dBackward(in.t().shape(), g, params)));
        }
    }

    static void adaptiveMaxPool2d(EvalContext c) throws IOException {
        c.checkOutputs(GRAD);
        Batched in = Batched.of(c.tensor("input"), 4, "adaptive_max_pool2d", "[N, C, H, W] or [C, H, W]");
        AdaptivePool2dParams params = outputSize(c, in.t());
        int[] out = params.outputShape(in.t().shape());
        MaxPoolResult r = c.ops().adaptiveMaxPool2d(in.t(), params);
        c.result("out", in.unbatch(r.output()));
        c.indices("indices-out", r.indices(), in.unbatch(r.output()).shape());
        if (c.backward()) {
            Tensor g = in.batch(c.tensor("grad-out"), "grad-out", out);
            c.result("grad-input-out", in.unbatch(c.ops().adaptiveMaxPool2dBackward(in.t(), g, params)));
        }
    }
}
