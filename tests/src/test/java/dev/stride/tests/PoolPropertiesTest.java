package dev.stride.tests;

import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Algebraic properties of pooling: channels and batch items are pooled independently; the average of a
 * constant follows the count_include_pad rule; divisor_override scales; max pooling does not see the
 * order of values inside a window; NaN wins (with its index), ties keep the first maximum, and minus
 * infinity everywhere is handled.
 */
class PoolPropertiesTest {
    private final Ops ops = Stride.reference();

    /** Permutes the channel axis of an NCHW (or NC...) tensor: output channel c is input channel perm[c]. */
    static Tensor permuteChannels(Tensor t, int[] perm) {
        int n = t.dim(0), ch = t.dim(1), plane = t.size() / (n * ch);
        Tensor out = Tensor.zeros(t.shape());
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < ch; c++) {
                System.arraycopy(t.data(), (b * ch + perm[c]) * plane, out.data(), (b * ch + c) * plane, plane);
            }
        }
        return out;
    }

    static long[] permuteChannels(long[] idx, int n, int ch, int[] perm) {
        int plane = idx.length / (n * ch);
        long[] out = new long[idx.length];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < ch; c++) System.arraycopy(idx, (b * ch + perm[c]) * plane, out, (b * ch + c) * plane, plane);
        }
        return out;
    }

    static int[] permutation(long seed, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void assertCommutesWithChannelPermutation(Tensor x, Function<Tensor, Tensor> pool, long seed, Object c) {
        int[] perm = permutation(seed, x.dim(1));
        Tensor poolThenPermute = permuteChannels(pool.apply(x), perm);
        Tensor permuteThenPool = pool.apply(permuteChannels(x, perm));
        assertTrue(poolThenPermute.bitwiseEquals(permuteThenPool), "channel permutation does not commute for " + c);
    }

    @Test
    void everyPoolActsOnEachChannelOnItsOwn() {
        qt().withExamples(60).forAll(PoolGen.maxPool2d(), PoolGen.avgPool2d(), PoolGen.adaptive()).checkAssert((m, a, ad) -> {
            Tensor xm = PoolGen.values(m.seed(), m.shape());
            assertCommutesWithChannelPermutation(xm, t -> ops.maxPool2d(t, m.p()), m.seed(), m);
            int[] perm = permutation(m.seed(), m.shape()[1]);
            long[] idx = ops.maxPool2dWithIndices(xm, m.p()).indices();
            assertArrayEquals(permuteChannels(idx, m.shape()[0], m.shape()[1], perm),
                    ops.maxPool2dWithIndices(permuteChannels(xm, perm), m.p()).indices(), "max indices of " + m);
            Tensor xa = PoolGen.values(a.seed(), a.shape());
            assertCommutesWithChannelPermutation(xa, t -> ops.avgPool2d(t, a.p()), a.seed(), a);
            Tensor xd = PoolGen.values(ad.seed(), ad.shape());
            assertCommutesWithChannelPermutation(xd, t -> ops.adaptiveAvgPool2d(t, ad.p()), ad.seed(), ad);
            assertCommutesWithChannelPermutation(xd, t -> ops.adaptiveMaxPool2d(t, ad.p()).output(), ad.seed(), ad);
        });
    }

    @Test
    void changingOneChannelChangesOnlyThatChannelsOutput() {
        qt().withExamples(60).forAll(PoolGen.avgPool2d()).checkAssert(a -> {
            Tensor x = PoolGen.values(a.seed(), a.shape());
            Tensor x2 = x.copy();
            int plane = a.shape()[2] * a.shape()[3];
            for (int i = 0; i < plane; i++) x2.data()[i] += 1f; // batch 0, channel 0 only
            Tensor y = ops.avgPool2d(x, a.p()), y2 = ops.avgPool2d(x2, a.p());
            int outPlane = y.size() / (a.shape()[0] * a.shape()[1]);
            for (int i = outPlane; i < y.size(); i++) assertEquals(y.data()[i], y2.data()[i], "element " + i + " of " + a);
        });
    }

    @Test
    void averageOfAConstantFollowsTheCountIncludePadRule() {
        qt().withExamples(120).forAll(PoolGen.avgPool2d(), org.quicktheories.generators.SourceDSL.floats().between(-4f, 4f))
                .checkAssert((a, cst) -> {
                    AvgPool2dParams p = a.p();
                    Tensor x = Tensor.full(cst, a.shape());
                    AvgPool2dParams exclude = new AvgPool2dParams(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                            p.paddingH(), p.paddingW(), p.ceilMode(), false, 0);
                    AvgPool2dParams include = new AvgPool2dParams(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                            p.paddingH(), p.paddingW(), p.ceilMode(), true, 0);
                    Tensor yEx = ops.avgPool2d(x, exclude), yIn = ops.avgPool2d(x, include);
                    int[] os = yEx.shape();
                    int inH = a.shape()[2], inW = a.shape()[3];
                    for (int i = 0; i < yEx.size(); i++) {
                        assertEquals(cst, yEx.data()[i], 1e-6f * (1 + Math.abs(cst)), "count_include_pad=false at " + i + " of " + a);
                        int oh = (i / os[3]) % os[2], ow = i % os[3];
                        int cellsH = cells(oh, p.strideH(), p.paddingH(), p.kernelH(), 0, inH);
                        int cellsW = cells(ow, p.strideW(), p.paddingW(), p.kernelW(), 0, inW);
                        int padH = cells(oh, p.strideH(), p.paddingH(), p.kernelH(), -p.paddingH(), inH + p.paddingH());
                        int padW = cells(ow, p.strideW(), p.paddingW(), p.kernelW(), -p.paddingW(), inW + p.paddingW());
                        double expected = (double) cst * cellsH * cellsW / ((double) padH * padW);
                        assertEquals(expected, yIn.data()[i], 1e-6 * (1 + Math.abs(expected)), "count_include_pad=true at " + i + " of " + a);
                        if (p.paddingH() == 0 && p.paddingW() == 0 && !p.ceilMode()) {
                            assertEquals(cst, yIn.data()[i], 1e-6f * (1 + Math.abs(cst)), "no padding at " + i + " of " + a);
                        }
                    }
                });
    }

    /** Cells of window {@code o} on one axis inside {@code [lo, hi)}, counted one by one. */
    static int cells(int o, int stride, int pad, int kernel, int lo, int hi) {
        int n = 0;
        for (int k = 0; k < kernel; k++) {
            int pos = o * stride - pad + k;
            if (pos >= lo && pos < hi) n++;
        }
        return n;
    }

    @Test
    void divisorOverrideDividesTheWindowSum() {
        qt().withExamples(100).forAll(PoolGen.avgPool2d()).checkAssert(a -> {
            AvgPool2dParams p = a.p();
            Tensor x = PoolGen.values(a.seed(), a.shape());
            int d = 1 + (int) (a.seed() % 9);
            AvgPool2dParams byOne = new AvgPool2dParams(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                    p.paddingH(), p.paddingW(), p.ceilMode(), p.countIncludePad(), 1);
            AvgPool2dParams byD = new AvgPool2dParams(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                    p.paddingH(), p.paddingW(), p.ceilMode(), !p.countIncludePad(), d);
            Tensor sums = ops.avgPool2d(x, byOne), scaled = ops.avgPool2d(x, byD);
            for (int i = 0; i < sums.size(); i++) {
                double expected = (double) sums.data()[i] / d;
                assertEquals(expected, scaled.data()[i], 1e-6 * (1 + Math.abs(expected)), "element " + i + " of " + a);
            }
        });
    }

    /** Non-overlapping windows: stride = kernel, no padding, no dilation, floor mode. */
    static Gen<PoolGen.MaxCase> tiledMaxPool() {
        return rs -> {
            int kh = draw(rs, 1, 3), kw = draw(rs, 1, 3);
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), kh * draw(rs, 1, 3) + draw(rs, 0, kh - 1),
                    kw * draw(rs, 1, 3) + draw(rs, 0, kw - 1)};
            return new PoolGen.MaxCase(shape, new MaxPool2dParams(kh, kw, kh, kw, 0, 0, 1, 1, false), PoolGen.seed(rs));
        };
    }

    @Test
    void maxPoolDoesNotSeeTheOrderOfValuesInsideAWindow() {
        qt().withExamples(100).forAll(tiledMaxPool()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            MaxPool2dParams p = c.p();
            Tensor shuffled = x.copy();
            int[] os = p.outputShape(c.shape());
            int inH = c.shape()[2], inW = c.shape()[3];
            SplittableRandom r = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
            for (int plane = 0; plane < os[0] * os[1]; plane++) {
                for (int oh = 0; oh < os[2]; oh++) {
                    for (int ow = 0; ow < os[3]; ow++) {
                        int n = p.kernelH() * p.kernelW();
                        int[] cellsOf = new int[n];
                        for (int k = 0; k < n; k++) {
                            cellsOf[k] = plane * inH * inW + (oh * p.kernelH() + k / p.kernelW()) * inW + ow * p.kernelW() + k % p.kernelW();
                        }
                        for (int k = n - 1; k > 0; k--) {
                            int j = r.nextInt(k + 1);
                            float t = shuffled.data()[cellsOf[k]];
                            shuffled.data()[cellsOf[k]] = shuffled.data()[cellsOf[j]];
                            shuffled.data()[cellsOf[j]] = t;
                        }
                    }
                }
            }
            MaxPoolResult before = ops.maxPool2dWithIndices(x, p), after = ops.maxPool2dWithIndices(shuffled, p);
            assertTrue(before.output().bitwiseEquals(after.output()), c.toString());
            int outPlane = os[2] * os[3];
            for (int i = 0; i < after.indices().length; i++) {
                int plane = i / outPlane;
                assertEquals(after.output().data()[i], shuffled.data()[plane * inH * inW + (int) after.indices()[i]],
                        "index " + i + " does not point at the maximum after shuffling, " + c);
            }
        });
    }

    @Test
    void aNanInAWindowWinsWithItsIndex() {
        qt().withExamples(100).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            int inH = c.shape()[2], inW = c.shape()[3];
            int cell = (int) (c.seed() % (inH * inW)); // in plane 0
            Tensor withNan = x.copy();
            withNan.data()[cell] = Float.NaN;
            MaxPoolResult clean = ops.maxPool2dWithIndices(x, c.p()), dirty = ops.maxPool2dWithIndices(withNan, c.p());
            int[] os = clean.output().shape();
            for (int i = 0; i < clean.indices().length; i++) {
                boolean covers = i < os[2] * os[3] && windowCovers(c.p(), i / os[3], i % os[3], cell / inW, cell % inW);
                if (covers) {
                    assertTrue(Float.isNaN(dirty.output().data()[i]), "window " + i + " holds the NaN but gives "
                            + dirty.output().data()[i] + ", " + c);
                    assertEquals(cell, dirty.indices()[i], "index of the NaN, window " + i + ", " + c);
                } else {
                    assertEquals(clean.output().data()[i], dirty.output().data()[i], "window " + i + ", " + c);
                    assertEquals(clean.indices()[i], dirty.indices()[i], "window " + i + ", " + c);
                }
            }
        });
    }

    static boolean windowCovers(MaxPool2dParams p, int oh, int ow, int h, int w) {
        boolean rows = false, cols = false;
        for (int k = 0; k < p.kernelH(); k++) rows |= oh * p.strideH() - p.paddingH() + k * p.dilationH() == h;
        for (int k = 0; k < p.kernelW(); k++) cols |= ow * p.strideW() - p.paddingW() + k * p.dilationW() == w;
        return rows && cols;
    }

    @Test
    void withTwoNansTheLaterOneIsReportedAsPyTorchDoes() {
        // PyTorch's loop replaces the running maximum by every NaN it meets, so the last NaN's index wins
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, Float.NaN}, 1, 1, 2, 2);
        MaxPoolResult r = ops.maxPool2dWithIndices(x, MaxPool2dParams.of(2));
        assertTrue(Float.isNaN(r.output().data()[0]));
        assertEquals(3L, r.indices()[0]);
        MaxPoolResult ad = ops.adaptiveMaxPool2d(x, dev.stride.core.AdaptivePool2dParams.global());
        assertTrue(Float.isNaN(ad.output().data()[0]));
        assertEquals(3L, ad.indices()[0]);
        Tensor g = ops.maxPool2dBackward(x, Tensor.full(2f, 1, 1, 1, 1), MaxPool2dParams.of(2));
        assertArrayEquals(new float[] {0, 0, 0, 2}, g.data());
    }

    @Test
    void minusInfinityEverywhereGivesMinusInfinityAtTheFirstTap() {
        qt().withExamples(80).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = Tensor.full(Float.NEGATIVE_INFINITY, c.shape());
            MaxPoolResult r = ops.maxPool2dWithIndices(x, c.p());
            assertFirstTapEverywhere(r, c.p(), c.shape(), Float.NEGATIVE_INFINITY, c);
        });
    }

    @Test
    void tiesKeepTheFirstMaximum() {
        qt().withExamples(80).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = Tensor.full(0.5f, c.shape());
            assertFirstTapEverywhere(ops.maxPool2dWithIndices(x, c.p()), c.p(), c.shape(), 0.5f, c);
            MaxPoolResult ad = ops.adaptiveMaxPool2d(x, dev.stride.core.AdaptivePool2dParams.global());
            for (long idx : ad.indices()) assertEquals(0L, idx, "global max of a constant, " + c);
        });
    }

    private static void assertFirstTapEverywhere(MaxPoolResult r, MaxPool2dParams p, int[] shape, float value, Object c) {
        int[] os = r.output().shape();
        int inH = shape[2], inW = shape[3];
        for (int i = 0; i < r.indices().length; i++) {
            int oh = (i / os[3]) % os[2], ow = i % os[3];
            int h = firstTap(oh, p.strideH(), p.paddingH(), p.dilationH(), p.kernelH(), inH);
            int w = firstTap(ow, p.strideW(), p.paddingW(), p.dilationW(), p.kernelW(), inW);
            assertEquals(Float.NEGATIVE_INFINITY == value || (h >= 0 && w >= 0) ? value : Float.NEGATIVE_INFINITY,
                    r.output().data()[i], "value " + i + ", " + c);
            if (h >= 0 && w >= 0) assertEquals((long) h * inW + w, r.indices()[i], "index " + i + ", " + c);
        }
    }

    /** The first tap of window {@code o} inside {@code [0, in)}, or -1 when none is. */
    static int firstTap(int o, int stride, int pad, int dil, int kernel, int in) {
        for (int k = 0; k < kernel; k++) {
            int pos = o * stride - pad + k * dil;
            if (pos >= 0 && pos < in) return pos;
        }
        return -1;
    }
}
