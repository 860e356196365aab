package dev.stride.nn.onnx;

import dev.stride.core.*;
import java.util.List;

/**
 * Appends ONNX nodes that compute Stride's ops, mapping Stride's parameter records (PyTorch semantics) to
 * ONNX attributes. Each method takes the graph, the name of its input value and the name its output gets,
 * adds any weights as initializers named after the output, and returns the output name so that calls
 * chain into a network.
 *
 * <p>Where ONNX and PyTorch differ the mapping carries the difference: PyTorch's padding modes other than
 * zeros become a {@code Pad} node before {@code Conv}; pools always write {@code count_include_pad}
 * (ONNX's default is 0, PyTorch's true); PyTorch's {@code divisor_override} becomes a depthwise
 * {@code Conv} of ones (a sum pool) scaled by {@code 1/divisor}; {@code linear} is {@code Gemm} with
 * {@code transB=1} on 2-D inputs. Max-pool indices from ONNX are flat over {@code N*C*H*W}; see
 * {@link #torchIndices}.
 */
public final class OnnxLayers {
    private OnnxLayers() {}

    /** {@code Conv} (after a {@code Pad} node for reflect/replicate/circular padding modes). */
    public static String conv2d(OnnxGraph g, String x, String y, Conv2dParams p, Tensor weight, Tensor bias) {
        weight.requireShape("weight", p.weightShape());
        Padding2d pad = p.padding();
        String in = x;
        if (p.paddingMode() != PaddingMode.ZEROS) {
            in = g.freshName(y + "_padded");
            padNode(g, x, in, 4, pad.left(), pad.right(), pad.top(), pad.bottom(), p.paddingMode().toPadMode(), 0f);
            pad = Padding2d.of(0);
        }
        return convNode(g, in, y, p, weight, bias, List.of(
                OnnxAttribute.ints("pads", pad.top(), pad.left(), pad.bottom(), pad.right())));
    }

    /**
     * {@code Conv} with ONNX's {@code auto_pad} (SAME_UPPER, SAME_LOWER or VALID) instead of explicit pads;
     * {@code p} should carry the padding {@link Padding2d#onnxAuto} resolves the mode to, for the same result.
     */
    public static String conv2dAutoPad(OnnxGraph g, String x, String y, Conv2dParams p, Padding2d.AutoPad mode,
                                       Tensor weight, Tensor bias) {
        Check.that(p.paddingMode() == PaddingMode.ZEROS, "auto_pad needs padding_mode zeros, got " + p.paddingMode());
        Check.that(mode != Padding2d.AutoPad.NOTSET, "auto_pad NOTSET: use conv2d with explicit pads");
        return convNode(g, x, y, p, weight, bias, List.of(OnnxAttribute.of("auto_pad", mode.name())));
    }

    private static String convNode(OnnxGraph g, String x, String y, Conv2dParams p, Tensor weight, Tensor bias,
                                   List<OnnxAttribute> padAttrs) {
        String w = y + "_weight";
        g.initializer(OnnxInitializer.of(w, weight));
        String b = "";
        if (bias != null) {
            bias.requireShape("bias", p.outChannels());
            b = y + "_bias";
            g.initializer(OnnxInitializer.of(b, bias));
        }
        List<OnnxAttribute> attrs = new java.util.ArrayList<>(List.of(
                OnnxAttribute.ints("kernel_shape", p.kernelH(), p.kernelW()),
                OnnxAttribute.ints("strides", p.strideH(), p.strideW()),
                OnnxAttribute.ints("dilations", p.dilationH(), p.dilationW()),
                OnnxAttribute.of("group", p.groups())));
        attrs.addAll(padAttrs);
        g.node("Conv", bias == null ? List.of(x, w) : List.of(x, w, b), List.of(y), attrs.toArray(OnnxAttribute[]::new));
        return y;
    }

