package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.reference.ConvReference;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The weight and bias gradients of small stride-1 convolutions (few channels, 1..5 kernels, rows from
 * narrower than to wider than a vector, batches across several 8-image chunks): within the error bound
 * of the reference, and bitwise the same at 1 and 2 threads. These shapes take the direct dot-product
 * path where a row holds a whole vector and the chunked GEMM otherwise. Also runs at forced widths.
 */
class ConvWeightGradVectorPropertyTest {
    record Case(Conv2dParams params, int[] inputShape, int seed) {
        @Override public String toString() { return params + " input " + Arrays.toString(inputShape) + " seed " + seed; }
    }

    private static Gen<Case> cases() {
        Gen<Integer> channels = Generate.pick(List.of(1, 2, 3, 6, 16));
        return in -> {
            int k = integers().between(1, 5).generate(in), pad = integers().between(0, 2).generate(in);
            Conv2dParams p = Conv2dParams.builder(channels.generate(in), channels.generate(in), k).padding(pad)
                    .dilation(integers().between(1, 2).generate(in)).bias(Generate.booleans().generate(in)).build();
            int span = (k - 1) * p.dilationH() + 1;
            int h = integers().between(Math.max(1, span - 2 * pad), 12).generate(in);
            int w = integers().between(Math.max(1, span - 2 * pad), 40).generate(in);
            return new Case(p, new int[] {integers().between(1, 19).generate(in), p.inChannels(), h, w},
                    integers().between(0, 1 << 20).generate(in));
        };
    }

    @Test
    void weightGradientWithinBoundAndThreadIndependent() {
        qt().withExamples(40).forAll(cases()).checkAssert(c -> check(c.params(), c.inputShape(), c.seed()));
    }

    @Test
    void lenetShapes() {
        check(Conv2dParams.builder(1, 6, 5).padding(2).build(), new int[] {17, 1, 28, 28}, 1);
        check(Conv2dParams.builder(6, 16, 5).build(), new int[] {17, 6, 14, 14}, 2);
    }

    private static void check(Conv2dParams p, int[] shape, int seed) {
        Tensor x = Tensor.uniform(seed, -1, 1, shape);
        Tensor w = Tensor.uniform(seed + 1L, -1, 1, p.weightShape());
        Tensor g = Tensor.uniform(seed + 2L, -1, 1, p.outputShape(shape));
        ConvGradients one = Stride.vector(1).conv2dBackward(x, w, g, p, false);
        ConvGradients two = Stride.vector(2).conv2dBackward(x, w, g, p, false);
        String what = p + " " + Arrays.toString(shape);
        assertTrue(one.gradWeight().bitwiseEquals(two.gradWeight()), "grad_weight, 1 vs 2 threads: " + what);
        ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
        ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
        int[] out = p.outputShape(shape);
        long positions = (long) out[0] * out[2] * out[3];
        ErrorBound.check("grad_weight", what, one.gradWeight(), r.gradWeight(), s.gradWeight(), positions);
        if (p.bias()) {
            assertTrue(one.gradBias().bitwiseEquals(two.gradBias()), "grad_bias, 1 vs 2 threads: " + what);
            ErrorBound.check("grad_bias", what, one.gradBias(), r.gradBias(), s.gradBias(), positions);
        }
    }
}
