package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.Layer;
import dev.stride.nn.MaxPool2d;
import dev.stride.nn.Models;
import dev.stride.nn.Sequential;
import dev.stride.nn.data.Dataset;
import dev.stride.nn.data.Mnist;
import dev.stride.nn.loss.CrossEntropyLoss;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LeNet-5 through the layers on the vectorized kernels against the reference: logits, loss and every
 * parameter's gradient for real digits, random initialisations and random batches. Runs at every forced
 * vector width (see tests/pom.xml). Tolerances are relative to the largest reference value, as float32
 * kernels summing in another order differ by rounding only. Examples where a max-pool window holds two
 * different positive values within rounding of each other are skipped: there the engines may legitimately pick
 * different maxima (the reference rounds a double sum, the kernels sum in float), which routes a
 * gradient to another pixel and is not a kernel error (seed 828 with 4 digits is such a case).
 */
class NnVectorPropertyTest {
    private static Dataset digits;

    @BeforeAll
    static void load() throws IOException { digits = Mnist.embedded().slice(0, 200); }

    private record Run(Tensor logits, float loss, Map<String, Tensor> grads) {}

    private static Run run(Ops ops, long seed, int[] idx) {
        Sequential net = Models.lenet5(ops, seed);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor logits = net.forward(digits.batchImages(idx));
        float loss = ce.forward(ops, logits, digits.batchLabels(idx));
        net.backward(ce.backward(ops));
        return new Run(logits, loss, net.namedGradients());
    }

    private static void assertNear(String what, Tensor expected, Tensor actual, float rel) {
        float scale = 0;
        for (float v : expected.data()) scale = Math.max(scale, Math.abs(v));
        float diff = expected.maxAbsDiff(actual);
        assertTrue(diff <= rel * Math.max(scale, 1e-6f), what + ": max difference " + diff + " vs scale " + scale);
    }

    /**
     * True when some max-pool window of the reference forward has two different positive values within 1e-5
     * relative at the top. Exact ties are not counted: they come from identical sums (the bias over the blank
     * background), which both engines compute identically; about 5% of examples are skipped.
     */
    private static boolean poolHasNearTie(long seed, int[] idx) {
        Ops ops = Stride.reference();
        Sequential net = Models.lenet5(ops, seed);
        Tensor x = digits.batchImages(idx);
        for (Layer layer : net.layers()) {
            if (layer instanceof MaxPool2d pool && windowsNearTie(x, pool.params())) return true;
            x = layer.forward(ops, x);
        }
        return false;
    }

    private static boolean windowsNearTie(Tensor x, MaxPool2dParams p) {
        int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3);
        int[] out = p.outputShape(x.shape());
        for (int plane = 0; plane < planes; plane++)
            for (int oh = 0; oh < out[2]; oh++)
                for (int ow = 0; ow < out[3]; ow++) {
                    float first = Float.NEGATIVE_INFINITY, second = Float.NEGATIVE_INFINITY;
                    for (int kh = 0; kh < p.kernelH(); kh++)
                        for (int kw = 0; kw < p.kernelW(); kw++) {
                            int ih = oh * p.strideH() - p.paddingH() + kh * p.dilationH();
                            int iw = ow * p.strideW() - p.paddingW() + kw * p.dilationW();
                            if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                            float v = x.data()[(plane * h + ih) * w + iw];
                            if (v > first) { second = first; first = v; } else if (v > second) second = v;
                        }
                    if (first > 0 && first != second && first - second <= 1e-5f * first) return true;
                }
        return false;
    }

    @Test
    void theNearTieTheSkipIsForOccursInRealDigits() {
        int[] idx = new int[4];
        for (int i = 0; i < 4; i++) idx[i] = (828 * 7 + i * 13) % digits.size();
        assertTrue(poolHasNearTie(828, idx), "seed 828, 4 digits: a pool window with a near tie");
        assertFalse(poolHasNearTie(5, new int[] {35, 48, 61}), "seed 5: no near tie");
    }

    @Test
    void lenetForwardAndGradientsMatchTheReference() {
        qt().withExamples(6).forAll(integers().between(0, 1000), integers().between(1, 9), integers().between(1, 2))
            .checkAssert((seed, n, threads) -> {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = (seed * 7 + i * 13) % digits.size();
                if (poolHasNearTie(seed, idx)) return;
                Run ref = run(Stride.reference(), seed, idx);
                Run vec = run(Stride.vector(threads), seed, idx);
                assertNear("logits", ref.logits(), vec.logits(), 1e-4f);
                assertEquals(ref.loss(), vec.loss(), 1e-4f * Math.max(1f, ref.loss()));
                for (String k : ref.grads().keySet()) assertNear("gradient " + k, ref.grads().get(k), vec.grads().get(k), 1e-3f);
            });
    }
}
