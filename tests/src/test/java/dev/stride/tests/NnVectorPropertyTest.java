package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
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
 * kernels summing in another order differ by rounding only.
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

    @Test
    void lenetForwardAndGradientsMatchTheReference() {
        qt().withExamples(6).forAll(integers().between(0, 1000), integers().between(1, 9), integers().between(1, 2))
            .checkAssert((seed, n, threads) -> {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = (seed * 7 + i * 13) % digits.size();
                Run ref = run(Stride.reference(), seed, idx);
                Run vec = run(Stride.vector(threads), seed, idx);
                assertNear("logits", ref.logits(), vec.logits(), 1e-4f);
                assertEquals(ref.loss(), vec.loss(), 1e-4f * Math.max(1f, ref.loss()));
                for (String k : ref.grads().keySet()) assertNear("gradient " + k, ref.grads().get(k), vec.grads().get(k), 1e-3f);
            });
    }
}