    /**
     * {@code ConvTranspose}; weight {@code [in, out/groups, kH, kW]} as in PyTorch. PyTorch allows an
     * output_padding up to the dilation, ONNX Runtime only below the stride: such an axis is written with
     * the output_padding folded into a smaller end pad, or, when the pad is smaller than the output_padding,
     * with the missing rows added by a {@code Pad} node (they receive no taps, so only the bias, added
     * after the pad, reaches them).
     */
    public static String convTranspose2d(OnnxGraph g, String x, String y, ConvTranspose2dParams p, Tensor weight, Tensor bias) {
        weight.requireShape("weight", p.weightShape());
        if (bias != null) bias.requireShape("bias", p.outChannels());
        int[] h = transposeAxis(p.paddingH(), p.outputPaddingH(), p.strideH());
        int[] w = transposeAxis(p.paddingW(), p.outputPaddingW(), p.strideW());
        boolean extraRows = h[3] > 0 || w[3] > 0;
        String wName = y + "_weight";
        g.initializer(OnnxInitializer.of(wName, weight));
        String convOut = extraRows ? g.freshName(y + "_unpadded") : y;
        List<String> inputs = List.of(x, wName);
        if (bias != null && !extraRows) {
            g.initializer(OnnxInitializer.of(y + "_bias", bias));
            inputs = List.of(x, wName, y + "_bias");
        }
        g.node("ConvTranspose", inputs, List.of(convOut),
                OnnxAttribute.ints("kernel_shape", p.kernelH(), p.kernelW()),
                OnnxAttribute.ints("strides", p.strideH(), p.strideW()),
                OnnxAttribute.ints("dilations", p.dilationH(), p.dilationW()),
                OnnxAttribute.ints("pads", h[0], w[0], h[1], w[1]),
                OnnxAttribute.ints("output_padding", h[2], w[2]),
                OnnxAttribute.of("group", p.groups()));
        if (extraRows) {
            String padded = bias == null ? y : g.freshName(y + "_padded");
            padNode(g, convOut, padded, 4, 0, w[3], 0, h[3], PadMode.CONSTANT, 0f);
            if (bias != null) {
                g.initializer(OnnxInitializer.of(y + "_bias", bias.reshape(p.outChannels(), 1, 1)));
                g.node("Add", List.of(padded, y + "_bias"), List.of(y));
            }
        }
        return y;
    }

    /** {pad begin, pad end, output_padding, extra zero rows} for one axis of a transposed convolution. */
    private static int[] transposeAxis(int pad, int outputPadding, int stride) {
        if (outputPadding < stride) return new int[] {pad, pad, outputPadding, 0};
        if (pad >= outputPadding) return new int[] {pad, pad - outputPadding, 0, 0};
        return new int[] {pad, 0, 0, outputPadding - pad};
    }

    /** {@code MaxPool}; {@code indices} (may be null) receives ONNX's flat {@code N*C*H*W} indices. */
    public static String maxPool2d(OnnxGraph g, String x, String y, String indices, MaxPool2dParams p) {
        g.node("MaxPool", indices == null ? List.of(x) : List.of(x), indices == null ? List.of(y) : List.of(y, indices),
                OnnxAttribute.ints("kernel_shape", p.kernelH(), p.kernelW()),
                OnnxAttribute.ints("strides", p.strideH(), p.strideW()),
                OnnxAttribute.ints("dilations", p.dilationH(), p.dilationW()),
                OnnxAttribute.ints("pads", p.paddingH(), p.paddingW(), p.paddingH(), p.paddingW()),
                OnnxAttribute.of("ceil_mode", p.ceilMode() ? 1 : 0),
                OnnxAttribute.of("storage_order", 0));
        return y;
    }

