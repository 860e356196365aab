package dev.stride.core.reference;

import dev.stride.core.Check;
import dev.stride.core.CrossEntropyParams;
import dev.stride.core.Reduction;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Reference cross-entropy from logits with class-index targets, {@code torch.nn.functional.cross_entropy}
 * (ATen's {@code cross_entropy_loss}, {@code cross_entropy_loss_label_smoothing} and {@code nll_loss}),
 * forward and backward with respect to the logits.
 *
 * <p>Shapes: logits {@code [N, C]} or {@code [N, C, d1, ...]} (the class dimension is 1), or unbatched
 * {@code [C]}; targets hold one class index per position, {@code N*d1*...} values in row-major order of
 * {@code [N, d1, ...]} (one value for {@code [C]}). The loss has shape {@code [N, d1, ...]} for
 * {@link Reduction#NONE} ({@code []} for unbatched logits) and {@code []} for MEAN and SUM.
 *
 * <p>Formula, with {@code lp = log_softmax(logits)} along the class dimension, class weights {@code w}
 * (all 1 when absent), smoothing {@code e} and {@code C} classes, for a position with target {@code t}:
 * <pre>
 *   loss = (1 - e) * w[t] * (-lp[t])  +  e/C * sum_c w[c] * (-lp[c])
 * </pre>
 * and 0 where {@code t == ignore_index}. The smoothing term is left out entirely when {@code e == 0} (as
 * PyTorch takes its plain {@code nll_loss} path then, so a {@code -inf} logit of another class does not
 * turn the loss into NaN). MEAN divides the sum of both terms by {@code sum of w[t]} over the positions not
 * ignored (their count without weights) — PyTorch divides its smoothing term by that same weight sum — so a
 * batch with every position ignored gives {@code 0/0 = NaN}. Everything is computed in double and rounded
 * to float once.
 *
 * <p>Errors ({@link IllegalArgumentException}): null arguments; logits of rank 0; a targets length that
 * does not match; class weights whose length is not {@code C}; a target outside {@code [0, C)} that is not
 * {@code ignore_index} (the message names the target and its position); a gradOutput of the wrong shape.
 */
public final class CrossEntropyReference {
    private CrossEntropyReference() {}

    /**
     * Forward: the loss of {@code logits} against {@code targets}.
     *
     * @param logits {@code [N, C, d1, ...]}, {@code [N, C]} or {@code [C]} (not modified)
     * @param targets class indices, row-major over {@code [N, d1, ...]} (not modified)
     * @param p reduction, label smoothing, ignore_index and class weights
     * @return per-position losses {@code [N, d1, ...]} for NONE, else a rank-0 tensor
     * @throws IllegalArgumentException see the class comment
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyParams p) {
        Layout l = Layout.of(logits, targets, p);
        double eps = p.labelSmoothing();
        float[] z = logits.data();
        double[] logProb = new double[l.classes];
        double[] losses = new double[l.positions];
        double total = 0.0;
        double denominator = 0.0;
        for (int pos = 0; pos < l.positions; pos++) {
            int t = targets[pos];
            if (t == p.ignoreIndex()) continue;
            l.logSoftmax(z, pos, logProb);
            double loss = (1.0 - eps) * l.weight(t) * -logProb[t];
            if (eps > 0) {
                double smooth = 0.0;
                for (int c = 0; c < l.classes; c++) smooth += l.weight(c) * -logProb[c];
                loss += eps / l.classes * smooth;
            }
            losses[pos] = loss;
            total += loss;
            denominator += l.weight(t);
        }
        return switch (p.reduction()) {
            case NONE -> {
                float[] out = new float[l.positions];
                for (int i = 0; i < out.length; i++) out[i] = (float) losses[i];
                yield Tensor.wrap(out, l.lossShape);
            }
            case SUM -> Tensor.scalar((float) total);
            case MEAN -> Tensor.scalar((float) (total / denominator));
        };
    }

    /**
     * Backward: the gradient of {@link #crossEntropy} with respect to the logits. For a position that is not
     * ignored, with {@code p = softmax(logits)}, coefficients {@code a[c] = (1-e) w[t] [c==t] + e/C w[c]} and
     * {@code A = sum_c a[c]}: {@code grad[c] = s * (p[c] * A - a[c])}, where {@code s} is the position's
     * gradOutput (NONE), the scalar gradOutput (SUM) or the scalar over the MEAN denominator. Ignored
     * positions get 0.
     *
     * @param logits the forward's logits
     * @param targets the forward's targets
     * @param gradOutput of the loss's shape: {@code [N, d1, ...]} for NONE, {@code []} for MEAN and SUM
     * @param p the forward's parameters
     * @return a new tensor of the logits' shape
     * @throws IllegalArgumentException see the class comment
     */
    public static Tensor crossEntropyBackward(Tensor logits, int[] targets, Tensor gradOutput, CrossEntropyParams p) {
        Layout l = Layout.of(logits, targets, p);
        Check.notNull("gradOutput", gradOutput);
        if (p.reduction() == Reduction.NONE) {
            gradOutput.requireShape("gradOutput (reduction none)", l.lossShape);
        } else {
            gradOutput.requireShape("gradOutput (reduction " + p.reduction().name().toLowerCase() + ")");
        }
        double eps = p.labelSmoothing();
        float[] z = logits.data();
        float[] g = gradOutput.data();
        double denominator = 0.0;
        for (int pos = 0; pos < l.positions; pos++) {
            if (targets[pos] != p.ignoreIndex()) denominator += l.weight(targets[pos]);
        }
        double weightSum = 0.0;
        for (int c = 0; c < l.classes; c++) weightSum += l.weight(c);

        float[] grad = new float[z.length];
        double[] logProb = new double[l.classes];
        for (int pos = 0; pos < l.positions; pos++) {
            int t = targets[pos];
            if (t == p.ignoreIndex()) continue;
            double scale = switch (p.reduction()) {
                case NONE -> g[pos];
                case SUM -> g[0];
                case MEAN -> g[0] / denominator;
            };
            l.logSoftmax(z, pos, logProb);
            double targetCoefficient = (1.0 - eps) * l.weight(t);
            double smoothScale = eps > 0 ? eps / l.classes : 0.0;
            double coefficientSum = targetCoefficient + smoothScale * weightSum;
            for (int c = 0; c < l.classes; c++) {
                double a = smoothScale * l.weight(c) + (c == t ? targetCoefficient : 0.0);
                grad[l.at(pos, c)] = (float) (scale * (Math.exp(logProb[c]) * coefficientSum - a));
            }
        }
        return Tensor.wrap(grad, logits.shape());
    }

    /** Where the classes of each position live in the logits, plus the validated weights. */
    private static final class Layout {
        final int classes;
        final int positions;
        /** Distance between consecutive classes of one position: the product of the spatial dims. */
        final int spatial;
        final int[] lossShape;
        final float[] weights;

        private Layout(int classes, int positions, int spatial, int[] lossShape, float[] weights) {
            this.classes = classes;
            this.positions = positions;
            this.spatial = spatial;
            this.lossShape = lossShape;
            this.weights = weights;
        }

        static Layout of(Tensor logits, int[] targets, CrossEntropyParams p) {
            Check.notNull("logits", logits);
            Check.notNull("targets", targets);
            Check.notNull("params", p);
            int[] s = logits.shape();
            if (s.length == 0) {
                throw new IllegalArgumentException("logits must have shape [C], [N, C] or [N, C, d1, ...], got []");
            }
            int classDim = s.length == 1 ? 0 : 1;
            int classes = s[classDim];
            int spatial = 1;
            for (int i = 2; i < s.length; i++) spatial *= s[i];
            int batch = s.length == 1 ? 1 : s[0];
            int positions = batch * spatial;
            int[] lossShape = new int[Math.max(s.length - 1, 0)];
            if (s.length > 1) {
                lossShape[0] = s[0];
                System.arraycopy(s, 2, lossShape, 1, s.length - 2);
            }
            if (targets.length != positions) {
                throw new IllegalArgumentException("targets has " + targets.length + " values, expected "
                        + positions + " (one per position of " + Arrays.toString(lossShape) + " for logits of shape "
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
            return new Layout(classes, positions, spatial, lossShape, weights);
        }

        double weight(int c) { return weights == null ? 1.0 : weights[c]; }

        /** Flat index of class c at position pos ({@code pos = n * spatial + j}). */
        int at(int pos, int c) {
            int n = pos / spatial;
            int j = pos % spatial;
            return (n * classes + c) * spatial + j;
        }

        /** Stable log_softmax over the classes of one position, into {@code out}. */
        void logSoftmax(float[] z, int pos, double[] out) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, z[at(pos, c)]);
            double sum = 0.0;
            for (int c = 0; c < classes; c++) sum += Math.exp(z[at(pos, c)] - max);
            double logSum = Math.log(sum);
            for (int c = 0; c < classes; c++) out[c] = z[at(pos, c)] - max - logSum;
        }
    }
}
