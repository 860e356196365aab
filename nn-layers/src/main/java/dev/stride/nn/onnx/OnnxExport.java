package dev.stride.nn.onnx;

import dev.stride.core.Check;
import dev.stride.nn.ActivationLayer;
import dev.stride.nn.AvgPool2d;
import dev.stride.nn.Conv2d;
import dev.stride.nn.Dropout;
import dev.stride.nn.Flatten;
import dev.stride.nn.Layer;
import dev.stride.nn.Linear;
import dev.stride.nn.MaxPool2d;
import dev.stride.nn.Sequential;

/**
 * Exports a {@link Sequential} (in inference form) as an ONNX model whose input is {@link OnnxSingleOp#INPUT}
 * and whose output is {@link OnnxSingleOp#OUTPUT}: the same computation ONNX Runtime can run, e.g. to
 * benchmark a trained network against it or to ship it to another engine.
 *
 * <p>Layers supported: {@code Conv2d}, {@code ActivationLayer}, {@code MaxPool2d}, {@code AvgPool2d},
 * {@code Flatten} (start_dim 1 to the end, as ONNX Flatten's axis 1), {@code Linear}, and {@code Dropout}
 * (the identity at inference). Any other layer is an {@link IllegalArgumentException} naming it and its
 * position.
 */
public final class OnnxExport {
    private OnnxExport() {}

    /** The model for a fixed input shape (the output shape follows from the layers' arithmetic). */
    public static byte[] sequential(Sequential model, int... inputShape) {
        Check.notNull("model", model);
        Check.notNull("inputShape", inputShape);
        if (model.layers().isEmpty()) throw new IllegalArgumentException("model has no layers to export");
        OnnxGraph g = new OnnxGraph("stride_sequential").input(OnnxValueInfo.floats(OnnxSingleOp.INPUT, inputShape));
        String v = OnnxSingleOp.INPUT;
        int[] shape = inputShape.clone();
        int n = model.layers().size();
        for (int i = 0; i < n; i++) {
            Layer layer = model.layer(i);
            String out = i == n - 1 ? OnnxSingleOp.OUTPUT : "l" + i;
            v = switch (layer) {
                case Conv2d c -> OnnxLayers.conv2d(g, v, out, c.params(), c.weight().value(),
                        c.bias() == null ? null : c.bias().value());
                case ActivationLayer a -> OnnxLayers.activation(g, v, out, a.activation());
                case MaxPool2d m -> OnnxLayers.maxPool2d(g, v, out, null, m.params());
                case AvgPool2d a -> OnnxLayers.avgPool2d(g, v, out, a.params(), shape);
                case Flatten f -> {
                    if (f.startDim() != 1 || (f.endDim() != -1 && f.endDim() != shape.length - 1)) {
                        throw new IllegalArgumentException("layer " + i + " " + layer.describe()
                                + ": only Flatten(start_dim=1, end_dim=-1) maps to ONNX Flatten");
                    }
                    yield OnnxLayers.flatten(g, v, out);
                }
                case Linear l -> OnnxLayers.linear(g, v, out, shape.length, l.weight().value(),
                        l.bias() == null ? null : l.bias().value());
                case Dropout d -> {
                    g.node("Identity", java.util.List.of(v), java.util.List.of(out));
                    yield out;
                }
                default -> throw new IllegalArgumentException("layer " + i + " " + layer.describe()
                        + " has no ONNX export yet");
            };
            shape = layer.outputShape(shape);
        }
        return g.output(OnnxValueInfo.floats(OnnxSingleOp.OUTPUT, shape)).toModelBytes();
    }
}