    /**
     * Average pooling with PyTorch's semantics: {@code AveragePool} with {@code count_include_pad} written
     * explicitly; with a divisor override, a sum pool (depthwise {@code Conv} of ones over {@code channels}
     * channels, end padding extended to PyTorch's output size in ceil mode) times {@code 1/divisor}.
     */
    public static String avgPool2d(OnnxGraph g, String x, String y, AvgPool2dParams p, int[] inputShape) {
        if (!p.hasDivisorOverride()) {
            g.node("AveragePool", List.of(x), List.of(y),
                    OnnxAttribute.ints("kernel_shape", p.kernelH(), p.kernelW()),
                    OnnxAttribute.ints("strides", p.strideH(), p.strideW()),
                    OnnxAttribute.ints("pads", p.paddingH(), p.paddingW(), p.paddingH(), p.paddingW()),
                    OnnxAttribute.of("ceil_mode", p.ceilMode() ? 1 : 0),
                    OnnxAttribute.of("count_include_pad", p.countIncludePad() ? 1 : 0));
            return y;
        }
        int[] out = p.outputShape(inputShape);
        int channels = inputShape[1];
        // Zero cells add nothing to a sum, so extra end padding reproduces ceil mode's last windows exactly.
        int extraH = Math.max(0, (out[2] - 1) * p.strideH() + p.kernelH() - (inputShape[2] + 2 * p.paddingH()));
        int extraW = Math.max(0, (out[3] - 1) * p.strideW() + p.kernelW() - (inputShape[3] + 2 * p.paddingW()));
        String ones = y + "_ones", sum = g.freshName(y + "_sum"), scale = y + "_scale";
        g.initializer(OnnxInitializer.of(ones, Tensor.full(1f, channels, 1, p.kernelH(), p.kernelW())));
        g.initializer(OnnxInitializer.of(scale, Tensor.scalar(1f / p.divisorOverride())));
        g.node("Conv", List.of(x, ones), List.of(sum),
                OnnxAttribute.ints("kernel_shape", p.kernelH(), p.kernelW()),
                OnnxAttribute.ints("strides", p.strideH(), p.strideW()),
                OnnxAttribute.ints("pads", p.paddingH(), p.paddingW(), p.paddingH() + extraH, p.paddingW() + extraW),
                OnnxAttribute.of("group", channels));
        g.node("Mul", List.of(sum, scale), List.of(y));
        return y;
    }

    public static String globalAveragePool(OnnxGraph g, String x, String y) {
        g.node("GlobalAveragePool", List.of(x), List.of(y));
        return y;
    }

    public static String globalMaxPool(OnnxGraph g, String x, String y) {
        g.node("GlobalMaxPool", List.of(x), List.of(y));
        return y;
    }

