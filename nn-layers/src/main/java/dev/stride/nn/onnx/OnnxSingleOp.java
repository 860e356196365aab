package dev.stride.nn.onnx;

import dev.stride.core.*;

/**
 * Complete one-op ONNX models for a fixed input shape: graph input {@code x} (float), output {@code y}
 * (and {@code indices}, int64, for max pooling with indices). Used by the differential tests against
 * ONNX Runtime and by the peer benchmarks. Output shapes come from Stride's parameter records, so an
 * invalid combination is the records' {@link IllegalArgumentException}.
 */
public final class OnnxSingleOp {
    /** Name of the graph input. */
    public static final String INPUT = "x";
    /** Name of the graph output. */
    public static final String OUTPUT = "y";
    /** Name of the max-pool indices output. */
    public static final String INDICES = "indices";

    private OnnxSingleOp() {}

    private static OnnxGraph graph(String op, int[] inputShape) {
        return new OnnxGraph("stride_" + op).input(OnnxValueInfo.floats(INPUT, inputShape));
    }

    public static byte[] conv2d(int[] inputShape, Conv2dParams p, Tensor weight, Tensor bias) {
        int[] out = p.outputShape(inputShape);
        OnnxGraph g = graph("conv2d", inputShape);
        OnnxLayers.conv2d(g, INPUT, OUTPUT, p, weight, bias);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }

    /** Conv with {@code auto_pad}; {@code p}'s padding should be {@link Padding2d#onnxAuto}'s for the same mode. */
    public static byte[] conv2dAutoPad(int[] inputShape, Conv2dParams p, Padding2d.AutoPad mode, Tensor weight, Tensor bias) {
        int[] out = p.outputShape(inputShape);
        OnnxGraph g = graph("conv2d", inputShape);
        OnnxLayers.conv2dAutoPad(g, INPUT, OUTPUT, p, mode, weight, bias);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }

    public static byte[] convTranspose2d(int[] inputShape, ConvTranspose2dParams p, Tensor weight, Tensor bias) {
        int[] out = p.outputShape(inputShape);
        OnnxGraph g = graph("conv_transpose2d", inputShape);
        OnnxLayers.convTranspose2d(g, INPUT, OUTPUT, p, weight, bias);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }

    /** MaxPool; with {@code withIndices} a second output {@code indices} (ONNX's flat N*C*H*W indices). */
    public static byte[] maxPool2d(int[] inputShape, MaxPool2dParams p, boolean withIndices) {
        int[] out = p.outputShape(inputShape);
        OnnxGraph g = graph("max_pool2d", inputShape);
        OnnxLayers.maxPool2d(g, INPUT, OUTPUT, withIndices ? INDICES : null, p);
        g.output(poolOutput(OnnxValueInfo.floats(OUTPUT, out), p.ceilMode()));
        if (withIndices) g.output(poolOutput(OnnxValueInfo.int64(INDICES, out), p.ceilMode()));
        return g.toModelBytes();
    }

    public static byte[] avgPool2d(int[] inputShape, AvgPool2dParams p) {
        int[] out = p.outputShape(inputShape);
        OnnxGraph g = graph("avg_pool2d", inputShape);
        OnnxLayers.avgPool2d(g, INPUT, OUTPUT, p, inputShape);
        return g.output(poolOutput(OnnxValueInfo.floats(OUTPUT, out), p.ceilMode())).toModelBytes();
    }

    /**
     * ONNX's shape inference lacks PyTorch's ceil-mode rule (the last window must start inside the input or
     * the left padding) that ONNX Runtime's kernels follow; in ceil mode the spatial sizes are declared
     * symbolic so the declared shape never contradicts the inferred one.
     */
    private static OnnxValueInfo poolOutput(OnnxValueInfo v, boolean ceilMode) {
        return ceilMode ? v.symbolicFrom(2) : v;
    }

    public static byte[] globalAveragePool(int[] inputShape) {
        int[] out = AdaptivePool2dParams.global().outputShape(inputShape);
        OnnxGraph g = graph("global_avg_pool", inputShape);
        OnnxLayers.globalAveragePool(g, INPUT, OUTPUT);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }

    public static byte[] globalMaxPool(int[] inputShape) {
        int[] out = AdaptivePool2dParams.global().outputShape(inputShape);
        OnnxGraph g = graph("global_max_pool", inputShape);
        OnnxLayers.globalMaxPool(g, INPUT, OUTPUT);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }

    /** {@code linear}: input {@code [..., in]}, weight {@code [out, in]}, bias {@code [out]} or null. */
    public static byte[] linear(int[] inputShape, Tensor weight, Tensor bias) {
        Check.that(inputShape.length >= 1, "linear: input must have at least 1 dimension");
        Check.that(inputShape[inputShape.length - 1] == weight.dim(1), "linear: input features "
                + inputShape[inputShape.length - 1] + " do not match weight in_features " + weight.dim(1));
        int[] out = inputShape.clone();
        out[out.length - 1] = weight.dim(0);
        OnnxGraph g = graph("linear", inputShape);
        OnnxLayers.linear(g, INPUT, OUTPUT, inputShape.length, weight, bias);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }

    public static byte[] softmax(int[] inputShape, int axis) {
        Tensor.normalizeDim(axis, inputShape.length, "axis");
        OnnxGraph g = graph("softmax", inputShape);
        OnnxLayers.softmax(g, INPUT, OUTPUT, axis);
        return g.output(OnnxValueInfo.floats(OUTPUT, inputShape)).toModelBytes();
    }

    public static byte[] logSoftmax(int[] inputShape, int axis) {
        Tensor.normalizeDim(axis, inputShape.length, "axis");
        OnnxGraph g = graph("log_softmax", inputShape);
        OnnxLayers.logSoftmax(g, INPUT, OUTPUT, axis);
        return g.output(OnnxValueInfo.floats(OUTPUT, inputShape)).toModelBytes();
    }

    public static byte[] activation(int[] inputShape, Activation a) {
        OnnxGraph g = graph(a.kind().name().toLowerCase(), inputShape);
        OnnxLayers.activation(g, INPUT, OUTPUT, a);
        return g.output(OnnxValueInfo.floats(OUTPUT, inputShape)).toModelBytes();
    }

    public static byte[] pad(int[] inputShape, Pad2dParams p) {
        int[] out = p.outputShape(inputShape);
        OnnxGraph g = graph("pad", inputShape);
        OnnxLayers.pad(g, INPUT, OUTPUT, inputShape.length, p);
        return g.output(OnnxValueInfo.floats(OUTPUT, out)).toModelBytes();
    }
}
