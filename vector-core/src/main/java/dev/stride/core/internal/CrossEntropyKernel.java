package dev.stride.core.internal;

import dev.stride.core.Check;
import dev.stride.core.CrossEntropyParams;
import dev.stride.core.Reduction;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy from logits with class-index targets, forward and backward, fused with log_softmax:
 * the log-probabilities come from {@link SoftmaxKernel} (vectorized along the classes, or across
 * positions when the logits have spatial dimensions), and the loss and gradient formulas are the
 * reference's ({@code CrossEntropyReference}): per position with target {@code t}, smoothing {@code e},
 * weights {@code w}, {@code loss = (1-e) w[t] (-lp[t]) + e/C sum_c w[c] (-lp[c])} (the smoothing term
 * only when {@code e > 0}), ignored positions 0, MEAN divided by the sum of {@code w[t]} not ignored;
 * {@code grad[c] = s (exp(lp[c]) A - a[c])} with {@code a[c] = (1-e) w[t] [c==t] + e/C w[c]}.
 *
 * <p>Losses are added in double in position order and per-position work is split by a fixed rule, so
 * results are bitwise the same on any number of threads. The forward pass needs only each row's max and
 * log-sum-exp when classes are contiguous (no spatial dimensions), and otherwise a workspace of the
 * logits' size for the log-probabilities; the backward pass computes them in its output.
 */
final class CrossEntropyKernel {
    private CrossEntropyKernel() {}

    /** Where each position's classes live, validated as the reference validates them. */
    record Layout(int batch, int classes, int spatial, int positions, int[] lossShape, float[] weights) {
        static Layout of(Tensor logits, int[] targets, CrossEntropyParams p) {
            Check.notNull("logits", logits);
            Check.notNull("targets", targets);
            Check.notNull("params", p);
            int[] s = logits.shape();
            if (s.length == 0) {
                throw new IllegalArgumentException("logits must have shape [C], [N, C] or [N, C, d1, ...], got []");
            }
            int classes = s[s.length == 1 ? 0 : 1];
            int spatial = 1;
            for (int i = 2; i < s.length; i++) spatial *= s[i];
            int batch = s.length == 1 ? 1 : s[0];
            int[] lossShape = new int[Math.max(s.length - 1, 0)];
            if (s.length > 1) {
                lossShape[0] = s[0];
                System.arraycopy(s, 2, lossShape, 1, s.length - 2);
            }
            int positions = batch * spatial;
            if (targets.length != positions) {
                throw new IllegalArgumentException("targets has " + targets.length + " values, expected " + positions
                        + " (one per position of " + Arrays.toString(lossShape) + " for logits of shape "
                        + Arrays.toString(s) + ")");
            }
            float[] weights = p.classWeights();
            if (weights != null && weights.length != classes) {
                throw new IllegalArgumentException("classWeights has " + weights.length + " values, expected one per class ("
                        + classes + ")");
            }
            for (int i = 0; i < targets.length; i++) {
                int t = targets[i];
                if (t != p.ignoreIndex() && (t < 0 || t >= classes)) {
                    throw new IllegalArgumentException("targets[" + i + "] = " + t + " is out of range [0, " + classes
                            + ") and is not ignore_index " + p.ignoreIndex());
                }
            }
            return new Layout(batch, classes, spatial, positions, lossShape, weights);
        }

        double weight(int c) { return weights == null ? 1.0 : weights[c]; }

        /** Flat index of class {@code c} of position {@code pos}. */
        int at(int pos, int c) { return ((pos / spatial) * classes + c) * spatial + pos % spatial; }
    }

    private static void logSoftmax(float[] z, float[] lp, Layout l, int threads) {
        SoftmaxKernel.run(SoftmaxKernel.Mode.LOG_SOFTMAX, z, null, lp, l.batch(), l.classes(), l.spatial(), threads);
    }

    /**
     * Log-probability {@code c} of position {@code pos}: from the workspace {@code lp} when there is one,
     * else from the logits and the row's max and log-sum-exp ({@link SoftmaxKernel#rowStats}), bitwise
     * the same value.
     */
    private static float logProb(float[] z, float[] lp, float[] stats, Layout l, int pos, int c) {
        int at = l.at(pos, c);
        return lp != null ? lp[at] : ScalarMath.canon((z[at] - stats[2 * pos]) - stats[2 * pos + 1]);
    }

