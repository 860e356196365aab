package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code conv2d(input, weight, bias, p, out)} (the out= variant): on both engines, over every conv
 * parameter ({@link ConvCaseGen#conv2d()}) and the depthwise cases of
 * {@link DepthwiseConvVectorPropertyTest}, writing into an {@code out} that holds NaN gives bitwise the
 * allocating result and returns {@code out}; a null, misshapen or aliased {@code out} is an
 * {@code IllegalArgumentException} naming {@code out}.
 */
class Conv2dOutVectorPropertyTest {
    private static void checkInto(Ops ops, Conv2dParams p, Tensor x, Tensor w, Tensor b, Object what) {
        Tensor expected = ops.conv2d(x, w, b, p);
        Tensor out = Tensor.zeros(expected.shape());
        Arrays.fill(out.data(), Float.NaN);
        assertSame(out, ops.conv2d(x, w, b, p, out), "returns out: " + what);
        assertTrue(out.bitwiseEquals(expected), ops.name() + " out= differs: " + what);
        // A second call into the same (now filled) tensor: nothing may accumulate.
        ops.conv2d(x, w, b, p, out);
        assertTrue(out.bitwiseEquals(expected), ops.name() + " second out= call differs: " + what);
    }

    @Test
    void everyConvIntoOutEqualsTheAllocatingCall() {
        qt().withExamples(40).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            for (Ops ops : new Ops[] {Stride.vector(1), Stride.vector(2), Stride.reference()}) {
                checkInto(ops, c.params(), c.input(), c.weight(), c.bias(), c);
            }
        });
    }

    @Test
    void depthwiseIntoOutEqualsTheAllocatingCall() {
        qt().withExamples(30).forAll(DepthwiseConvVectorPropertyTest.cases()).checkAssert(c ->
                checkInto(Stride.vector(c.threads()), c.params(), c.input(), c.weight(), c.bias(), c));
    }

    @Test
    void badOutIsRejected() {
        Conv2dParams p = Conv2dParams.builder(4, 4, 3).padding(1).groups(4).bias(true).build();
        Tensor x = Tensor.uniform(1, -1, 1, 1, 4, 5, 5), w = Tensor.uniform(2, -1, 1, p.weightShape());
        Tensor b = Tensor.uniform(3, -1, 1, 4);
        for (Ops ops : new Ops[] {Stride.vector(1), Stride.reference()}) {
            String m = assertThrows(IllegalArgumentException.class, () -> ops.conv2d(x, w, b, p, null)).getMessage();
            assertTrue(m.contains("out"), m);
            m = assertThrows(IllegalArgumentException.class,
                    () -> ops.conv2d(x, w, b, p, Tensor.zeros(1, 4, 5, 4))).getMessage();
            assertTrue(m.contains("out shape [1, 4, 5, 4] must be [1, 4, 5, 5]"), m);
            m = assertThrows(IllegalArgumentException.class,
                    () -> ops.conv2d(x, w, b, p, Tensor.wrap(x.data(), 1, 4, 5, 5))).getMessage();
            assertTrue(m.contains("out") && m.contains("input"), m);
        }
    }
}
