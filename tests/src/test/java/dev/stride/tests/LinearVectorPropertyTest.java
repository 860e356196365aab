package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.ConvGradients;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import dev.stride.core.reference.LinearReference;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The vectorized linear layer ({@code Stride.vector(threads)}, threads 1..3) against
 * {@link LinearReference}, forward and backward, over inputs of rank 1 to 3 with 1..40 rows (both
 * sides of the dot-product/GEMM switch at 16 rows), feature counts 0..70 (around the vector widths
 * and the 48-column micro-tile), with and without bias.
 *
 * <p>{@link #largeCases()} covers the transposed GEMM path ({@code y^T = W x^T}, weight read in place):
 * rows past one and two 64-row input panels, in-features that cross the 256-long k slice and are not
 * a multiple of any lane count, out-features that leave a partial 6-row weight tile, and a single row.
 *
 * <p>Error bound, element-wise: {@code |y - ref| <= 8 * K * 2^-24 * sum|terms|} (see
 * {@link ErrorBound}) with K = {@code in + 1} for the forward, {@code out} for gradInput and the row
 * count for gradWeight and gradBias. Also runs at forced widths 0, 128 and 256 (tests/pom.xml).
 */
class LinearVectorPropertyTest {
    record Case(int[] inputShape, int out, boolean bias, int seed, int threads) {
        int in() { return inputShape[inputShape.length - 1]; }
        Tensor input() { return Tensor.uniform(seed, -1, 1, inputShape); }
        Tensor weight() { return Tensor.uniform(seed + 1L, -1, 1, out, in()); }
        Tensor biasTensor() { return bias ? Tensor.uniform(seed + 2L, -1, 1, out) : null; }
        Tensor gradOutput() {
            int[] s = inputShape.clone();
            s[s.length - 1] = out;
            return Tensor.uniform(seed + 3L, -1, 1, s);
        }
        int rows() { int r = 1; for (int i = 0; i < inputShape.length - 1; i++) r *= inputShape[i]; return r; }
        @Override public String toString() {
            return "input " + java.util.Arrays.toString(inputShape) + " out " + out + " bias " + bias + " seed " + seed
                    + " threads " + threads;
        }
    }

    static Gen<Case> cases() {
        return in -> {
            int rank = ConvCaseGen.between(1, 3).generate(in);
            int features = ConvCaseGen.between(0, 70).generate(in);
            int[] shape = switch (rank) {
                case 1 -> new int[] {features};
                case 2 -> new int[] {ConvCaseGen.between(1, 40).generate(in), features};
                default -> new int[] {ConvCaseGen.between(1, 4).generate(in), ConvCaseGen.between(1, 10).generate(in), features};
            };
            return new Case(shape, ConvCaseGen.between(1, 70).generate(in), Generate.booleans().generate(in),
                    ConvCaseGen.seeds().generate(in), ConvCaseGen.between(1, 3).generate(in));
        };
    }

    /** Larger shapes: rows 1 or 16..140, in 1..700 (crosses k slices of 256), out 1..45 (partial 6-row tiles). */
    static Gen<Case> largeCases() {
        return in -> {
            boolean single = ConvCaseGen.between(0, 4).generate(in) == 0;
            int rows = single ? 1 : ConvCaseGen.between(16, 140).generate(in);
            int features = ConvCaseGen.between(1, 700).generate(in);
            return new Case(new int[] {rows, features}, ConvCaseGen.between(1, 45).generate(in),
                    Generate.booleans().generate(in), ConvCaseGen.seeds().generate(in), ConvCaseGen.between(1, 3).generate(in));
        };
    }

    @Test
    void largeForwardAndBackwardWithinBound() {
        qt().withExamples(25).forAll(largeCases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.biasTensor(), g = c.gradOutput();
            Tensor sums = LinearReference.linear(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b));
            ErrorBound.check("linear", c, Stride.vector(c.threads()).linear(x, w, b), LinearReference.linear(x, w, b),
                    sums, c.in() + 1L);
            ConvGradients v = Stride.vector(c.threads()).linearBackward(x, w, g, c.bias());
            ConvGradients r = LinearReference.linearBackward(x, w, g, c.bias());
            ConvGradients s = LinearReference.linearBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), c.bias());
            ErrorBound.check("linear grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(), c.out());
            ErrorBound.check("linear grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(), c.rows());
            if (c.bias()) ErrorBound.check("linear grad_bias", c, v.gradBias(), r.gradBias(), s.gradBias(), c.rows());
        });
    }

    /** The out= variant writes exactly what the allocating one returns, over stale contents, and returns out. */
    @Test
    void outVariantMatchesAllocating() {
        qt().withExamples(30).forAll(largeCases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.biasTensor();
            int[] shape = c.inputShape().clone();
            shape[shape.length - 1] = c.out();
            Tensor out = Tensor.zeros(shape);
            java.util.Arrays.fill(out.data(), Float.NaN);
            Ops ops = Stride.vector(c.threads());
            Tensor y = ops.linear(x, w, b);
            assertTrue(ops.linear(x, w, b, out) == out, "linear(.., out) must return out");
            assertTrue(y.bitwiseEquals(out), "out= result differs from the allocating linear for " + c);
            Tensor refOut = Tensor.zeros(shape);
            assertTrue(Stride.reference().linear(x, w, b, refOut) == refOut, "reference out= must return out");
            assertTrue(LinearReference.linear(x, w, b).bitwiseEquals(refOut), "reference out= differs for " + c);
        });
    }

    @Test
    void outVariantRejectsBadOut() {
        for (Ops ops : new Ops[] {Stride.vector(2), Stride.reference()}) {
            Tensor x = Tensor.uniform(1, -1, 1, 5, 5), w = Tensor.uniform(2, -1, 1, 5, 5), b = Tensor.uniform(3, -1, 1, 5);
            assertMessage(() -> ops.linear(x, w, b, null), "out");
            assertMessage(() -> ops.linear(x, w, b, Tensor.zeros(5, 4)), "out shape [5, 4] must be [5, 5]");
            assertMessage(() -> ops.linear(x, w, b, Tensor.zeros(25)), "out shape");
            assertMessage(() -> ops.linear(x, w, b, x), "input");
            assertMessage(() -> ops.linear(x, w, b, x.reshape(5, 5)), "input");
            assertMessage(() -> ops.linear(x, w, b, w), "weight");
            Tensor v = Tensor.uniform(4, -1, 1, 1, 5), wide = Tensor.uniform(5, -1, 1, 5, 5);
            assertMessage(() -> ops.linear(v, wide, b, b.reshape(1, 5)), "bias");
            assertMessage(() -> ops.linear(x, Tensor.zeros(5, 6), null, Tensor.zeros(5, 5)), "weight");
        }
    }

    @Test
    void forwardWithinBound() {
        qt().withExamples(80).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), b = c.biasTensor();
            Tensor sums = LinearReference.linear(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(b));
            ErrorBound.check("linear", c, Stride.vector(c.threads()).linear(x, w, b), LinearReference.linear(x, w, b),
                    sums, c.in() + 1L);
        });
    }

    @Test
    void backwardWithinBound() {
        qt().withExamples(80).forAll(cases()).checkAssert(c -> {
            Tensor x = c.input(), w = c.weight(), g = c.gradOutput();
            ConvGradients v = Stride.vector(c.threads()).linearBackward(x, w, g, c.bias());
            ConvGradients r = LinearReference.linearBackward(x, w, g, c.bias());
            ConvGradients s = LinearReference.linearBackward(ErrorBound.abs(x), ErrorBound.abs(w), ErrorBound.abs(g), c.bias());
            ErrorBound.check("linear grad_input", c, v.gradInput(), r.gradInput(), s.gradInput(), c.out());
            ErrorBound.check("linear grad_weight", c, v.gradWeight(), r.gradWeight(), s.gradWeight(), c.rows());
            if (c.bias()) ErrorBound.check("linear grad_bias", c, v.gradBias(), r.gradBias(), s.gradBias(), c.rows());
            else assertTrue(v.gradBias() == null, "grad_bias must be null without bias");
        });
    }

    @Test
    void resultsDoNotDependOnThreads() {
        Tensor x = Tensor.uniform(1, -1, 1, 37, 131), w = Tensor.uniform(2, -1, 1, 150, 131), b = Tensor.uniform(3, -1, 1, 150);
        Tensor g = Tensor.uniform(4, -1, 1, 37, 150);
        assertSameAtThreads(x, w, b, g);
        // Big enough to be split over threads (the small case above runs on the calling thread): k crosses
        // the 256 slice, rows span two input panels, out leaves a partial weight tile.
        assertSameAtThreads(Tensor.uniform(5, -1, 1, 70, 600), Tensor.uniform(6, -1, 1, 143, 600),
                Tensor.uniform(7, -1, 1, 143), Tensor.uniform(8, -1, 1, 70, 143));
        // Fewer rows than the GEMM needs (dot products with lane sums), split over threads.
        assertSameAtThreads(Tensor.uniform(9, -1, 1, 6, 700), Tensor.uniform(10, -1, 1, 301, 700),
                Tensor.uniform(11, -1, 1, 301), Tensor.uniform(12, -1, 1, 6, 301));
    }

    /** Same bits on every call, before and after the JIT compiles the kernels (lane sums in a fixed order). */
    @Test
    void repeatedCallsGiveTheSameBits() {
        Ops ops = Stride.vector(1);
        for (int[] s : new int[][] {{3, 101, 37}, {20, 70, 13}}) {
            Tensor x = Tensor.uniform(13, -1, 1, s[0], s[1]), w = Tensor.uniform(14, -1, 1, s[2], s[1]);
            Tensor b = Tensor.uniform(15, -1, 1, s[2]), out = Tensor.zeros(s[0], s[2]);
            Tensor first = ops.linear(x, w, b);
            for (int i = 0; i < 3000; i++) {
                assertTrue(first.bitwiseEquals(ops.linear(x, w, b, out)), "call " + i + " differs for " + java.util.Arrays.toString(s));
            }
        }
    }

    private static void assertSameAtThreads(Tensor x, Tensor w, Tensor b, Tensor g) {
        Ops one = Stride.vector(1);
        Tensor y1 = one.linear(x, w, b);
        ConvGradients g1 = one.linearBackward(x, w, g, true);
        for (int t : new int[] {2, 3}) {
            Ops ops = Stride.vector(t);
            assertTrue(y1.bitwiseEquals(ops.linear(x, w, b)), "forward differs at threads " + t);
            ConvGradients gt = ops.linearBackward(x, w, g, true);
            assertTrue(g1.gradInput().bitwiseEquals(gt.gradInput()), "grad_input differs at threads " + t);
            assertTrue(g1.gradWeight().bitwiseEquals(gt.gradWeight()), "grad_weight differs at threads " + t);
            assertTrue(g1.gradBias().bitwiseEquals(gt.gradBias()), "grad_bias differs at threads " + t);
        }
    }

    @Test
    void invalidInputsNameTheParameter() {
        Ops vec = Stride.vector(2);
        Tensor x = Tensor.zeros(3, 5), w = Tensor.zeros(4, 5);
        assertMessage(() -> vec.linear(x, Tensor.zeros(4, 6), null), "weight");
        assertMessage(() -> vec.linear(x, Tensor.zeros(20), null), "weight");
        assertMessage(() -> vec.linear(x, w, Tensor.zeros(5)), "bias");
        assertMessage(() -> vec.linear(null, w, null), "input");
        assertMessage(() -> vec.linearBackward(x, w, Tensor.zeros(3, 5), true), "grad_output");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String name) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name), "message '" + ex.getMessage() + "' should name " + name);
    }
}
