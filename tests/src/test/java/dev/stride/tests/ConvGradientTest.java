package dev.stride.tests;

import static dev.stride.tests.ConvCaseGen.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.ConvGradients;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every convolution backward (conv2d in every padding mode, conv1d, conv_transpose2d; with respect to input,
 * weight and bias) against central finite differences of {@code L = sum(gradOut * f(x, w, b))} computed in
 * double. Convolution is linear in each argument, so the difference quotient is exact up to float rounding of
 * the forward's outputs; the step is a power of two and the quotient divides by the step actually taken
 * after rounding the perturbed value to float.
 */
class ConvGradientTest {
    private static final Ops REF = Stride.reference();
    private static final float STEP = 0.125f;
    private static final double TOLERANCE = 2e-3;

    /** Forward of an op on (input, weight, bias). */
    private interface Forward { Tensor apply(Tensor x, Tensor w, Tensor b); }

    /**
     * Checks one gradient by finite differences: {@code which} selects the argument (0 input, 1 weight,
     * 2 bias) that is perturbed element by element.
     */
    private static void checkGradient(Forward f, Tensor[] args, Tensor gradOut, Tensor analytic, int which, Object what) {
        Function<Tensor[], Double> loss = a -> dot(gradOut, f.apply(a[0], a[1], a[2]));
        Tensor target = args[which];
        for (int i = 0; i < target.size(); i++) {
            float original = target.data()[i];
            Tensor[] plus = args.clone(), minus = args.clone();
            plus[which] = target.copy();
            minus[which] = target.copy();
            plus[which].data()[i] = original + STEP;
            minus[which].data()[i] = original - STEP;
            double step = (double) plus[which].data()[i] - minus[which].data()[i];
            double numeric = (loss.apply(plus) - loss.apply(minus)) / step;
            double expected = analytic.data()[i];
            String name = new String[] {"input", "weight", "bias"}[which];
            int index = i;
            assertEquals(numeric, expected, TOLERANCE * (1 + Math.abs(numeric)),
                    () -> "d" + name + "[" + index + "] of " + what);
        }
    }

    private static void checkAll(Forward f, Tensor x, Tensor w, Tensor b, Tensor gradOut, ConvGradients g, Object what) {
        Tensor[] args = {x, w, b};
        checkGradient(f, args, gradOut, g.gradInput(), 0, what);
        checkGradient(f, args, gradOut, g.gradWeight(), 1, what);
        if (b == null) assertNull(g.gradBias(), () -> "gradBias without bias: " + what);
        else checkGradient(f, args, gradOut, g.gradBias(), 2, what);
    }

    @Test
    void conv2dBackwardMatchesFiniteDifferencesInEveryMode() {
        qt().withExamples(60).forAll(ConvCaseGen.conv2d()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias(), gy = c.gradOutput();
            Tensor x0 = x.copy(), w0 = w.copy(), gy0 = gy.copy();
            ConvGradients g = REF.conv2dBackward(x, w, gy, c.params());
            assertTrue(x.bitwiseEquals(x0) && w.bitwiseEquals(w0) && gy.bitwiseEquals(gy0), "backward modified an argument");
            checkAll((xi, wi, bi) -> REF.conv2d(xi, wi, bi, c.params()), x, w, b, gy, g, c);
        });
    }

    @Test
    void conv1dBackwardMatchesFiniteDifferences() {
        qt().withExamples(60).forAll(ConvCaseGen.conv1d()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias(), gy = c.gradOutput();
            ConvGradients g = REF.conv1dBackward(x, w, gy, c.params());
            checkAll((xi, wi, bi) -> REF.conv1d(xi, wi, bi, c.params()), x, w, b, gy, g, c);
        });
    }

    @Test
    void convTranspose2dBackwardMatchesFiniteDifferences() {
        qt().withExamples(60).forAll(ConvCaseGen.convTranspose2d()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias(), gy = c.gradOutput();
            Tensor x0 = x.copy(), w0 = w.copy(), gy0 = gy.copy();
            ConvGradients g = REF.convTranspose2dBackward(x, w, gy, c.params());
            assertTrue(x.bitwiseEquals(x0) && w.bitwiseEquals(w0) && gy.bitwiseEquals(gy0), "backward modified an argument");
            checkAll((xi, wi, bi) -> REF.convTranspose2d(xi, wi, bi, c.params()), x, w, b, gy, g, c);
        });
    }

    /** Forward passes leave their arguments untouched. */
    @Test
    void forwardDoesNotModifyArguments() {
        qt().withExamples(50).forAll(ConvCaseGen.conv2d(), ConvCaseGen.convTranspose2d()).checkAssert((c, t) -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            REF.conv2d(x, w, b, c.params());
            assertTrue(x.bitwiseEquals(c.input()) && w.bitwiseEquals(c.weight()), c::toString);
            Tensor tx = t.input(), tw = t.weight();
            REF.convTranspose2d(tx, tw, t.bias(), t.params());
            assertTrue(tx.bitwiseEquals(t.input()) && tw.bitwiseEquals(t.weight()), t::toString);
        });
    }
}