    /**
     * {@code y = x W^T + b}: {@code Gemm} with {@code transB=1} when the input is 2-D, else {@code MatMul}
     * with the transposed weight and {@code Add}.
     */
    public static String linear(OnnxGraph g, String x, String y, int inputRank, Tensor weight, Tensor bias) {
        weight.requireRank("weight", 2);
        if (bias != null) bias.requireShape("bias", weight.dim(0));
        String w = y + "_weight";
        if (inputRank == 2) {
            g.initializer(OnnxInitializer.of(w, weight));
            if (bias == null) {
                g.node("Gemm", List.of(x, w), List.of(y), OnnxAttribute.of("transB", 1));
            } else {
                g.initializer(OnnxInitializer.of(y + "_bias", bias));
                g.node("Gemm", List.of(x, w, y + "_bias"), List.of(y), OnnxAttribute.of("transB", 1));
            }
            return y;
        }
        int out = weight.dim(0), in = weight.dim(1);
        Tensor wt = Tensor.zeros(in, out);
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) wt.data()[i * out + o] = weight.data()[o * in + i];
        g.initializer(OnnxInitializer.of(w, wt));
        if (bias == null) {
            g.node("MatMul", List.of(x, w), List.of(y));
        } else {
            String mm = g.freshName(y + "_matmul");
            g.node("MatMul", List.of(x, w), List.of(mm));
            g.initializer(OnnxInitializer.of(y + "_bias", bias));
            g.node("Add", List.of(mm, y + "_bias"), List.of(y));
        }
        return y;
    }

    public static String softmax(OnnxGraph g, String x, String y, int axis) {
        g.node("Softmax", List.of(x), List.of(y), OnnxAttribute.of("axis", axis));
        return y;
    }

    public static String logSoftmax(OnnxGraph g, String x, String y, int axis) {
        g.node("LogSoftmax", List.of(x), List.of(y), OnnxAttribute.of("axis", axis));
        return y;
    }

    /** {@code Flatten} from axis 1 (as {@code nn.Flatten}). */
    public static String flatten(OnnxGraph g, String x, String y) {
        g.node("Flatten", List.of(x), List.of(y), OnnxAttribute.of("axis", 1));
        return y;
    }

    /**
     * An activation: Relu, LeakyRelu, Elu, Sigmoid, Tanh; GELU (both forms) as {@code Gelu} (opset 20);
     * SiLU as {@code x * Sigmoid(x)}; softplus as {@code Softplus(beta*x)/beta} (ONNX has no threshold: past
     * it PyTorch is linear, which differs from softplus by less than {@code exp(-threshold)}).
     */
    public static String activation(OnnxGraph g, String x, String y, Activation a) {
        switch (a.kind()) {
            case RELU -> g.node("Relu", List.of(x), List.of(y));
            case LEAKY_RELU -> g.node("LeakyRelu", List.of(x), List.of(y), OnnxAttribute.of("alpha", a.alpha()));
            case ELU -> g.node("Elu", List.of(x), List.of(y), OnnxAttribute.of("alpha", a.alpha()));
            case SIGMOID -> g.node("Sigmoid", List.of(x), List.of(y));
            case TANH -> g.node("Tanh", List.of(x), List.of(y));
            case GELU, GELU_TANH -> {
                g.requireOpset(20);
                g.node("Gelu", List.of(x), List.of(y),
                        OnnxAttribute.of("approximate", a.kind() == Activation.Kind.GELU ? "none" : "tanh"));
            }
            case SILU -> {
                String s = g.freshName(y + "_sigmoid");
                g.node("Sigmoid", List.of(x), List.of(s));
                g.node("Mul", List.of(x, s), List.of(y));
            }
            case SOFTPLUS -> {
                if (a.beta() == 1f) {
                    g.node("Softplus", List.of(x), List.of(y));
                } else {
                    String beta = y + "_beta", scaled = g.freshName(y + "_scaled"), sp = g.freshName(y + "_softplus");
                    g.initializer(OnnxInitializer.of(beta, Tensor.scalar(a.beta())));
                    g.node("Mul", List.of(x, beta), List.of(scaled));
                    g.node("Softplus", List.of(scaled), List.of(sp));
                    g.node("Div", List.of(sp, beta), List.of(y));
                }
            }
        }
        return y;
    }

    /** {@code Pad} of the last two dimensions of a rank-{@code rank} input; circular needs opset 19 ({@code wrap}). */
    public static String pad(OnnxGraph g, String x, String y, int rank, Pad2dParams p) {
        padNode(g, x, y, rank, p.left(), p.right(), p.top(), p.bottom(), p.mode(), p.value());
        return y;
    }

    private static void padNode(OnnxGraph g, String x, String y, int rank, int left, int right, int top, int bottom,
                                PadMode mode, float value) {
        Check.that(rank >= 2, "pad: rank " + rank + " must be at least 2");
        long[] pads = new long[2 * rank];
        pads[rank - 2] = top;
        pads[rank - 1] = left;
        pads[2 * rank - 2] = bottom;
        pads[2 * rank - 1] = right;
        String padsName = y + "_pads";
        g.initializer(OnnxInitializer.int64(padsName, pads, pads.length));
        String onnxMode = switch (mode) {
            case CONSTANT -> "constant";
            case REFLECT -> "reflect";
            case REPLICATE -> "edge";
            case CIRCULAR -> {
                g.requireOpset(19);
                yield "wrap";
            }
        };
        if (mode == PadMode.CONSTANT) {
            String v = y + "_value";
            g.initializer(OnnxInitializer.of(v, Tensor.scalar(value)));
            g.node("Pad", List.of(x, padsName, v), List.of(y), OnnxAttribute.of("mode", onnxMode));
        } else {
            g.node("Pad", List.of(x, padsName), List.of(y), OnnxAttribute.of("mode", onnxMode));
        }
    }

    /**
     * ONNX MaxPool indices (flat over {@code N*C*H*W}, row-major storage order) as PyTorch's (flat within
     * each {@code H*W} plane) for an input of shape {@code inputShape} ({@code [N, C, H, W]}).
     */
    public static long[] torchIndices(long[] onnxIndices, int[] inputShape) {
        Check.that(inputShape.length == 4, "input shape must be NCHW");
        long plane = (long) inputShape[2] * inputShape[3];
        long[] r = new long[onnxIndices.length];
        for (int i = 0; i < r.length; i++) r[i] = onnxIndices[i] % plane;
        return r;
    }
}
