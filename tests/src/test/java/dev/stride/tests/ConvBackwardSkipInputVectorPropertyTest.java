package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@code Ops.conv2dBackward(..., needInputGradient)}: without the input gradient, the result's
 * {@code gradInput} is null and the weight and bias gradients are bitwise those of the four-argument
 * method (vector at 1 and 2 threads, and the interface's default through the reference); with it, the
 * whole result is bitwise the four-argument one. Also runs at forced vector widths (tests/pom.xml).
 */
class ConvBackwardSkipInputVectorPropertyTest {
    record Case(Conv2dParams params, int[] inputShape, int seed, int threads) {}

    private static Gen<Case> cases() {
        Gen<Integer> channels = Generate.pick(List.of(1, 2, 3, 6, 16, 17));
        return in -> {
            int groups = integers().between(1, 2).generate(in);
            int cin = groups * channels.generate(in), cout = groups * channels.generate(in);
            int k = integers().between(1, 5).generate(in);
            Conv2dParams p = Conv2dParams.builder(cin, cout, k).stride(integers().between(1, 2).generate(in))
                    .padding(integers().between(0, 2).generate(in)).groups(groups)
                    .bias(Generate.booleans().generate(in)).build();
            int h = integers().between(k, 14).generate(in), w = integers().between(k, 14).generate(in);
            return new Case(p, new int[] {integers().between(1, 3).generate(in), cin, h, w},
                    integers().between(0, 1 << 20).generate(in), integers().between(1, 2).generate(in));
        };
    }

    @Test
    void skippingTheInputGradientKeepsTheOtherGradientsBitwise() {
        qt().withExamples(30).forAll(cases()).checkAssert(c -> {
            Conv2dParams p = c.params();
            Tensor x = Tensor.uniform(c.seed(), -1, 1, c.inputShape());
            Tensor w = Tensor.uniform(c.seed() + 1L, -1, 1, p.weightShape());
            Tensor g = Tensor.uniform(c.seed() + 2L, -1, 1, p.outputShape(c.inputShape()));
            for (Ops ops : new Ops[] {Stride.vector(c.threads()), Stride.reference()}) {
                ConvGradients all = ops.conv2dBackward(x, w, g, p);
                ConvGradients skip = ops.conv2dBackward(x, w, g, p, false);
                ConvGradients keep = ops.conv2dBackward(x, w, g, p, true);
                assertNull(skip.gradInput(), ops.name() + " " + c);
                assertTrue(all.gradWeight().bitwiseEquals(skip.gradWeight()), "grad_weight " + ops.name() + " " + c);
                assertTrue(all.gradInput().bitwiseEquals(keep.gradInput()), "grad_input " + ops.name() + " " + c);
                assertTrue(all.gradWeight().bitwiseEquals(keep.gradWeight()), "grad_weight " + ops.name() + " " + c);
                if (p.bias()) {
                    assertTrue(all.gradBias().bitwiseEquals(skip.gradBias()), "grad_bias " + ops.name() + " " + c);
                } else {
                    assertNull(skip.gradBias(), ops.name() + " " + c);
                }
            }
        });
    }
}
