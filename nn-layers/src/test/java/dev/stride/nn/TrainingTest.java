package dev.stride.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.data.Dataset;
import dev.stride.nn.data.Mnist;
import dev.stride.nn.loss.CrossEntropyLoss;
import dev.stride.nn.optim.Adam;
import dev.stride.nn.optim.LrSchedule;
import dev.stride.nn.optim.Sgd;
import dev.stride.nn.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LeNet-5 learns: a small batch is overfitted, and training is bitwise reproducible across thread counts. */
class TrainingTest {
    static Dataset digits;

    @BeforeAll
    static void load() throws IOException { digits = Mnist.embedded().slice(0, 320); }

    @Test
    void aSmallBatchIsOverfitted() {
        Sequential net = Models.lenet5(Stride.vector(2), 5);
        Dataset batch = digits.slice(0, 8);
        Adam adam = Adam.adam(net.parameters(), 3e-3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor x = batch.images();
        int[] y = batch.labels();
        float first = Float.NaN, loss = Float.NaN;
        int steps = 0;
        for (; steps < 150; steps++) {
            adam.zeroGrad();
            loss = ce.forward(net.ops(), net.forward(x), y);
            if (steps == 0) first = loss;
            if (loss < 0.01f) break;
            net.backward(ce.backward(net.ops()));
            adam.step();
        }
        assertTrue(first > 1.5f, "an untrained net should be near chance (ln 10 = 2.3), got " + first);
        assertTrue(loss < 0.01f, "loss should fall below 0.01 within 150 steps, got " + loss + " after " + steps);
    }

    private static Map<String, Tensor> trainOneEpoch(int threads) {
        Sequential net = Models.lenet5(Stride.vector(threads), 42);
        Sgd sgd = new Sgd(net.parameters(), 0.05, 0.9, 0, 1e-4, true);
        Trainer t = new Trainer(net, sgd, LrSchedule.constant(), 32, 42);
        t.trainEpoch(digits.slice(0, 256), 0, null);
        return net.stateDict();
    }

    @Test
    void sameSeedGivesBitwiseIdenticalWeightsOnOneAndTwoThreads() {
        Map<String, Tensor> one = trainOneEpoch(1), two = trainOneEpoch(2);
        Map<String, Tensor> untrained = Models.lenet5(Stride.vector(1), 42).stateDict();
        assertEquals(one.keySet(), two.keySet());
        for (String k : one.keySet()) {
            assertTrue(one.get(k).bitwiseEquals(two.get(k)), k + " differs between 1 and 2 threads");
            assertFalse(one.get(k).bitwiseEquals(untrained.get(k)), k + " did not change in training");
        }
    }

    @Test
    void fitLogsOneLinePerEpochAndLearns() {
        Sequential net = Models.lenet5(Stride.vector(2), 3);
        Trainer t = new Trainer(net, Adam.adam(net.parameters(), 2e-3), LrSchedule.cosine(2, 0), 32, 3);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var results = t.fit(digits.slice(0, 256), digits.slice(256, 320), 2, new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        String log = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, results.size());
        assertTrue(log.contains("epoch 1/2") && log.contains("epoch 2/2") && log.contains("test acc"), log);
        assertFalse(log.contains("\r"), "no carriage returns when not on a terminal");
        assertTrue(results.get(1).trainLoss() < results.get(0).trainLoss(), "training loss should fall: " + results);
        assertEquals(0.002 * 0.5, results.get(1).lr(), 1e-12, "cosine schedule, epoch 2 of 2");
    }
}
