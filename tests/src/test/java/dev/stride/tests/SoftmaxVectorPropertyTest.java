package dev.stride.tests;

import static dev.stride.tests.PoolGen.coin;
import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.CrossEntropyParams;
import dev.stride.core.Ops;
import dev.stride.core.Reduction;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Vectorized softmax, log_softmax (forward and backward, along every dimension, negative dims included)
 * and cross-entropy (forward and backward, every reduction, label smoothing, ignore_index, class
 * weights, spatial dimensions, unbatched logits) against the reference.
 *
 * <p>Rows run along contiguous memory (last dim) and across interleaved rows (other dims), with lengths
 * 1..70 so the vector code sees tails; logits are scaled up to 1e3 (stability) and may hold NaN, +-inf.
 * Bounds, with {@code u = 2^-24}, a row of n elements and {@code M} its largest |x - max| in magnitude:
 * softmax {@code |y - ref| <= (16 + 2n) u |ref| + 8 u M |ref|} (exp's argument rounding is amplified by
 * |x - max|); log_softmax {@code |o - ref| <= (8 + 2n) u (|x| + |max| + |log sum| + 1)} (the float sum of
 * the exponentials is at least 1, so its rounding costs up to n u in absolute terms); backward passes are
 * sums of n products: {@code 8 (n + 2) u} times the sum of the terms' magnitudes plus the same exp
 * argument term. Cross-entropy: one log-probability is within {@code (8 + 2C) u (4 scale + log C + 1)}
 * (logits in [-scale, scale]); a loss within that times the weight its log-probabilities carry
 * ({@code (1-e) w[t] + e/C sum w}, summed over positions for SUM, over the weight of the targets for
 * MEAN); a gradient within {@code |s| ((1-e) w[t] + e/C sum w) (16 + 2C + 16 scale) u} with s the
 * position's gradient scale. Also runs at forced widths 0, 128 and 256.
 */
class SoftmaxVectorPropertyTest {
    private static final double U = Math.scalb(1.0, -24);
    private final Ops ref = Stride.reference();

    record Case(int[] shape, int dim, long seed, float scale, boolean specials, int threads) {
        @Override public String toString() {
            return "shape " + Arrays.toString(shape) + " dim " + dim + " seed " + seed + " scale " + scale + " specials "
                    + specials + " threads " + threads;
        }
    }

