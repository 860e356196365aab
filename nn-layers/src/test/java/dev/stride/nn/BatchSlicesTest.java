package dev.stride.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A batch of more than 16 images runs in 16-image slices through layer replicas ({@link BatchSlices}):
 * the output and the gradients (parameters and input) match the whole-batch ones within float
 * rounding, gradients accumulate across backward calls, and all of it is bitwise the same at 1 and 2
 * threads. Shapes include a partial last slice.
 */
class BatchSlicesTest {
    private static Sequential net(Ops ops) {
        SplittableRandom rng = new SplittableRandom(7);
        return new Sequential(ops,
                new Conv2d(Conv2dParams.builder(2, 5, 3).padding(1).build(), rng),
                ActivationLayer.relu(),
                new MaxPool2d(2),
                new Conv2d(Conv2dParams.builder(5, 7, 3).build(), rng),
                ActivationLayer.tanh(),
                new Flatten(),
                new Linear(7 * 4 * 4, 11, rng),
                ActivationLayer.relu(),
                new Linear(11, 4, rng));
    }

    /** Forward and backward layer by layer (no slicing), on the given ops. */
    private static Tensor[] whole(Sequential net, Ops ops, Tensor x, Tensor g) {
        Tensor h = x;
        for (Layer l : net.layers()) h = l.forward(ops, h);
        Tensor gi = g;
        for (int i = net.layers().size() - 1; i >= 0; i--) gi = net.layer(i).backward(ops, gi);
        return new Tensor[] {h, gi};
    }

    @Test
    void slicedMatchesWholeAndIsThreadIndependent() {
        for (int batch : new int[] {17, 40, 64}) {
            Tensor x = Tensor.uniform(batch, -1, 1, batch, 2, 12, 12);
            Tensor g = Tensor.uniform(batch + 1L, -1, 1, batch, 4);
            Sequential ref = net(Stride.vector(1));
            Tensor[] expected = whole(ref, Stride.vector(1), x, g);
            Sequential[] sliced = {net(Stride.vector(1)), net(Stride.vector(2))};
            Tensor[] outs = new Tensor[2], gins = new Tensor[2];
            for (int t = 0; t < 2; t++) {
                outs[t] = sliced[t].forward(x);
                gins[t] = sliced[t].backward(g);
                // A second step accumulates into the same gradients, as PyTorch does until zero_grad.
                sliced[t].forward(x);
                sliced[t].backward(g);
            }
            assertTrue(outs[0].allClose(expected[0], 1e-5f, 1e-5f), "forward output vs the unsliced run, batch " + batch);
            assertTrue(outs[0].bitwiseEquals(outs[1]) && gins[0].bitwiseEquals(gins[1]), "1 vs 2 threads, batch " + batch);
            assertTrue(gins[0].allClose(expected[1], 1e-5f, 1e-4f), "input gradient, batch " + batch);
            List<Parameter> p1 = sliced[0].parameters(), p2 = sliced[1].parameters(), pr = ref.parameters();
            for (int i = 0; i < pr.size(); i++) {
                assertTrue(p1.get(i).grad().bitwiseEquals(p2.get(i).grad()), "grad " + i + " 1 vs 2 threads, batch " + batch);
                Tensor twice = pr.get(i).grad().copy();
                for (int e = 0; e < twice.size(); e++) twice.data()[e] *= 2;
                assertTrue(p1.get(i).grad().allClose(twice, 1e-4f, 1e-4f),
                        "grad " + i + " after two steps vs twice the unsliced one, batch " + batch + ": max diff "
                                + p1.get(i).grad().maxAbsDiff(twice));
            }
        }
    }

    @Test
    void optimizerStepsReachEverySlice() {
        Sequential net = net(Stride.vector(2));
        Tensor x = Tensor.uniform(3, -1, 1, 40, 2, 12, 12);
        Tensor before = net.forward(x);
        for (Parameter p : net.parameters()) p.value().data()[0] += 0.5f;
        Tensor after = net.forward(x);
        Tensor[] expected = whole(net, Stride.vector(1), x, Tensor.zeros(40, 4));
        assertFalse(before.bitwiseEquals(after));
        assertTrue(after.allClose(expected[0], 1e-5f, 1e-5f), "every slice must see the updated weights");
    }

    @Test
    void wrongGradientShapeAndWrongInputAreReportedAsUsual() {
        Sequential net = net(Stride.vector(2));
        net.forward(Tensor.zeros(20, 2, 12, 12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.backward(Tensor.zeros(20, 5)));
        assertTrue(e.getMessage().contains("grad_output"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(20, 3, 12, 12)));
    }
}
