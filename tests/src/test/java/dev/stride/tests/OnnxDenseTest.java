package dev.stride.tests;

import static dev.stride.tests.OnnxDiff.assertClose;
import static dev.stride.tests.OnnxDiff.forEachEngine;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.*;
import dev.stride.nn.onnx.OnnxSingleOp;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential tests against ONNX Runtime of the dense ops: {@code Gemm} with {@code transB=1} (PyTorch's
 * linear; MatMul+Add for inputs of rank 3), {@code Softmax} and {@code LogSoftmax} along any axis
 * (opset 13+ semantics: one axis, as PyTorch's dim), the activations and {@code Pad} in every mode.
 */
class OnnxDenseTest {
    private static final int CASES = 40;

    private static int[] randomShape(SplittableRandom r, int minRank, int maxRank) {
        int[] s = new int[r.nextInt(minRank, maxRank + 1)];
        for (int i = 0; i < s.length; i++) s[i] = r.nextInt(1, 6);
        return s;
    }

    @Test
    void gemmTransBIsLinear() {
        qt().withExamples(CASES).withFixedSeed(31).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int in = r.nextInt(1, 20), out = r.nextInt(1, 12);
            int[] shape = r.nextInt(4) == 0 ? new int[] {r.nextInt(1, 3), r.nextInt(1, 4), in} : new int[] {r.nextInt(1, 6), in};
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape), w = Tensor.uniform(r.nextLong(), -1, 1, out, in);
            Tensor b = r.nextBoolean() ? Tensor.uniform(r.nextLong(), -1, 1, out) : null;
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.linear(shape, w, b), x).y();
            forEachEngine(Arrays.toString(shape) + " -> " + out, ops -> assertClose("linear", expected, ops.linear(x, w, b), 1e-5f, 1e-4f));
        });
    }

    @Test
    void softmaxAndLogSoftmaxAlongEveryAxis() {
        qt().withExamples(CASES).withFixedSeed(32).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] shape = randomShape(r, 1, 4);
            int axis = r.nextInt(-shape.length, shape.length);
            // wide range: exercises the max subtraction that keeps exp from overflowing
            Tensor x = Tensor.uniform(r.nextLong(), -40, 40, shape);
            Tensor sm = OnnxRuntimeHarness.run(OnnxSingleOp.softmax(shape, axis), x).y();
            Tensor lsm = OnnxRuntimeHarness.run(OnnxSingleOp.logSoftmax(shape, axis), x).y();
            forEachEngine(Arrays.toString(shape) + " axis " + axis, ops -> {
                assertClose("softmax", sm, ops.softmax(x, axis), 1e-6f, 1e-5f);
                assertClose("log_softmax", lsm, ops.logSoftmax(x, axis), 1e-5f, 1e-5f);
            });
        });
    }

    @Test
    void activations() {
        Activation[] kinds = {Activation.relu(), Activation.sigmoid(), Activation.tanh(), Activation.leakyRelu(0.2f),
                Activation.elu(0.7f), Activation.gelu(), Activation.geluTanh(), Activation.silu(), Activation.softplus(),
                Activation.softplus(2f, 20f)};
        qt().withExamples(CASES).withFixedSeed(33).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] shape = randomShape(r, 1, 4);
            Tensor x = Tensor.uniform(r.nextLong(), -12, 12, shape);
            for (Activation a : kinds) {
                Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.activation(shape, a), x).y();
                forEachEngine(a + " " + Arrays.toString(shape), ops -> assertClose(a.kind().name(), expected, ops.activation(x, a), 1e-6f, 1e-5f));
            }
        });
    }

    @Test
    void padEveryMode() {
        qt().withExamples(CASES).withFixedSeed(34).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] shape = randomShape(r, 2, 4);
            PadMode mode = PadMode.values()[r.nextInt(4)];
            Pad2dParams p;
            while (true) {
                int lo = mode == PadMode.CONSTANT ? -2 : 0;
                try {
                    p = new Pad2dParams(r.nextInt(lo, 4), r.nextInt(lo, 4), r.nextInt(lo, 4), r.nextInt(lo, 4), mode,
                            mode == PadMode.CONSTANT ? (float) r.nextDouble(-2, 2) : 0f);
                    p.outputShape(shape);
                    break;
                } catch (IllegalArgumentException invalid) {
                    shape = randomShape(r, 2, 4);
                }
            }
            Pad2dParams fp = p;
            int[] fs = shape;
            Tensor x = Tensor.uniform(r.nextLong(), -1, 1, shape);
            Tensor expected = OnnxRuntimeHarness.run(OnnxSingleOp.pad(shape, p), x).y();
            forEachEngine(Arrays.toString(fs) + " " + p, ops -> assertClose("pad", expected, ops.pad(x, fp), 0f, 0f));
        });
    }
}
