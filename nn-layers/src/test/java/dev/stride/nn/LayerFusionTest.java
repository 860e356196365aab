package dev.stride.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Replicas joined by {@link LayerFusion} ({@code Conv2d -> ReLU [-> MaxPool2d(2)]} in one pass) compute
 * what the same replicas compute one layer at a time: forward outputs, input gradients and parameter
 * gradients bit for bit (NaN-free data), in training mode, in evaluation mode (the pooled map alone),
 * and for a backward after an evaluation-mode forward (the activated output recomputed). Networks:
 * LeNet-5 on 28x28 (both pools fused on 512-bit vectors), and shapes the fused pool does not take
 * (odd maps, a relu not followed by a pool, a conv followed by tanh) where only the relu is fused.
 */
class LayerFusionTest {
    private static List<Layer> replicas(Sequential net, boolean fused, boolean training) {
        List<Layer> rs = new ArrayList<>();
        for (Layer l : net.layers()) {
            Layer r = l.replica();
            r.setTraining(training);
            rs.add(r);
        }
        if (fused) LayerFusion.link(rs);
        return rs;
    }

    private static Sequential odd(Ops ops) {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(ops,
                new Conv2d(Conv2dParams.builder(3, 6, 5).padding(2).build(), rng),
                ActivationLayer.relu(),
                new MaxPool2d(2),
                new Conv2d(Conv2dParams.builder(6, 16, 3).build(), rng),
                ActivationLayer.relu(),
                new Conv2d(Conv2dParams.builder(16, 5, 3).build(), rng),
                ActivationLayer.tanh(),
                new Flatten());
    }

    /** Forward (and backward when {@code grad} is set) through the replicas; returns outputs and gradients. */
    private static List<Tensor> run(List<Layer> rs, Tensor x, long gradSeed, boolean backward) {
        Ops one = Stride.vector(1);
        List<Tensor> results = new ArrayList<>();
        Tensor h = x;
        for (Layer l : rs) h = l.forward(one, h);
        results.add(h.copy());
        if (backward) {
            Tensor g = Tensor.uniform(gradSeed, -1, 1, h.shape());
            for (int i = rs.size() - 1; i >= 0; i--) g = rs.get(i).backward(one, g);
            results.add(g);
            for (Layer l : rs) for (Parameter p : l.parameters()) results.add(p.grad().copy());
        }
        return results;
    }

    private static void checkSame(Sequential net, int[] inputShape) {
        Tensor x = Tensor.uniform(11, -1, 1, inputShape);
        for (boolean training : new boolean[] {true, false}) {
            List<Tensor> plain = run(replicas(net, false, training), x, 5, true);
            List<Tensor> fused = run(replicas(net, true, training), x, 5, true);
            assertEquals(plain.size(), fused.size());
            for (int i = 0; i < plain.size(); i++) {
                assertTrue(plain.get(i).bitwiseEquals(fused.get(i)),
                        (i == 0 ? "output" : i == 1 ? "input gradient" : "parameter gradient " + (i - 2))
                                + " differs, training=" + training);
            }
            // Forward alone (the evaluation path writes only the pooled map), twice: buffers are reused.
            List<Layer> rs = replicas(net, true, training);
            run(rs, Tensor.uniform(12, -1, 1, inputShape), 0, false);
            assertTrue(run(rs, x, 0, false).get(0).bitwiseEquals(plain.get(0)), "second forward, training=" + training);
        }
    }

    @Test
    void lenetFusedEqualsLayerByLayer() {
        checkSame(Models.lenet5(Stride.vector(1), 1), new int[] {16, 1, 28, 28});
        checkSame(Models.lenet5(Stride.vector(1), 2), new int[] {3, 1, 28, 28});
    }

    @Test
    void otherShapesFuseOnlyWhatTheyCan() {
        checkSame(odd(Stride.vector(1)), new int[] {4, 3, 15, 13});
        checkSame(odd(Stride.vector(1)), new int[] {2, 3, 28, 28});
    }

    @Test
    void fusedReluBackwardBeforeForwardIsAnError() {
        List<Layer> rs = replicas(Models.lenet5(Stride.vector(1), 1), true, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> rs.get(1).backward(Stride.vector(1), Tensor.zeros(1, 6, 28, 28)));
        assertTrue(e.getMessage().contains("backward called before forward"), e.getMessage());
    }

    /** The model's sliced path uses the fusion: its outputs equal unfused replicas run slice by slice. */
    @Test
    void slicedModelUsesTheFusion() {
        Sequential net = Models.lenet5(Stride.vector(2), 4).eval();
        Tensor x = Tensor.uniform(21, 0, 1, 40, 1, 28, 28);
        Tensor y = net.forward(x);
        List<Layer> rs = replicas(net, false, false);
        for (int s = 0; s < 3; s++) {
            int m = Math.min(16, 40 - 16 * s);
            Tensor slice = Tensor.wrap(java.util.Arrays.copyOfRange(x.data(), s * 16 * 784, (s * 16 + m) * 784), m, 1, 28, 28);
            Tensor expected = run(rs, slice, 0, false).get(0);
            float[] got = java.util.Arrays.copyOfRange(y.data(), s * 16 * 10, (s * 16 + m) * 10);
            assertTrue(Tensor.wrap(got, m, 10).bitwiseEquals(expected), "slice " + s);
        }
    }
}
