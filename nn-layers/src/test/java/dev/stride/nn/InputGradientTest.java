package dev.stride.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.nn.loss.CrossEntropyLoss;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Sequential#inputGradient(boolean)}: skipping the input gradient changes no parameter gradient. */
class InputGradientTest {
    @Test
    void skippingTheInputGradientGivesBitwiseTheSameParameterGradients() {
        for (Ops ops : new Ops[] {Stride.reference(), Stride.vector(1), Stride.vector(2)}) {
            Sequential skip = Models.lenet5(ops, 4);
            Sequential keep = Models.lenet5(ops, 4).inputGradient(true);
            assertFalse(skip.inputGradient());
            Tensor x = Tensor.uniform(3, 0, 1, 3, 1, 28, 28);
            int[] y = {7, 0, 3};
            assertNull(run(skip, x, y));
            Tensor gx = run(keep, x, y);
            assertArrayEquals(x.shape(), gx.shape());
            boolean nonZero = false;
            for (float v : gx.data()) nonZero |= v != 0f;
            assertTrue(nonZero, "input gradient of " + ops.name() + " is all zero");
            Map<String, Tensor> a = skip.namedGradients(), b = keep.namedGradients();
            for (String k : a.keySet()) assertTrue(a.get(k).bitwiseEquals(b.get(k)), ops.name() + " " + k);
        }
    }

    private static Tensor run(Sequential net, Tensor x, int[] y) {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        net.zeroGrad();
        ce.forward(net.ops(), net.forward(x), y);
        return net.backward(ce.backward(net.ops()));
    }
}
