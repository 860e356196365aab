package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.CrossEntropyParams;
import dev.stride.core.Reduction;
import dev.stride.core.Tensor;
import dev.stride.core.reference.CrossEntropyReference;
import dev.stride.core.reference.SoftmaxReference;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Cross-entropy of the reference on random cases: logits {@code [C]}, {@code [N, C]} or
 * {@code [N, C, d1(, d2)]} with N, C, d in 1..4, every reduction, label smoothing 0 or random in (0, 1],
 * with and without class weights, with and without ignored positions. Checks the loss against
 * -log_softmax gathered at the target, the spatial layout against the equivalent {@code [N*d, C]} problem,
 * MEAN against SUM over the (weighted) count, hand-computed values, the gradient against central finite
 * differences, and argument errors.
 */
class CrossEntropyPropertyTest {

    record Case(int[] shape, int[] targets, CrossEntropyParams params, long seed) {
        static Case of(int rank, int reductionPick, boolean weighted, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = new int[rank];
            for (int i = 0; i < rank; i++) s[i] = 1 + r.nextInt(4);
            int classes = rank == 1 ? s[0] : s[1];
            int positions = Arrays.stream(s).reduce(1, (a, b) -> a * b) / classes;
            // ignore_index is sometimes a class index (then that class is skipped), usually PyTorch's -100.
            int ignore = r.nextInt(4) == 0 ? r.nextInt(classes) : -100;
            boolean someIgnored = r.nextBoolean();
            int[] t = new int[positions];
            for (int i = 0; i < positions; i++) t[i] = someIgnored && r.nextInt(3) == 0 ? ignore : r.nextInt(classes);
            float smoothing = r.nextBoolean() ? 0f : (float) (0.05 + 0.95 * r.nextDouble());
            float[] w = null;
            if (weighted) {
                w = new float[classes];
                for (int c = 0; c < classes; c++) w[c] = (float) (0.2 + 2 * r.nextDouble());
            }
            Reduction red = Reduction.values()[reductionPick];
            return new Case(s, t, new CrossEntropyParams(red, smoothing, ignore, w), seed);
        }

        Tensor logits() { return Tensor.uniform(seed + 1, -3f, 3f, shape); }

        int classes() { return shape.length == 1 ? shape[0] : shape[1]; }

        int[] lossShape() {
            if (shape.length == 1) return new int[0];
            int[] s = new int[shape.length - 1];
            s[0] = shape[0];
            System.arraycopy(shape, 2, s, 1, shape.length - 2);
            return s;
        }

        @Override public String toString() {
            CrossEntropyParams p = params;
            return "logits " + Arrays.toString(shape) + " targets " + Arrays.toString(targets) + " " + p.reduction()
                    + " smoothing " + p.labelSmoothing() + " ignore " + p.ignoreIndex() + " weights "
                    + Arrays.toString(p.classWeights()) + " seed " + seed;
        }
    }

    private static org.quicktheories.core.Gen<Case> cases() {
        return integers().between(1, 4).zip(integers().between(0, 2), booleans().all(), longs().between(0, 1_000_000), Case::of);
    }