    static Gen<Case> cases() {
        return rs -> {
            int rank = draw(rs, 1, 4);
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) shape[i] = draw(rs, 1, i == rank - 1 ? 70 : 5);
            if (rank > 1 && coin(rs)) shape[draw(rs, 0, rank - 2)] = draw(rs, 1, 40);
            int dim = draw(rs, -rank, rank - 1);
            float scale = new float[] {1f, 10f, 1000f}[draw(rs, 0, 2)];
            return new Case(shape, dim, PoolGen.seed(rs), scale, draw(rs, 0, 4) == 0, draw(rs, 1, 3));
        };
    }

    private static Tensor input(Case c) {
        Tensor x = VectorCompare.values(c.seed(), c.specials(), c.shape());
        for (int i = 0; i < x.size(); i++) x.data()[i] *= c.scale();
        return x;
    }

    /**
     * Per element: length of its row, max |x - max| over its row's finite elements, and |max| + |log sum exp|
     * (from the reference).
     */
    private static double[][] rowFacts(Tensor x, int dim) {
        int[] s = x.shape();
        int d = Tensor.normalizeDim(dim, s.length, "dim");
        int outer = 1, inner = 1, n = s[d];
        for (int i = 0; i < d; i++) outer *= s[i];
        for (int i = d + 1; i < s.length; i++) inner *= s[i];
        double[] spread = new double[x.size()], shift = new double[x.size()];
        float[] v = x.data();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) m = Math.max(m, v[base + k * inner]);
                double sp = 0, sum = 0;
                for (int k = 0; k < n; k++) {
                    // over finite elements: an -inf element's own output is exactly 0, and an infinite spread
                    // would make the bound 0 * inf = NaN for outputs that underflow to 0 or MIN_VALUE
                    if (Float.isFinite(v[base + k * inner])) sp = Math.max(sp, Math.abs(v[base + k * inner] - m));
                    sum += Math.exp(v[base + k * inner] - m);
                }
                for (int k = 0; k < n; k++) {
                    spread[base + k * inner] = sp;
                    shift[base + k * inner] = Math.abs(m) + Math.abs(Math.log(sum)) + Math.abs(v[base + k * inner]);
                }
            }
        }
        return new double[][] {spread, shift, {n}};
    }

    @Test
    void softmaxAndLogSoftmaxForward() {
        qt().withExamples(150).forAll(cases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor x = input(c);
            double[][] f = rowFacts(x, c.dim());
            double n = f[2][0];
            VectorCompare.check("softmax", c, v.softmax(x, c.dim()), ref.softmax(x, c.dim()),
                    (i, y) -> (16 + 2 * n) * U * Math.abs(y) + 8 * U * f[0][i] * Math.abs(y) + Float.MIN_VALUE * 8);
            VectorCompare.check("log_softmax", c, v.logSoftmax(x, c.dim()), ref.logSoftmax(x, c.dim()),
                    (i, y) -> (8 + 2 * n) * U * (f[1][i] + Math.abs(y) + 1));
        });
    }

    @Test
    void softmaxAndLogSoftmaxBackward() {
        qt().withExamples(150).forAll(cases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor x = input(c);
            Tensor y = ref.softmax(x, c.dim()), o = ref.logSoftmax(x, c.dim());
            Tensor g = Tensor.uniform(c.seed() + 1, -2f, 2f, c.shape());
            int n = x.dim(c.dim());
            // Each gradient element is y_k g_k minus y_k times a sum of n products: bound by the terms' sizes.
            Tensor gy = ref.softmaxBackward(VectorCompare.abs(y), VectorCompare.abs(g), c.dim());
            float[] ya = y.data(), ga = g.data(), gya = gy.data();
            VectorCompare.check("softmax backward", c, v.softmaxBackward(y, g, c.dim()), ref.softmaxBackward(y, g, c.dim()),
                    (i, r) -> 8 * (n + 2) * U * (Math.abs(ya[i] * ga[i]) + Math.abs(gya[i]) + 2 * Math.abs(ya[i]) * sumAbs(g, c.dim(), i))
                            + Float.MIN_VALUE * 8);
            float[] oa = o.data();
            VectorCompare.check("log_softmax backward", c, v.logSoftmaxBackward(o, g, c.dim()), ref.logSoftmaxBackward(o, g, c.dim()),
                    (i, r) -> 8 * (n + 2) * U * (Math.abs(ga[i]) + Math.exp(oa[i]) * sumAbs(g, c.dim(), i) * (1 + Math.abs(oa[i])))
                            + Float.MIN_VALUE * 8);
        });
    }

    /** Sum of |g| over the row of element i along dim. */
    private static double sumAbs(Tensor g, int dim, int i) {
        int[] s = g.shape();
        int d = Tensor.normalizeDim(dim, s.length, "dim");
        int inner = 1;
        for (int k = d + 1; k < s.length; k++) inner *= s[k];
        int n = s[d];
        int o = i / (n * inner), in = i % inner;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += Math.abs(g.data()[(o * n + k) * inner + in]);
        return sum;
    }

    record CeCase(int[] shape, int[] targets, CrossEntropyParams p, long seed, float scale, int threads) {
        @Override public String toString() {
            return "logits " + Arrays.toString(shape) + " targets " + Arrays.toString(targets) + " " + p.reduction() + " smoothing "
                    + p.labelSmoothing() + " ignore " + p.ignoreIndex() + " weights " + Arrays.toString(p.classWeights())
                    + " seed " + seed + " scale " + scale + " threads " + threads;
        }
    }

    static Gen<CeCase> ceCases() {
        return rs -> {
            int kind = draw(rs, 0, 2);
            int classes = draw(rs, 1, 70);
            int[] shape = switch (kind) {
                case 0 -> new int[] {classes};
                case 1 -> new int[] {draw(rs, 1, 12), classes};
                default -> new int[] {draw(rs, 1, 3), classes, draw(rs, 1, 4), draw(rs, 1, 5)};
            };
            int positions = 1;
            if (shape.length > 1) {
                positions = shape[0];
                for (int i = 2; i < shape.length; i++) positions *= shape[i];
            }
            int ignore = coin(rs) ? -100 : draw(rs, 0, classes - 1);
            int[] targets = new int[positions];
            for (int i = 0; i < positions; i++) targets[i] = draw(rs, 0, 7) == 0 ? ignore : draw(rs, 0, classes - 1);
            float[] weights = null;
            if (coin(rs)) {
                weights = new float[classes];
                for (int i = 0; i < classes; i++) weights[i] = draw(rs, 1, 30) / 10f;
            }
            Reduction r = Reduction.values()[draw(rs, 0, 2)];
            float smoothing = coin(rs) ? 0f : draw(rs, 1, 10) / 10f;
            float scale = new float[] {1f, 10f, 100f}[draw(rs, 0, 2)];
            return new CeCase(shape, targets, new CrossEntropyParams(r, smoothing, ignore, weights), PoolGen.seed(rs), scale,
                    draw(rs, 1, 3));
        };
    }

    /**
     * Per position, the weight its log-probabilities carry in the loss: {@code (1-e) w[t] + e/C sum w}
     * (0 when ignored); the position's loss error is at most that times the error of one log-probability.
     */
    private static double[] lossWeights(CeCase c, int classes) {
        float[] w = c.p().classWeights();
        double wSum = 0;
        for (int k = 0; k < classes; k++) wSum += w == null ? 1 : w[k];
        double e = c.p().labelSmoothing();
        double[] out = new double[c.targets().length];
        for (int i = 0; i < out.length; i++) {
            int t = c.targets()[i];
            if (t == c.p().ignoreIndex()) continue;
            out[i] = (1 - e) * (w == null ? 1 : w[t]) + e / classes * wSum;
        }
        return out;
    }

    @Test
    void crossEntropyForwardAndBackward() {
        qt().withExamples(200).forAll(ceCases()).checkAssert(c -> {
            Ops v = Stride.vector(c.threads());
            Tensor z = Tensor.uniform(c.seed(), -c.scale(), c.scale(), c.shape());
            int classes = c.shape().length == 1 ? c.shape()[0] : c.shape()[1];
            double[] lw = lossWeights(c, classes);
            float[] w = c.p().classWeights();
            double targetWeight = 0;
            for (int i = 0; i < lw.length; i++) {
                int t = c.targets()[i];
                if (t != c.p().ignoreIndex()) targetWeight += w == null ? 1 : w[t];
            }
            double den = targetWeight;
            // One log-probability: (8 + 2C) u (|z| + |max| + |log sum| + 1), with |z|, |max| <= scale, log sum <= 2 scale + log C.
            double lpError = (8 + 2 * classes) * U * (4 * c.scale() + Math.log(classes) + 1);
            double total = 0;
            for (double x : lw) total += x;
            Tensor expected = ref.crossEntropy(z, c.targets(), c.p());
            double reduced = c.p().reduction() == Reduction.MEAN ? total / den : total;
            VectorCompare.check("cross_entropy", c, v.crossEntropy(z, c.targets(), c.p()), expected, (i, y) ->
                    (c.p().reduction() == Reduction.NONE ? lw[i] : reduced) * lpError + 8 * Math.ulp(y));
            Tensor g = c.p().reduction() == Reduction.NONE
                    ? Tensor.uniform(c.seed() + 1, -2f, 2f, expected.shape()) : Tensor.scalar(1.5f);
            int spatial = 1;
            for (int i = 2; i < c.shape().length; i++) spatial *= c.shape()[i];
            int sp = spatial;
            // grad = s (p A - a): p's relative error is softmax's, (16 + 2C) u plus 8 u |z - max| <= 16 u scale.
            double pError = (16 + 2 * classes + 16 * c.scale()) * U;
            VectorCompare.check("cross_entropy backward", c, v.crossEntropyBackward(z, c.targets(), g, c.p()),
                    ref.crossEntropyBackward(z, c.targets(), g, c.p()), (i, y) -> {
                        int pos = c.shape().length == 1 ? 0 : (i / (classes * sp)) * sp + i % sp;
                        double s = switch (c.p().reduction()) {
                            case NONE -> g.data()[pos];
                            case SUM -> g.data()[0];
                            case MEAN -> g.data()[0] / den;
                        };
                        return Math.abs(s) * lw[pos] * pError + 8 * Math.ulp(y);
                    });
        });
    }

    @Test
    void specialRowsAndBadArguments() {
        Ops v = Stride.vector(2);
        float inf = Float.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {1, 2, Float.NaN, 4, -inf, -inf, -inf, -inf, inf, 1, 2, 3, -inf, 0, 1, 2}, 4, 4);
        VectorCompare.check("softmax specials", "rows", v.softmax(x, 1), ref.softmax(x, 1), (i, y) -> 64 * U * Math.abs(y));
        VectorCompare.check("log_softmax specials", "rows", v.logSoftmax(x, -1), ref.logSoftmax(x, -1), (i, y) -> 64 * U * (4 + Math.abs(y)));
        VectorCompare.check("softmax columns specials", "cols", v.softmax(x, 0), ref.softmax(x, 0), (i, y) -> 64 * U * Math.abs(y));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.softmax(x, 2));
        if (!e.getMessage().contains("dim")) throw new AssertionError(e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.crossEntropy(x, new int[] {0, 1, 2}, CrossEntropyParams.defaults()));
        if (!e.getMessage().contains("targets")) throw new AssertionError(e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.crossEntropy(x, new int[] {0, 1, 2, 9}, CrossEntropyParams.defaults()));
        if (!e.getMessage().contains("targets[3]")) throw new AssertionError(e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.softmaxBackward(x, Tensor.zeros(4, 3), 1));
        if (!e.getMessage().contains("gradOutput")) throw new AssertionError(e.getMessage());
    }
}
