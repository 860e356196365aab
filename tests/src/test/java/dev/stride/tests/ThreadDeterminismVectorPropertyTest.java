package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Activation;
import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.CrossEntropyParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import dev.stride.core.Reduction;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Pooling, padding, activations, softmax and cross-entropy give bitwise the same results on 1, 2 and 3
 * threads, forward and backward, on shapes big enough to be split into several tasks (and whose sizes
 * are not multiples of the vector width). Each op runs a few times per thread count, so a result that
 * changed as the JIT compiled the kernels would be caught as well. Also runs at forced widths 0, 128 and
 * 256 (tests/pom.xml).
 */
class ThreadDeterminismVectorPropertyTest {
    private static void same(String what, Function<Ops, Tensor> op) {
        Tensor first = op.apply(Stride.vector(1));
        for (int threads = 1; threads <= 3; threads++) {
            for (int rep = 0; rep < 3; rep++) {
                Tensor t = op.apply(Stride.vector(threads));
                assertTrue(first.bitwiseEquals(t), what + " differs on " + threads + " threads (run " + rep + ")");
            }
        }
    }

    @Test
    void poolingAndPadding() {
        Tensor x = VectorCompare.values(1, true, 2, 5, 37, 53);
        Tensor xf = PoolGen.values(2, 2, 5, 37, 53);
        MaxPool2dParams mp = new MaxPool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true);
        AvgPool2dParams ap = new AvgPool2dParams(3, 2, 1, 2, 1, 1, true, false, 0);
        AdaptivePool2dParams ad = new AdaptivePool2dParams(5, 7);
        Tensor gm = PoolGen.values(3, mp.outputShape(x.shape()));
        Tensor ga = PoolGen.values(4, ap.outputShape(x.shape()));
        Tensor gd = PoolGen.values(5, ad.outputShape(x.shape()));
        same("max_pool2d", o -> o.maxPool2d(x, mp));
        same("max_pool2d 3x3/2", o -> o.maxPool2d(xf, MaxPool2dParams.of(3, 2, 1)));
        same("avg_pool2d 2x2/2", o -> o.avgPool2d(x, AvgPool2dParams.of(2, 2, 0)));
        // even width, a multiple of 16: the fast 2x2/2 kernel's flat loop, with NaN and +-inf in its input
        Tensor xe = VectorCompare.values(6, true, 2, 3, 20, 64);
        same("avg_pool2d 2x2/2 flat", o -> o.avgPool2d(xe, AvgPool2dParams.of(2, 2, 0)));
        same("avg_pool2d", o -> o.avgPool2d(x, ap));
        same("adaptive_avg_pool2d", o -> o.adaptiveAvgPool2d(x, ad));
        same("max_pool2d backward", o -> o.maxPool2dBackward(xf, gm, mp));
        same("avg_pool2d backward", o -> o.avgPool2dBackward(x.shape(), ga, ap));
        same("adaptive_avg_pool2d backward", o -> o.adaptiveAvgPool2dBackward(x.shape(), gd, ad));
        same("adaptive_max_pool2d backward", o -> o.adaptiveMaxPool2dBackward(xf, gd, ad));
        long[] idx = Stride.vector(1).maxPool2dWithIndices(x, mp).indices();
        for (int t = 2; t <= 3; t++) assertArrayEquals(idx, Stride.vector(t).maxPool2dWithIndices(x, mp).indices());
        Pad2dParams pad = Pad2dParams.of(3, -2, 2, 4, PadMode.REFLECT);
        same("pad", o -> o.pad(x, pad));
        Tensor gp = PoolGen.values(6, pad.outputShape(x.shape()));
        same("pad backward", o -> o.padBackward(x.shape(), gp, pad));
    }

    @Test
    void activationsSoftmaxAndCrossEntropy() {
        Tensor x = VectorCompare.values(7, true, 3, 40001);
        Tensor g = PoolGen.values(8, 3, 40001);
        for (Activation a : ActivationVectorPropertyTest.KINDS) {
            same(a + " forward", o -> o.activation(x, a));
            same(a + " backward", o -> o.activationBackward(x, g, a));
        }
        Tensor z = PoolGen.values(9, 300, 37, 5);
        Tensor gz = PoolGen.values(10, 300, 37, 5);
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            same("softmax dim " + d, o -> o.softmax(z, d));
            same("log_softmax dim " + d, o -> o.logSoftmax(z, d));
            same("softmax backward dim " + d, o -> o.softmaxBackward(z, gz, d));
            same("log_softmax backward dim " + d, o -> o.logSoftmaxBackward(z, gz, d));
        }
        Tensor logits = PoolGen.values(11, 500, 37);
        int[] targets = new int[500];
        for (int i = 0; i < targets.length; i++) targets[i] = (i * 7) % 37;
        CrossEntropyParams p = new CrossEntropyParams(Reduction.MEAN, 0.1f, 3, null);
        same("cross_entropy", o -> o.crossEntropy(logits, targets, p));
        same("cross_entropy backward", o -> o.crossEntropyBackward(logits, targets, Tensor.scalar(1f), p));
    }
}
