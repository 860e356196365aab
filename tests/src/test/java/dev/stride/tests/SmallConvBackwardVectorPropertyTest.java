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
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Both gradients of small stride-1 convolutions around LeNet's (input channels 1..8, output channels
 * 1..20, kernels 3 and 5, padding 0..2, batches 1..70 so several 8-image chunks and a partial one,
 * widths with vector tails): the input, weight and bias gradients are within
 * {@code 8 * terms * 2^-24 * sum|a||b|} of the reference and bitwise the same at 1 and 2 threads. At
 * 512 bits these shapes take the small-channel kernels (SmallConvWeightGrad, SmallConvInputGrad); the
 * suite also runs at forced widths, where the same kernels run with 4 and 8 lanes (and the generic path
 * at width 0).
 */
class SmallConvBackwardVectorPropertyTest {
    record Case(Conv2dParams params, int[] inputShape, int seed) {
        @Override public String toString() { return params + " input " + Arrays.toString(inputShape) + " seed " + seed; }
    }

    private static Gen<Case> cases() {
        return in -> {
            int k = Generate.pick(java.util.List.of(3, 5)).generate(in), pad = integers().between(0, 2).generate(in);
            Conv2dParams p = Conv2dParams.builder(integers().between(1, 8).generate(in), integers().between(1, 20).generate(in), k)
                    .padding(pad).bias(Generate.booleans().generate(in)).build();
            int lo = Math.max(1, k - 2 * pad);
            int h = integers().between(lo, 14).generate(in), w = integers().between(lo, 30).generate(in);
            return new Case(p, new int[] {integers().between(1, 70).generate(in), p.inChannels(), h, w},
                    integers().between(0, 1 << 20).generate(in));
        };
    }

    @Test
    void gradientsWithinBoundAndThreadIndependent() {
        qt().withExamples(30).forAll(cases()).checkAssert(c -> check(c.params(), c.inputShape(), c.seed()));
    }

    /** Dilated kernels: the weight gradient's wide-position path reads up to dilation * (k - 1) past a plane. */
    @Test
    void dilatedKernelsWithinBound() {
        qt().withExamples(15).forAll(integers().between(1, 6), integers().between(1, 12), integers().between(0, 5),
                integers().between(0, 1 << 20)).checkAssert((cin, cout, dilPad, seed) -> {
            int dil = 1 + dilPad / 3, pad = dilPad % 3;
            Conv2dParams p = Conv2dParams.builder(cin, cout, 3).padding(pad).dilation(dil).bias(true).build();
            int lo = Math.max(1, 2 * dil + 1 - 2 * pad);
            check(p, new int[] {1 + seed % 20, cin, lo + seed % 9, lo + seed % 23}, seed);
        });
    }

    @Test
    void lenetShapes() {
        check(Conv2dParams.builder(1, 6, 5).padding(2).build(), new int[] {64, 1, 28, 28}, 1);
        check(Conv2dParams.builder(6, 16, 5).build(), new int[] {64, 6, 14, 14}, 2);
        check(Conv2dParams.builder(6, 16, 5).build(), new int[] {3, 6, 14, 14}, 3);
    }

    @Test
    void nonFiniteValuesPropagateAsInTheReference() {
        Conv2dParams p = Conv2dParams.builder(6, 16, 5).build();
        int[] shape = {9, 6, 14, 14};
        Tensor x = Tensor.uniform(4, -1, 1, shape);
        Tensor w = Tensor.uniform(5, -1, 1, p.weightShape());
        Tensor g = Tensor.uniform(6, -1, 1, p.outputShape(shape));
        x.data()[200] = Float.POSITIVE_INFINITY;
        g.data()[123] = Float.NaN;
        g.data()[777] = Float.NEGATIVE_INFINITY;
        ConvGradients v = Stride.vector(2).conv2dBackward(x, w, g, p);
        ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
        assertSameNonFinite("grad_input", v.gradInput(), r.gradInput());
        assertSameNonFinite("grad_weight", v.gradWeight(), r.gradWeight());
    }

    private static void assertSameNonFinite(String what, Tensor a, Tensor b) {
        for (int i = 0; i < a.size(); i++) {
            float u = a.data()[i], v = b.data()[i];
            assertTrue(Float.isNaN(u) == Float.isNaN(v) && (Float.isInfinite(u) == Float.isInfinite(v)),
                    what + " at " + i + ": " + u + " vs reference " + v);
        }
    }

    private static void check(Conv2dParams p, int[] shape, int seed) {
        Tensor x = Tensor.uniform(seed, -1, 1, shape);
        Tensor w = Tensor.uniform(seed + 1L, -1, 1, p.weightShape());
        Tensor g = Tensor.uniform(seed + 2L, -1, 1, p.outputShape(shape));
        ConvGradients one = Stride.vector(1).conv2dBackward(x, w, g, p);
        ConvGradients two = Stride.vector(2).conv2dBackward(x, w, g, p);
        String what = p + " " + Arrays.toString(shape);
        assertTrue(one.gradInput().bitwiseEquals(two.gradInput()), "grad_input, 1 vs 2 threads: " + what);
        assertTrue(one.gradWeight().bitwiseEquals(two.gradWeight()), "grad_weight, 1 vs 2 threads: " + what);
        ConvGradients r = ConvReference.conv2dBackward(x, w, g, p);
        ConvGradients s = ConvReference.conv2dBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), p);
        int[] out = p.outputShape(shape);
        long positions = (long) out[0] * out[2] * out[3];
        ErrorBound.check("grad_input", what, one.gradInput(), r.gradInput(), s.gradInput(),
                (long) p.outChannels() * p.kernelH() * p.kernelW());
        ErrorBound.check("grad_weight", what, one.gradWeight(), r.gradWeight(), s.gradWeight(), positions);
        if (p.bias()) {
            assertTrue(one.gradBias().bitwiseEquals(two.gradBias()), "grad_bias, 1 vs 2 threads: " + what);
            ErrorBound.check("grad_bias", what, one.gradBias(), r.gradBias(), s.gradBias(), positions);
        }
    }
}
