package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Activation;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.ActivationLayer;
import dev.stride.nn.AvgPool2d;
import dev.stride.nn.BatchNorm2d;
import dev.stride.nn.Conv2d;
import dev.stride.nn.Dropout;
import dev.stride.nn.Flatten;
import dev.stride.nn.Linear;
import dev.stride.nn.Models;
import dev.stride.nn.Sequential;
import dev.stride.nn.onnx.OnnxExport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A Sequential exported to ONNX computes, in ONNX Runtime, what Stride computes for it. */
class OnnxExportTest {
    @Test
    void exportedLeNetMatchesStrideInOnnxRuntime() {
        Sequential net = Models.lenet5(Stride.vector(1), 7).eval();
        Tensor x = Tensor.uniform(3, 0, 1, 5, 1, 28, 28);
        Tensor expected = net.forward(x);
        Tensor ort = OnnxRuntimeHarness.run(OnnxExport.sequential(net, 5, 1, 28, 28), x).y();
        assertArrayEquals(expected.shape(), ort.shape());
        assertTrue(ort.allClose(expected, 1e-4f, 1e-4f), "max |diff| " + ort.maxAbsDiff(expected));
    }

    @Test
    void exportCoversAvgPoolDropoutAndOtherActivations() {
        SplittableRandom rng = new SplittableRandom(4);
        Sequential net = new Sequential(Stride.reference(),
                new Conv2d(Conv2dParams.builder(2, 4, 3).padding(1).build(), rng),
                new ActivationLayer(Activation.tanh()),
                new AvgPool2d(new AvgPool2dParams(3, 3, 2, 2, 1, 1, true, false, 0)),
                new Dropout(0.5f, 1),
                new Flatten(),
                new Linear(4 * 5 * 5, 3, rng),
                new ActivationLayer(Activation.sigmoid())).eval();
        Tensor x = Tensor.uniform(5, -1, 1, 2, 2, 9, 9);
        Tensor expected = net.forward(x);
        Tensor ort = OnnxRuntimeHarness.run(OnnxExport.sequential(net, 2, 2, 9, 9), x).y();
        assertTrue(ort.allClose(expected, 1e-5f, 1e-4f), "max |diff| " + ort.maxAbsDiff(expected));
    }

    @Test
    void unsupportedLayersAreNamed() {
        Sequential net = new Sequential(Stride.reference(), new BatchNorm2d(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.sequential(net, 1, 3, 4, 4));
        assertTrue(e.getMessage().contains("layer 0"), e.getMessage());
    }
}