    /** Moves the class dimension last: [N, C, d...] -> [N*d..., C] ([C] -> [1, C]). */
    private static Tensor classesLast(Tensor logits) {
        int[] s = logits.shape();
        if (s.length == 1) return logits.reshape(1, s[0]);
        int n = s[0], c = s[1], spatial = logits.size() / (n * c);
        Tensor out = Tensor.zeros(n * spatial, c);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < c; k++)
                for (int j = 0; j < spatial; j++) out.set(logits.data()[(i * c + k) * spatial + j], i * spatial + j, k);
        return out;
    }

    @Test
    void unsmoothedLossIsNegativeLogSoftmaxAtTarget() {
        qt().withExamples(200).forAll(cases()).checkAssert(c -> {
            CrossEntropyParams p = new CrossEntropyParams(Reduction.NONE, 0f, c.params().ignoreIndex(), null);
            Tensor loss = CrossEntropyReference.crossEntropy(c.logits(), c.targets(), p);
            assertArrayEquals(c.lossShape(), loss.shape(), c::toString);
            Tensor logp = SoftmaxReference.logSoftmax(classesLast(c.logits()), 1);
            for (int i = 0; i < c.targets().length; i++) {
                int t = c.targets()[i];
                float expected = t == p.ignoreIndex() ? 0f : -logp.get(i, t);
                assertEquals(expected, loss.data()[i], 1e-6f + 1e-6f * Math.abs(expected), c::toString);
            }
        });
    }

    /** The spatial layout [N, C, d...] gives the same losses as the [N*d..., C] problem. */
    @Test
    void spatialLayoutEqualsFlattenedRows() {
        qt().withExamples(150).forAll(cases()).checkAssert(c -> {
            Tensor direct = CrossEntropyReference.crossEntropy(c.logits(), c.targets(), c.params());
            Tensor flat = CrossEntropyReference.crossEntropy(classesLast(c.logits()), c.targets(), c.params());
            assertTrue(direct.reshape(-1).bitwiseEquals(flat.reshape(-1)), c::toString);
        });
    }

    /** SUM adds the NONE losses; MEAN divides that by the weight (or count) of the targets not ignored. */
    @Test
    void reductionsAgreeWithPerElementLosses() {
        qt().withExamples(150).forAll(cases()).checkAssert(c -> {
            CrossEntropyParams p = c.params();
            float[] none = CrossEntropyReference.crossEntropy(c.logits(), c.targets(), p.withReduction(Reduction.NONE)).data();
            Tensor sum = CrossEntropyReference.crossEntropy(c.logits(), c.targets(), p.withReduction(Reduction.SUM));
            Tensor mean = CrossEntropyReference.crossEntropy(c.logits(), c.targets(), p.withReduction(Reduction.MEAN));
            assertEquals(0, sum.rank());
            assertEquals(0, mean.rank());
            double total = 0, denominator = 0;
            float[] w = p.classWeights();
            for (int i = 0; i < none.length; i++) {
                total += none[i];
                int t = c.targets()[i];
                if (t != p.ignoreIndex()) denominator += w == null ? 1 : w[t];
                else assertEquals(0f, none[i], c::toString);
            }
            assertEquals(total, sum.get(), 1e-5 * (1 + Math.abs(total)), c::toString);
            if (denominator == 0) {
                assertTrue(Float.isNaN(mean.get()), () -> "mean of nothing must be NaN: " + c);
            } else {
                assertEquals(total / denominator, mean.get(), 1e-5 * (1 + Math.abs(total / denominator)), c::toString);
            }
        });
    }

    @Test
    void handComputedValues() {
        double ln = Math.log(4.0 / 3.0), ln4 = Math.log(4);
        // Two classes with logits [0, ln 3]: p = [1/4, 3/4].
        Tensor logits = Tensor.of(new float[] {0f, (float) Math.log(3), 0f, (float) Math.log(3)}, 2, 2);
        int[] targets = {1, 0};
        CrossEntropyParams none = CrossEntropyParams.defaults().withReduction(Reduction.NONE);
        assertArrayEquals(new float[] {(float) ln, (float) ln4},
                CrossEntropyReference.crossEntropy(logits, targets, none).data(), 1e-6f);
        assertEquals((ln + ln4) / 2, CrossEntropyReference.crossEntropy(logits, targets, CrossEntropyParams.defaults()).get(), 1e-6);
        // Smoothing 0.2: (1-0.2) * -lp[t] + 0.2/2 * (-lp[0] - lp[1]).
        double smooth = 0.1 * (ln4 + ln);
        assertArrayEquals(new float[] {(float) (0.8 * ln + smooth), (float) (0.8 * ln4 + smooth)},
                CrossEntropyReference.crossEntropy(logits, targets, none.withLabelSmoothing(0.2f)).data(), 1e-6f);
        // Weights [1, 3] with mean: both terms over w[t] summed over targets = 3 + 1 (PyTorch's rule).
        float[] w = {1f, 3f};
        CrossEntropyParams weighted = new CrossEntropyParams(Reduction.MEAN, 0.2f, -100, w);
        double l0 = 3 * 0.8 * ln + 0.1 * (1 * ln4 + 3 * ln);
        double l1 = 1 * 0.8 * ln4 + 0.1 * (1 * ln4 + 3 * ln);
        assertEquals((l0 + l1) / 4, CrossEntropyReference.crossEntropy(logits, targets, weighted).get(), 1e-6);
        // Ignoring the second position: mean over weight 3 only.
        assertEquals(l0 / 3, CrossEntropyReference.crossEntropy(logits, new int[] {1, -100}, weighted).get(), 1e-6);
        // Uniform logits give ln C whatever the target, smoothing and weights.
        Tensor uniform = Tensor.zeros(3, 5);
        CrossEntropyParams any = new CrossEntropyParams(Reduction.MEAN, 0.3f, -100, new float[] {1, 2, 3, 4, 5});
        assertEquals(Math.log(5), CrossEntropyReference.crossEntropy(uniform, new int[] {0, 4, 2}, any).get(), 1e-6);
        // The default ignore_index -100 drops the second position from the mean.
        assertEquals(ln, CrossEntropyReference.crossEntropy(logits, new int[] {1, -100}, CrossEntropyParams.defaults()).get(), 1e-6);
        // Unbatched [C] logits take one target.
        Tensor single = CrossEntropyReference.crossEntropy(Tensor.of(new float[] {0f, (float) Math.log(3)}, 2), new int[] {1}, none);
        assertEquals(0, single.rank());
        assertEquals(ln, single.get(), 1e-6);
    }

    @Test
    void ignoredPositionsAndNaNMean() {
        Tensor logits = Tensor.uniform(5, -2f, 2f, 3, 4);
        CrossEntropyParams p = new CrossEntropyParams(Reduction.MEAN, 0.1f, 2, null);
        // ignore_index = 2 is a valid class: positions with target 2 are skipped.
        float withIgnored = CrossEntropyReference.crossEntropy(logits, new int[] {2, 1, 3}, p).get();
        float rows12 = CrossEntropyReference.crossEntropy(Tensor.of(Arrays.copyOfRange(logits.data(), 4, 12), 2, 4),
                new int[] {1, 3}, p).get();
        assertEquals(rows12, withIgnored, 1e-6f);
        assertTrue(Float.isNaN(CrossEntropyReference.crossEntropy(logits, new int[] {2, 2, 2}, p).get()));
        assertEquals(0f, CrossEntropyReference.crossEntropy(logits, new int[] {2, 2, 2}, p.withReduction(Reduction.SUM)).get());
        Tensor g = CrossEntropyReference.crossEntropyBackward(logits, new int[] {2, 2, 2}, Tensor.scalar(1f), p);
        for (float v : g.data()) assertEquals(0f, v);
        // Without smoothing a -inf logit of another class leaves the loss finite, as PyTorch's nll_loss path.
        Tensor withInf = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 0f, 0f}, 1, 3);
        assertEquals(Math.log(2), CrossEntropyReference.crossEntropy(withInf, new int[] {1}, CrossEntropyParams.defaults()).get(), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        qt().withExamples(150).forAll(cases()).checkAssert(c -> {
            Tensor logits = c.logits();
            CrossEntropyParams p = c.params();
            Tensor g = p.reduction() == Reduction.NONE
                    ? Tensor.uniform(c.seed() + 2, -1f, 1f, c.lossShape())
                    : Tensor.scalar((float) (0.5 + new SplittableRandom(c.seed()).nextDouble()));
            Tensor analytic = CrossEntropyReference.crossEntropyBackward(logits, c.targets(), g, p);
            assertArrayEquals(logits.shape(), analytic.shape(), c::toString);
            // The objective sums per-position float losses (NONE) in double, scaled as the reduction does (the
            // reductions themselves are checked against NONE above): a float-rounded SUM of many losses would
            // put rounding noise of ulp(total)/2h into the quotient.
            double scale = switch (p.reduction()) {
                case NONE -> 0;
                case SUM -> g.get();
                case MEAN -> g.get() / weightOfTargets(c);
            };
            CrossEntropyParams perPosition = p.withReduction(Reduction.NONE);
            double[] numeric = DenseGradCheck.numericGradient(logits, 1e-2, t -> {
                Tensor losses = CrossEntropyReference.crossEntropy(t, c.targets(), perPosition);
                return p.reduction() == Reduction.NONE ? DenseGradCheck.dot(losses, g)
                        : scale * DenseGradCheck.dot(losses, Tensor.full(1f, losses.shape()));
            });
            boolean allIgnored = Arrays.stream(c.targets()).allMatch(t -> t == p.ignoreIndex());
            if (allIgnored) {
                for (float v : analytic.data()) assertEquals(0f, v, c::toString);
            } else {
                DenseGradCheck.assertGradClose(c.toString(), analytic, numeric, 2e-4, 2e-3);
            }
        });
    }

    /** The MEAN denominator: the weight (or count) of the targets not ignored. */
    private static double weightOfTargets(Case c) {
        float[] w = c.params().classWeights();
        double d = 0;
        for (int t : c.targets()) if (t != c.params().ignoreIndex()) d += w == null ? 1 : w[t];
        return d;
    }

    @Test
    void inputsAreNotModified() {
        qt().withExamples(30).forAll(cases()).checkAssert(c -> {
            Tensor logits = c.logits(), before = logits.copy();
            int[] targets = c.targets().clone();
            Tensor g = c.params().reduction() == Reduction.NONE ? Tensor.full(1f, c.lossShape()) : Tensor.scalar(1f);
            CrossEntropyReference.crossEntropy(logits, targets, c.params());
            CrossEntropyReference.crossEntropyBackward(logits, targets, g, c.params());
            assertTrue(logits.bitwiseEquals(before), c::toString);
            assertArrayEquals(c.targets(), targets, c::toString);
        });
    }

    private static void assertNames(String text, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(text), () -> "message should contain '" + text + "': " + e.getMessage());
    }

    @Test
    void invalidArgumentsNameTheParameter() {
        Tensor logits = Tensor.zeros(3, 4);
        CrossEntropyParams p = CrossEntropyParams.defaults();
        assertNames("targets[1] = 4", () -> CrossEntropyReference.crossEntropy(logits, new int[] {0, 4, 1}, p));
        assertNames("targets[2] = -1", () -> CrossEntropyReference.crossEntropy(logits, new int[] {0, 1, -1}, p));
        assertNames("targets[0] = -100", () -> CrossEntropyReference.crossEntropy(logits, new int[] {-100, 1, 1},
                new CrossEntropyParams(Reduction.MEAN, 0f, 0, null)));
        assertNames("targets[1] = 7", () -> CrossEntropyReference.crossEntropyBackward(logits, new int[] {0, 7, 1},
                Tensor.scalar(1f), p));
        assertNames("targets", () -> CrossEntropyReference.crossEntropy(logits, new int[] {0, 1}, p));
        assertNames("targets", () -> CrossEntropyReference.crossEntropy(logits, null, p));
        assertNames("targets", () -> CrossEntropyReference.crossEntropy(Tensor.zeros(2, 4, 3), new int[] {0, 1}, p));
        assertNames("logits", () -> CrossEntropyReference.crossEntropy(Tensor.scalar(1f), new int[] {0}, p));
        assertNames("logits", () -> CrossEntropyReference.crossEntropy(null, new int[] {0}, p));
        assertNames("classWeights", () -> CrossEntropyReference.crossEntropy(logits, new int[] {0, 1, 2},
                new CrossEntropyParams(Reduction.MEAN, 0f, -100, new float[] {1, 2, 3})));
        assertNames("gradOutput", () -> CrossEntropyReference.crossEntropyBackward(logits, new int[] {0, 1, 2},
                Tensor.zeros(3), p));
        assertNames("gradOutput", () -> CrossEntropyReference.crossEntropyBackward(logits, new int[] {0, 1, 2},
                Tensor.scalar(1f), p.withReduction(Reduction.NONE)));
        assertNames("gradOutput", () -> CrossEntropyReference.crossEntropyBackward(logits, new int[] {0, 1, 2}, null, p));
        for (float bad : new float[] {-0.1f, 1.5f, Float.NaN}) {
            assertNames("label_smoothing", () -> p.withLabelSmoothing(bad));
        }
    }
}
