package dev.stride.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Conv1dParams;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.AvgPool1dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayersTest {
    private static final Ops REF = Stride.reference();
    @TempDir Path dir;

    @Test
    void lenetHasPyTorchStateDictNamesAndParameterCount() {
        Sequential net = Models.lenet5(REF, 1);
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias",
                "11.weight", "11.bias"), List.copyOf(net.stateDict().keySet()));
        assertEquals(61_706, net.parameterCount());
        assertArrayEquals(new int[] {6, 1, 5, 5}, net.stateDict().get("0.weight").shape());
        assertArrayEquals(new int[] {120, 400}, net.stateDict().get("7.weight").shape());
        String s = net.summary(64, 1, 28, 28);
        assertTrue(s.contains("[64, 6, 28, 28]") && s.contains("[64, 16, 5, 5]") && s.contains("[64, 400]")
                && s.contains("48,120") && s.contains("61,706"), s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.summary(1, 3, 28, 28));
        assertTrue(e.getMessage().contains("layer 0"), e.getMessage());
    }

    @Test
    void initialisationIsSeededAndFollowsPyTorchBounds() {
        Map<String, Tensor> a = Models.lenet5(REF, 9).stateDict(), b = Models.lenet5(REF, 9).stateDict();
        Map<String, Tensor> c = Models.lenet5(REF, 10).stateDict();
        for (String k : a.keySet()) {
            assertTrue(a.get(k).bitwiseEquals(b.get(k)), k);
            assertFalse(a.get(k).bitwiseEquals(c.get(k)), k);
        }
        // kaiming_uniform(a=sqrt(5)) and the bias both give U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        assertBound(a.get("0.weight"), 1 / Math.sqrt(25));
        assertBound(a.get("0.bias"), 1 / Math.sqrt(25));
        assertBound(a.get("3.weight"), 1 / Math.sqrt(150));
        assertBound(a.get("7.weight"), 1 / Math.sqrt(400));
        assertBound(a.get("11.bias"), 1 / Math.sqrt(84));
        Tensor w = a.get("7.weight");
        double sq = 0;
        for (float v : w.data()) sq += v * v;
        double expectedVar = Math.pow(2 / Math.sqrt(400), 2) / 12; // variance of U(-b, b) is b^2/3
        assertEquals(expectedVar, sq / w.size(), expectedVar * 0.05);
        Tensor x = Init.xavierUniform(new SplittableRandom(1), 1.0, 30, 20);
        assertBound(x, Math.sqrt(6.0 / 50));
        assertEquals(10 * 9, Init.fanIn(new int[] {4, 10, 3, 3}));
        assertEquals(4 * 9, Init.fanOut(new int[] {4, 10, 3, 3}));
    }

    private static void assertBound(Tensor t, double bound) {
        float max = 0;
        for (float v : t.data()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound, "max " + max + " exceeds " + bound);
        if (t.size() >= 100) assertTrue(max > 0.9 * bound, "max " + max + " should come near the bound " + bound);
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInEval() {
        BatchNorm2d bn = new BatchNorm2d(2);
        float[] v = {1, 2, 3, 4, /* ch 1 */ 10, 10, 10, 14, /* n=1 ch 0 */ 5, 6, 7, 8, /* ch 1 */ 0, 0, 0, 2};
        Tensor x = Tensor.of(v, 2, 2, 2, 2);
        Tensor y = bn.forward(REF, x);
        // channel 0 holds 1..8: mean 4.5, biased variance 5.25, unbiased 6.
        assertEquals((1 - 4.5) / Math.sqrt(5.25 + 1e-5), y.data()[0], 1e-5);
        assertEquals(0.9 * 0 + 0.1 * 4.5, bn.runningMean().data()[0], 1e-6);
        assertEquals(0.9 * 1 + 0.1 * 6.0, bn.runningVar().data()[0], 1e-6);
        assertEquals(1, bn.batchesTracked());
        bn.setTraining(false);
        Tensor z = bn.forward(REF, x);
        assertEquals((1 - 0.45) / Math.sqrt(1.5 + 1e-5), z.data()[0], 1e-5);
        assertEquals(1, bn.batchesTracked());
        assertThrows(IllegalArgumentException.class, () -> bn.forward(REF, Tensor.zeros(2, 3, 2, 2)));
        BatchNorm2d single = new BatchNorm2d(1);
        assertThrows(IllegalArgumentException.class, () -> single.forward(REF, Tensor.zeros(1, 1, 1, 1)));
        Sequential net = new Sequential(REF, new BatchNorm2d(3));
        assertEquals(List.of("0.weight", "0.bias", "0.running_mean", "0.running_var", "0.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        assertEquals(0, net.stateDict().get("0.num_batches_tracked").rank());
    }

    @Test
    void dropoutIsSeededScaledAndTheIdentityInEval() {
        Tensor x = Tensor.full(1f, 10_000);
        Dropout d = new Dropout(0.25f, 7);
        Tensor y = d.forward(REF, x);
        int zeros = 0;
        for (float v : y.data()) {
            if (v == 0) zeros++;
            else assertEquals(1 / 0.75f, v, 0f);
        }
        assertEquals(2500, zeros, 150);
        Tensor g = d.backward(REF, Tensor.full(2f, 10_000));
        for (int i = 0; i < g.size(); i++) assertEquals(y.data()[i] * 2f, g.data()[i], 0f);
        assertTrue(y.bitwiseEquals(new Dropout(0.25f, 7).forward(REF, x)), "same seed, same mask");
        Sequential net = new Sequential(REF, new Dropout(0.5f, 1));
        net.eval();
        assertTrue(net.forward(x).bitwiseEquals(x));
        assertEquals(0f, new Dropout(1f, 1).forward(REF, x).data()[5]);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f, 1));
    }

    @Test
    void flattenReshapesAndRestores() {
        Flatten f = new Flatten();
        Tensor x = Tensor.uniform(1, 0, 1, 2, 3, 4, 5);
        Tensor y = f.forward(REF, x);
        assertArrayEquals(new int[] {2, 60}, y.shape());
        assertArrayEquals(new int[] {2, 3, 4, 5}, f.backward(REF, y).shape());
        assertArrayEquals(new int[] {2, 12, 5}, new Flatten(1, 2).outputShape(new int[] {2, 3, 4, 5}));
        assertThrows(IllegalArgumentException.class, () -> new Flatten(5, 6).outputShape(new int[] {2, 3}));
    }

    @Test
    void otherLayersHaveTheirShapesAndNamedParameters() {
        SplittableRandom rng = new SplittableRandom(2);
        Sequential net = new Sequential(REF,
                new ConvTranspose2d(new ConvTranspose2dParams(3, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, true), rng),
                new AdaptiveAvgPool2d(2, 3),
                new Flatten(1, 2),
                new Conv1d(Conv1dParams.of(8, 2, 2), rng),
                new MaxPool1d(MaxPool1dParams.of(1)),
                new AvgPool1d(AvgPool1dParams.of(1)));
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(net.stateDict().keySet()));
        assertArrayEquals(new int[] {3, 4, 3, 3}, net.stateDict().get("0.weight").shape()); // [in, out/groups, kH, kW]
        String s = net.summary(1, 3, 5, 5);
        assertTrue(s.contains("[1, 4, 10, 10]") && s.contains("[1, 8, 3]") && s.contains("[1, 2, 2]"), s);
    }

    @Test
    void backwardBeforeForwardIsAnIllegalState() {
        Linear l = new Linear(2, 2, new SplittableRandom(1));
        assertThrows(IllegalStateException.class, () -> l.backward(REF, Tensor.zeros(1, 2)));
        assertThrows(IllegalStateException.class, () -> new MaxPool2d(2).backward(REF, Tensor.zeros(1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> l.forward(REF, Tensor.zeros(1, 3)));
    }

    @Test
    void weightsSurviveASafetensorsRoundTripAndMismatchesNameFileAndTensor() throws IOException {
        Sequential a = Models.lenet5(REF, 1), b = Models.lenet5(REF, 2);
        Path f = dir.resolve("lenet.safetensors");
        a.save(f, Map.of("format", "pt"));
        b.load(f);
        for (var e : a.stateDict().entrySet()) assertTrue(e.getValue().bitwiseEquals(b.stateDict().get(e.getKey())), e.getKey());

        SplittableRandom rng = new SplittableRandom(1);
        Sequential other = new Sequential(REF, new Conv2d(Conv2dParams.builder(1, 7, 5).padding(2).build(), rng));
        Tensor before = other.stateDict().get("0.weight").copy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("0.weight")
                && e.getMessage().contains("[6, 1, 5, 5]") && e.getMessage().contains("[7, 1, 5, 5]"), e.getMessage());
        assertTrue(before.bitwiseEquals(other.stateDict().get("0.weight")), "a failed load must not change the model");
        Sequential bigger = new Sequential(REF, new Flatten(), new Linear(3, 3, rng)); // "1.weight" is not in the file
        assertTrue(assertThrows(IllegalArgumentException.class, () -> bigger.load(f)).getMessage().contains("missing"));
    }

    @Test
    void batchNormStatisticsAreSavedAndRestored() throws IOException {
        Sequential a = new Sequential(REF, new BatchNorm2d(3)), b = new Sequential(REF, new BatchNorm2d(3));
        a.forward(Tensor.uniform(4, -2, 3, 2, 3, 4, 4));
        a.forward(Tensor.uniform(5, -2, 3, 2, 3, 4, 4));
        Path f = dir.resolve("bn.safetensors");
        a.save(f, null);
        b.load(f);
        for (var e : a.stateDict().entrySet()) assertTrue(e.getValue().bitwiseEquals(b.stateDict().get(e.getKey())), e.getKey());
        assertEquals(2, ((BatchNorm2d) b.layer(0)).batchesTracked());
        Tensor x = Tensor.uniform(6, -1, 1, 1, 3, 2, 2);
        assertTrue(a.eval().forward(x).bitwiseEquals(b.eval().forward(x)));
    }
}
