package dev.stride.bench.cli;

import dev.stride.core.Reduction;
import dev.stride.core.Tensor;
import dev.stride.nn.io.NpyArray;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code cross_entropy} with class-probability targets (a float target of the input's shape), as PyTorch
 * defines it: with {@code y' = (1 - label_smoothing) * y + label_smoothing / C} and class weights {@code w}
 * (default 1), the loss of each position is {@code -sum_c w_c * y'_c * log_softmax(x)_c}; {@code mean}
 * divides the sum by the number of positions ({@code N * d1 * ...}, not by the weights), and
 * {@code ignore_index} does not apply. The log-softmax comes from the chosen engine; the weighted sums
 * are taken in double. Backward: {@code dL/dx_j = g * (p_j * sum_c a_c - a_j)} with {@code a_c = w_c y'_c}
 * and {@code p = softmax(x)}.
 */
final class EvalSoftTargetCrossEntropy {
    private EvalSoftTargetCrossEntropy() {}

    static void run(EvalContext c, Tensor logits, NpyArray targetFile, Tensor classWeights) throws IOException {
        if (c.args().has("ignore-index")) {
            throw new IllegalArgumentException("option --ignore-index only applies to class-index targets; "
                    + targetFile.source() + " holds class probabilities");
        }
        if (logits.rank() < 1) throw new IllegalArgumentException("input must be [C], [N, C] or [N, C, d1, ...], got a scalar");
        if (!Arrays.equals(targetFile.shape(), logits.shape())) {
            throw new IllegalArgumentException("target " + targetFile.source() + " has shape " + Arrays.toString(targetFile.shape())
                    + "; class probabilities must have the input's shape " + Arrays.toString(logits.shape()));
        }
        boolean unbatched = logits.rank() == 1;
        Tensor x = unbatched ? logits.reshape(1, logits.dim(0)) : logits;
        int[] s = x.shape();
        int n = s[0], classes = s[1], inner = 1;
        for (int i = 2; i < s.length; i++) inner *= s[i];
        if (classWeights != null) classWeights.requireShape("weight", classes);
        float smoothing = c.floatValue("label-smoothing", 0f);
        if (!(smoothing >= 0f && smoothing <= 1f)) {
            throw new IllegalArgumentException("label_smoothing " + smoothing + " must be in [0, 1]");
        }
        Reduction reduction;
        try {
            reduction = Reduction.parse(c.word("reduction", "mean"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --reduction: " + e.getMessage());
        }
        float[] y = targetFile.floats();
        int positions = n * inner;
        // a[pos][c] = w_c * y'_c, laid out as the input (N, C, inner)
        double[] a = new double[y.length];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < classes; k++) {
                double w = classWeights == null ? 1.0 : classWeights.data()[k];
                for (int i = 0; i < inner; i++) {
                    int at = (b * classes + k) * inner + i;
                    a[at] = w * ((1.0 - smoothing) * y[at] + (double) smoothing / classes);
                }
            }
        }
        float[] logp = c.ops().logSoftmax(x, 1).data();
        double[] perPosition = new double[positions];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    int at = (b * classes + k) * inner + i;
                    sum -= a[at] * logp[at];
                }
                perPosition[b * inner + i] = sum;
            }
        }
        int[] noneShape = new int[s.length - 1];
        noneShape[0] = n;
        System.arraycopy(s, 2, noneShape, 1, s.length - 2);
        int[] lossShape = reduction == Reduction.NONE ? (unbatched ? new int[0] : noneShape) : new int[0];
        float[] loss;
        if (reduction == Reduction.NONE) {
            loss = new float[positions];
            for (int i = 0; i < positions; i++) loss[i] = (float) perPosition[i];
        } else {
            double total = 0;
            for (double v : perPosition) total += v;
            loss = new float[] {(float) (reduction == Reduction.MEAN ? total / positions : total)};
        }
        c.result("out", Tensor.wrap(loss, lossShape));
        if (c.backward()) {
            Tensor g = c.tensor("grad-out");
            g.requireShape("grad-out", lossShape);
            float[] gx = new float[y.length];
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    int pos = b * inner + i;
                    double up = reduction == Reduction.NONE ? g.data()[pos]
                            : reduction == Reduction.MEAN ? g.data()[0] / (double) positions : g.data()[0];
                    double sumA = 0;
                    for (int k = 0; k < classes; k++) sumA += a[(b * classes + k) * inner + i];
                    for (int k = 0; k < classes; k++) {
                        int at = (b * classes + k) * inner + i;
                        gx[at] = (float) (up * (Math.exp(logp[at]) * sumA - a[at]));
                    }
                }
            }
            c.result("grad-input-out", Tensor.wrap(gx, logits.shape()));
        }
    }
}