    static Tensor forward(Tensor logits, int[] targets, CrossEntropyParams p, int threads) {
        Layout l = Layout.of(logits, targets, p);
        float[] z = logits.data(), lp = null, stats = null;
        if (l.spatial() == 1) {
            // contiguous rows: two floats per row, not a logits-sized workspace (and one pass fewer)
            stats = new float[2 * l.positions()];
            SoftmaxKernel.rowStats(z, l.positions(), l.classes(), stats, threads);
        } else {
            lp = new float[logits.size()];
            logSoftmax(z, lp, l, threads);
        }
        double eps = p.labelSmoothing();
        float[] losses = p.reduction() == Reduction.NONE ? new float[l.positions()] : null;
        double total = 0.0, denominator = 0.0;
        for (int pos = 0; pos < l.positions(); pos++) {
            int t = targets[pos];
            if (t == p.ignoreIndex()) continue;
            double loss = (1.0 - eps) * l.weight(t) * -logProb(z, lp, stats, l, pos, t);
            if (eps > 0) {
                double smooth = 0.0;
                for (int c = 0; c < l.classes(); c++) smooth += l.weight(c) * -logProb(z, lp, stats, l, pos, c);
                loss += eps / l.classes() * smooth;
            }
            if (losses != null) losses[pos] = ScalarMath.canon((float) loss);
            total += loss;
            denominator += l.weight(t);
        }
        return switch (p.reduction()) {
            case NONE -> Tensor.wrap(losses, l.lossShape());
            case SUM -> Tensor.scalar(ScalarMath.canon((float) total));
            case MEAN -> Tensor.scalar(ScalarMath.canon((float) (total / denominator)));
        };
    }

    static Tensor backward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p, int threads) {
        Layout l = Layout.of(logits, targets, p);
        Check.notNull("gradOutput", gradOutput);
        if (p.reduction() == Reduction.NONE) {
            gradOutput.requireShape("gradOutput (reduction none)", l.lossShape());
        } else {
            gradOutput.requireShape("gradOutput (reduction " + p.reduction().name().toLowerCase() + ")");
        }
        float[] grad = new float[logits.size()];
        logSoftmax(logits.data(), grad, l, threads);
        double eps = p.labelSmoothing();
        float[] g = gradOutput.data();
        double denominator = 0.0, weightSum = 0.0;
        for (int pos = 0; pos < l.positions(); pos++) {
            if (targets[pos] != p.ignoreIndex()) denominator += l.weight(targets[pos]);
        }
        for (int c = 0; c < l.classes(); c++) weightSum += l.weight(c);
        double smoothScale = eps > 0 ? eps / l.classes() : 0.0;
        double den = denominator, wSum = weightSum;
        int perTask = Math.max(1, SoftmaxKernel.TASK_ELEMENTS / Math.max(1, l.classes()));
        Parallel.forEach(threads, (l.positions() + perTask - 1) / perTask, task -> {
            int end = Math.min(l.positions(), (task + 1) * perTask);
            for (int pos = task * perTask; pos < end; pos++) {
                int t = targets[pos];
                if (t == p.ignoreIndex()) {
                    for (int c = 0; c < l.classes(); c++) grad[l.at(pos, c)] = 0f;
                    continue;
                }
                double scale = switch (p.reduction()) {
                    case NONE -> g[pos];
                    case SUM -> g[0];
                    case MEAN -> g[0] / den;
                };
                double targetCoefficient = (1.0 - eps) * l.weight(t);
                float sa = (float) (scale * (targetCoefficient + smoothScale * wSum));
                if (l.spatial() == 1 && VectorSupport.BITS > 0) {
                    CrossEntropyVectorKernel.gradRow(grad, pos * l.classes(), l.classes(), sa, (float) (scale * smoothScale),
                            l.weights());
                } else {
                    for (int c = 0; c < l.classes(); c++) {
                        int at = l.at(pos, c);
                        float a = (float) (scale * smoothScale * l.weight(c));
                        grad[at] = ScalarMath.canon(ScalarMath.exp(grad[at]) * sa - a);
                    }
                }
                int at = l.at(pos, t);
                grad[at] = ScalarMath.canon(grad[at] - (float) (scale * targetCoefficient));
            }
        });
        return Tensor.wrap(grad, logits.shape());
    }
}
