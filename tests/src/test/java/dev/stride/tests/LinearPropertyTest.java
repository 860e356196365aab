package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.ConvGradients;
import dev.stride.core.Tensor;
import dev.stride.core.reference.LinearReference;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The reference linear layer {@code y = x W^T + b} on random cases (input rank 1 to 3, leading dims and
 * features 1 to 5, with and without bias): equality with an independent loop over full indices, the
 * three gradients against central finite differences, a hand-computed case, and shape errors.
 */
class LinearPropertyTest {

    record Case(int[] inputShape, int out, boolean hasBias, long seed) {
        static Case of(int rank, boolean hasBias, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = new int[rank];
            for (int i = 0; i < rank; i++) s[i] = 1 + r.nextInt(5);
            return new Case(s, 1 + r.nextInt(5), hasBias, seed);
        }

        int in() { return inputShape[inputShape.length - 1]; }
        Tensor input() { return Tensor.uniform(seed, -1f, 1f, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1, -1f, 1f, out, in()); }
        Tensor bias() { return hasBias ? Tensor.uniform(seed + 2, -1f, 1f, out) : null; }

        int[] outputShape() {
            int[] s = inputShape.clone();
            s[s.length - 1] = out;
            return s;
        }

        @Override public String toString() {
            return "input " + Arrays.toString(inputShape) + " out " + out + " bias " + hasBias + " seed " + seed;
        }
    }

    private static org.quicktheories.core.Gen<Case> cases() {
        return integers().between(1, 3).zip(booleans().all(), longs().between(0, 1_000_000), Case::of);
    }

    /** y[r, o] = b[o] + sum_i x[r, i] W[o, i], walking the input through full indices with Tensor.get. */
    private static Tensor tripleLoop(Tensor x, Tensor w, Tensor b, int[] outShape) {
        Tensor x2 = x.reshape(-1, x.dim(-1));
        Tensor y = Tensor.zeros(x2.dim(0), w.dim(0));
        for (int r = 0; r < x2.dim(0); r++) {
            for (int o = 0; o < w.dim(0); o++) {
                double acc = b == null ? 0 : b.get(o);
                for (int i = 0; i < w.dim(1); i++) acc += (double) x2.get(r, i) * w.get(o, i);
                y.set((float) acc, r, o);
            }
        }
        return y.reshape(outShape);
    }

    @Test
    void equalsIndependentLoop() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Tensor y = LinearReference.linear(x, w, b);
            assertArrayEquals(c.outputShape(), y.shape(), c::toString);
            assertTrue(y.allClose(tripleLoop(x, w, b, c.outputShape()), 1e-6f, 1e-6f), c::toString);
        });
    }

    @Test
    void handComputedCase() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, -1, 0, 2}, 2, 3);
        Tensor w = Tensor.of(new float[] {1, 0, -1, 2, 1, 0.5f}, 2, 3);
        Tensor b = Tensor.of(new float[] {0.5f, -1}, 2);
        // row 0: (1-3)+0.5 = -1.5, (2+2+1.5)-1 = 4.5; row 1: (-1-2)+0.5 = -2.5, (-2+0+1)-1 = -2.
        assertArrayEquals(new float[] {-1.5f, 4.5f, -2.5f, -2f}, LinearReference.linear(x, w, b).data());
        assertArrayEquals(new float[] {-2f, 5.5f, -3f, -1f}, LinearReference.linear(x, w, null).data());
        // A rank-1 input is one row.
        assertArrayEquals(new float[] {-1.5f, 4.5f}, LinearReference.linear(Tensor.of(new float[] {1, 2, 3}, 3), w, b).data());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Tensor g = Tensor.uniform(c.seed() + 3, -1f, 1f, c.outputShape());
            ConvGradients grads = LinearReference.linearBackward(x, w, g, c.hasBias());
            assertArrayEquals(x.shape(), grads.gradInput().shape());
            assertArrayEquals(w.shape(), grads.gradWeight().shape());
            DenseGradCheck.assertGradClose("gradInput " + c, grads.gradInput(),
                    DenseGradCheck.numericGradient(x, 1e-2, t -> DenseGradCheck.dot(LinearReference.linear(t, w, b), g)),
                    1e-4, 1e-4);
            DenseGradCheck.assertGradClose("gradWeight " + c, grads.gradWeight(),
                    DenseGradCheck.numericGradient(w, 1e-2, t -> DenseGradCheck.dot(LinearReference.linear(x, t, b), g)),
                    1e-4, 1e-4);
            if (c.hasBias()) {
                assertArrayEquals(b.shape(), grads.gradBias().shape());
                DenseGradCheck.assertGradClose("gradBias " + c, grads.gradBias(),
                        DenseGradCheck.numericGradient(b, 1e-2, t -> DenseGradCheck.dot(LinearReference.linear(x, w, t), g)),
                        1e-4, 1e-4);
            } else {
                assertNull(grads.gradBias(), c::toString);
            }
        });
    }

    @Test
    void inputsAreNotModified() {
        qt().withExamples(30).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            Tensor g = Tensor.uniform(c.seed() + 3, -1f, 1f, c.outputShape());
            Tensor x0 = x.copy(), w0 = w.copy(), g0 = g.copy(), b0 = b == null ? null : b.copy();
            LinearReference.linear(x, w, b);
            LinearReference.linearBackward(x, w, g, c.hasBias());
            assertTrue(x.bitwiseEquals(x0) && w.bitwiseEquals(w0) && g.bitwiseEquals(g0) && (b == null || b.bitwiseEquals(b0)));
        });
    }

    private static void assertNames(String parameter, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(parameter), () -> "message should name " + parameter + ": " + e.getMessage());
    }

    @Test
    void invalidShapesNameTheParameter() {
        Tensor x = Tensor.zeros(4, 3), w = Tensor.zeros(2, 3), b = Tensor.zeros(2);
        assertNames("input", () -> LinearReference.linear(Tensor.zeros(4, 5), w, b));
        assertNames("input", () -> LinearReference.linear(Tensor.scalar(1f), w, b));
        assertNames("input", () -> LinearReference.linear(null, w, b));
        assertNames("weight", () -> LinearReference.linear(x, Tensor.zeros(6), b));
        assertNames("weight", () -> LinearReference.linear(x, Tensor.zeros(2, 3, 1), b));
        assertNames("weight", () -> LinearReference.linear(x, null, b));
        assertNames("bias", () -> LinearReference.linear(x, w, Tensor.zeros(3)));
        assertNames("bias", () -> LinearReference.linear(x, w, Tensor.zeros(1, 2)));
        assertNames("gradOutput", () -> LinearReference.linearBackward(x, w, Tensor.zeros(4, 3), true));
        assertNames("gradOutput", () -> LinearReference.linearBackward(x, w, Tensor.zeros(2, 2, 2), false));
        assertNames("gradOutput", () -> LinearReference.linearBackward(x, w, null, false));
        assertNames("input", () -> LinearReference.linearBackward(Tensor.zeros(4, 2), w, Tensor.zeros(4, 2), false));
        // Zero in-features is valid: the output is the bias.
        assertArrayEquals(new float[] {1f, 2f, 1f, 2f},
                LinearReference.linear(Tensor.zeros(2, 0), Tensor.zeros(2, 0), Tensor.of(new float[] {1, 2}, 2)).data());
        assertEquals(0, LinearReference.linearBackward(Tensor.zeros(2, 0), Tensor.zeros(2, 0), Tensor.zeros(2, 2), true)
                .gradInput().size());
    }
}
