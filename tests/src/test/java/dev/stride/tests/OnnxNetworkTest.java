package dev.stride.tests;

import static dev.stride.tests.OnnxDiff.assertClose;
import static dev.stride.tests.OnnxDiff.forEachEngine;

import dev.stride.core.*;
import dev.stride.nn.onnx.OnnxGraph;
import dev.stride.nn.onnx.OnnxLayers;
import dev.stride.nn.onnx.OnnxSingleOp;
import dev.stride.nn.onnx.OnnxValueInfo;
import org.junit.jupiter.api.Test;

/**
 * A whole network through the ONNX writer: LeNet-5 (conv-relu-pool twice, flatten, three linear layers,
 * log_softmax) built node by node with {@link OnnxLayers}, run by ONNX Runtime and compared with the same
 * chain of Stride ops; the graph the benchmarks use for their LeNet-5 peer.
 */
class OnnxNetworkTest {
    @Test
    void leNet5MatchesTheSameChainOfStrideOps() {
        int batch = 3;
        Conv2dParams c1 = Conv2dParams.builder(1, 6, 5).padding(2).build();
        Conv2dParams c2 = Conv2dParams.builder(6, 16, 5).build();
        MaxPool2dParams pool = MaxPool2dParams.of(2);
        Tensor w1 = Tensor.normal(1, 0.2f, c1.weightShape()), b1 = Tensor.normal(2, 0.1f, 6);
        Tensor w2 = Tensor.normal(3, 0.08f, c2.weightShape()), b2 = Tensor.normal(4, 0.1f, 16);
        Tensor f1 = Tensor.normal(5, 0.05f, 120, 400), g1 = Tensor.normal(6, 0.1f, 120);
        Tensor f2 = Tensor.normal(7, 0.09f, 84, 120), g2 = Tensor.normal(8, 0.1f, 84);
        Tensor f3 = Tensor.normal(9, 0.1f, 10, 84), g3 = Tensor.normal(10, 0.1f, 10);
        Tensor x = Tensor.uniform(11, 0, 1, batch, 1, 28, 28);

        OnnxGraph g = new OnnxGraph("lenet5").input(OnnxValueInfo.floats(OnnxSingleOp.INPUT, batch, 1, 28, 28));
        String v = OnnxLayers.conv2d(g, OnnxSingleOp.INPUT, "conv1", c1, w1, b1);
        v = OnnxLayers.activation(g, v, "relu1", Activation.relu());
        v = OnnxLayers.maxPool2d(g, v, "pool1", null, pool);
        v = OnnxLayers.conv2d(g, v, "conv2", c2, w2, b2);
        v = OnnxLayers.activation(g, v, "relu2", Activation.relu());
        v = OnnxLayers.maxPool2d(g, v, "pool2", null, pool);
        v = OnnxLayers.flatten(g, v, "flat");
        v = OnnxLayers.linear(g, v, "fc1", 2, f1, g1);
        v = OnnxLayers.activation(g, v, "relu3", Activation.relu());
        v = OnnxLayers.linear(g, v, "fc2", 2, f2, g2);
        v = OnnxLayers.activation(g, v, "relu4", Activation.relu());
        v = OnnxLayers.linear(g, v, "fc3", 2, f3, g3);
        OnnxLayers.logSoftmax(g, v, OnnxSingleOp.OUTPUT, 1);
        g.output(OnnxValueInfo.floats(OnnxSingleOp.OUTPUT, batch, 10));
        Tensor expected = OnnxRuntimeHarness.run(g.toModelBytes(), x).y();

        forEachEngine("LeNet-5", ops -> {
            Activation relu = Activation.relu();
            Tensor h = ops.maxPool2d(ops.activation(ops.conv2d(x, w1, b1, c1), relu), pool);
            h = ops.maxPool2d(ops.activation(ops.conv2d(h, w2, b2, c2), relu), pool);
            h = h.reshape(batch, 400);
            h = ops.activation(ops.linear(h, f1, g1), relu);
            h = ops.activation(ops.linear(h, f2, g2), relu);
            Tensor y = ops.logSoftmax(ops.linear(h, f3, g3), 1);
            assertClose("LeNet-5 log-probabilities", expected, y, 1e-4f, 1e-4f);
        });
    }
}
