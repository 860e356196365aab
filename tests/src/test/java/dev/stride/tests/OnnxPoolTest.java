package dev.stride.tests;

import static dev.stride.tests.OnnxDiff.assertClose;
import static dev.stride.tests.OnnxDiff.forEachEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.*;
import dev.stride.nn.onnx.OnnxLayers;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of pooling against ONNX Runtime: {@code MaxPool} (ceil_mode, dilations, pads, the
 * Indices output mapped from ONNX's flat N*C*H*W indices to PyTorch's per-plane ones), {@code AveragePool}
 * (count_include_pad both ways, written explicitly since ONNX's default 0 is not PyTorch's true; ceil_mode;
 * divisor_override through its sum-pool mapping), {@code GlobalAveragePool} and {@code GlobalMaxPool}.
 */
class OnnxPoolTest {
    private static final int CASES = 50;

    /** A random input shape and its data; values are distinct with probability 1, so argmax indices agree. */
    private static int[] shape(SplittableRandom r) {
        return new int[] {r.nextInt(1, 3), r.nextInt(1, 4), r.nextInt(1, 10), r.nextInt(1, 10)};
    }

    @Test
    void maxPoolWithIndicesCeilModeDilation() {
        qt().withExamples(CASES).withFixedSeed(21).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            MaxPool2dParams p;
            int[] shape;
            while (true) {
                int kh = r.nextInt(1, 5), kw = r.nextInt(1, 5);
                try {
                    p = new MaxPool2dParams(kh, kw, r.nextInt(1, 4), r.nextInt(1, 4), r.nextInt(0, kh / 2 + 1),
                            r.nextInt(0, kw / 2 + 1), r.nextInt(1, 3), r.nextInt(1, 3), r.nextBoolean());
                    shape = shape(r);
                    p.outputShape(shape);
                    break;
                } catch (IllegalArgumentException invalid) {
                    // output below 1 or padding past half the kernel: draw again
                }
            }
            MaxPool2dParams fp = p;
            int[] fs = shape;
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape);
            OnnxRuntimeHarness.Outputs ort = OnnxRuntimeHarness.run(OnnxSingleOp.maxPool2d(shape, p, true), x);
            long[] torchIdx = OnnxLayers.torchIndices(ort.indices(), shape);
            forEachEngine(Arrays.toString(shape) + " " + p, ops -> {
                MaxPoolResult res = ops.maxPool2dWithIndices(x, fp);
                assertClose("max_pool2d", ort.y(), res.output(), 0f, 0f);
                assertArrayEquals(torchIdx, res.indices(), "max_pool2d indices (ONNX flat indices mod H*W)");
                assertClose("max_pool2d without indices", ort.y(), ops.maxPool2d(x, fp), 0f, 0f);
            });
            assertArrayEquals(ort.y().shape(), p.outputShape(fs));
        });
    }

    @Test
    void averagePoolCountIncludePadBothWaysAndCeilMode() {
        qt().withExamples(CASES).withFixedSeed(22).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AvgPool2dParams p = avgParams(r, false);
            int[] shape = validShape(r, p);
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.avgPool2d(shape, p), x).y();
            forEachEngine(Arrays.toString(shape) + " " + p, ops -> assertClose("avg_pool2d", expected, ops.avgPool2d(x, p), 1e-6f, 1e-5f));
        });
    }

    @Test
    void averagePoolDivisorOverrideThroughSumPool() {
        qt().withExamples(30).withFixedSeed(23).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AvgPool2dParams p = avgParams(r, true);
            int[] shape = validShape(r, p);
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.avgPool2d(shape, p), x).y();
            forEachEngine(Arrays.toString(shape) + " " + p, ops -> assertClose("avg_pool2d", expected, ops.avgPool2d(x, p), 1e-6f, 1e-5f));
        });
    }

    private static AvgPool2dParams avgParams(SplittableRandom r, boolean divisor) {
        int kh = r.nextInt(1, 5), kw = r.nextInt(1, 5);
        return new AvgPool2dParams(kh, kw, r.nextInt(1, 4), r.nextInt(1, 4), r.nextInt(0, kh / 2 + 1), r.nextInt(0, kw / 2 + 1),
                r.nextBoolean(), r.nextBoolean(), divisor ? r.nextInt(1, 10) : 0);
    }

    private static int[] validShape(SplittableRandom r, AvgPool2dParams p) {
        while (true) {
            int[] s = shape(r);
            try {
                p.outputShape(s);
                return s;
            } catch (IllegalArgumentException tooSmall) {
                // draw another input size
            }
        }
    }

    @Test
    void globalPools() {
        qt().withExamples(CASES).withFixedSeed(24).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] shape = shape(r);
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape);
            Tensor avg = OnnxRuntimeHarness.run(OnnxSingleOp.globalAveragePool(shape), x).y();
            Tensor max = OnnxRuntimeHarness.run(OnnxSingleOp.globalMaxPool(shape), x).y();
            forEachEngine(Arrays.toString(shape), ops -> {
                assertClose("global average pool", avg, ops.adaptiveAvgPool2d(x, AdaptivePool2dParams.global()), 1e-6f, 1e-5f);
                assertClose("global max pool", max, ops.adaptiveMaxPool2d(x, AdaptivePool2dParams.global()).output(), 0f, 0f);
            });
        });
    }

    /** The benchmark pools (P1 max 3x3/2 pad 1, P2 avg 2x2/2), scaled to 32 channels of 28x28 so the vector paths run. */
    @Test
    void benchmarkPoolShapes() {
        int[] shape = {1, 32, 28, 28};
        Tensor x = Tensor.uniform(7, -1, 1, shape);
        MaxPool2dParams mp = MaxPool2dParams.of(3, 2, 1);
        OnnxRuntimeHarness.Outputs max = OnnxRuntimeHarness.run(OnnxSingleOp.maxPool2d(shape, mp, true), x);
        AvgPool2dParams ap = AvgPool2dParams.of(2);
        Tensor avg = OnnxRuntimeHarness.run(OnnxSingleOp.avgPool2d(shape, ap), x).y();
        forEachEngine("benchmark pools", ops -> {
            MaxPoolResult r = ops.maxPool2dWithIndices(x, mp);
            assertClose("max_pool2d", max.y(), r.output(), 0f, 0f);
            assertArrayEquals(OnnxLayers.torchIndices(max.indices(), shape), r.indices());
            assertClose("avg_pool2d", avg, ops.avgPool2d(x, ap), 1e-6f, 1e-5f);
        });
    }
}
