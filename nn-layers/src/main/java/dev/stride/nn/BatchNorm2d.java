package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True)}
 * on {@code [N, C, H, W]}.
 *
 * <p>Training: normalises each channel by the batch mean and biased variance, and updates
 * {@code running_mean = (1-momentum)*running_mean + momentum*mean} and {@code running_var} likewise
 * with the unbiased variance (PyTorch's rule). Evaluation: normalises by the running statistics.
 * Statistics are accumulated in double in a fixed order, so results do not depend on threads.
 * {@link #buffers()} holds {@code running_mean}, {@code running_var} and {@code num_batches_tracked}, as
 * PyTorch's state_dict; the count is a rank-0 float32 tensor (exact up to 2^24 batches) because weights are
 * saved as F32, and PyTorch's {@code load_state_dict} casts it to its int64 buffer.
 */
public final class BatchNorm2d implements Layer {
    private final int channels;
    private final float eps, momentum;
    private final Parameter weight, bias;
    private final Tensor runningMean, runningVar;
    private final Tensor batchesTracked = Tensor.scalar(0f);
    private boolean training = true;
    // from the last forward, for backward
    private Tensor xHat;
    private float[] invStd;
    private boolean lastWasTraining;

    public BatchNorm2d(int numFeatures, float eps, float momentum, boolean affine) {
        this.channels = Check.positive("num_features", numFeatures);
        if (!(eps > 0f)) throw new IllegalArgumentException("eps " + eps + " must be positive");
        if (!(momentum >= 0f && momentum <= 1f)) throw new IllegalArgumentException("momentum " + momentum + " must be in [0, 1]");
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? new Parameter("weight", Tensor.full(1f, numFeatures)) : null;
        this.bias = affine ? new Parameter("bias", Tensor.zeros(numFeatures)) : null;
        this.runningMean = Tensor.zeros(numFeatures);
        this.runningVar = Tensor.full(1f, numFeatures);
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm2d(int numFeatures) { this(numFeatures, 1e-5f, 0.1f, true); }

    public Tensor runningMean() { return runningMean; }

    public Tensor runningVar() { return runningVar; }

    /** PyTorch's {@code num_batches_tracked}. */
    public long batchesTracked() { return (long) batchesTracked.data()[0]; }

    @Override public void setTraining(boolean training) { this.training = training; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        int[] s = outputShape(input.shape());
        int n = s[0], plane = s[2] * s[3];
        long count = (long) n * plane;
        if (training && count < 2) {
            throw new IllegalArgumentException("BatchNorm2d: expected more than 1 value per channel when training, got input shape "
                    + Arrays.toString(s));
        }
        float[] x = input.data();
        Tensor y = Tensor.zeros(s);
        xHat = Tensor.zeros(s);
        invStd = new float[channels];
        float[] out = y.data(), xh = xHat.data();
        for (int c = 0; c < channels; c++) {
            double mean, var;
            if (training) {
                double sum = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * channels + c) * plane;
                    for (int i = 0; i < plane; i++) sum += x[base + i];
                }
                mean = sum / count;
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * channels + c) * plane;
                    for (int i = 0; i < plane; i++) { double d = x[base + i] - mean; sq += d * d; }
                }
                var = sq / count;
                float[] rm = runningMean.data(), rv = runningVar.data();
                rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean);
                rv[c] = (float) ((1 - momentum) * rv[c] + momentum * (sq / (count - 1)));
            } else {
                mean = runningMean.data()[c];
                var = runningVar.data()[c];
            }
            double is = 1 / Math.sqrt(var + eps);
            invStd[c] = (float) is;
            float g = weight == null ? 1f : weight.value().data()[c];
            float bb = bias == null ? 0f : bias.value().data()[c];
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    float h = (float) ((x[base + i] - mean) * is);
                    xh[base + i] = h;
                    out[base + i] = h * g + bb;
                }
            }
        }
        if (training) batchesTracked.data()[0] += 1f;
        lastWasTraining = training;
        return y;
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        if (xHat == null) throw new IllegalStateException("BatchNorm2d: backward called before forward");
        Check.notNull("grad_output", gradOutput).requireShape("BatchNorm2d grad_output", xHat.shape());
        int[] s = xHat.shape();
        int n = s[0], plane = s[2] * s[3];
        long count = (long) n * plane;
        float[] dy = gradOutput.data(), xh = xHat.data();
        Tensor gx = Tensor.zeros(s);
        float[] dx = gx.data();
        float[] dGamma = new float[channels], dBeta = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sumDy = 0, sumDyXh = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * plane;
                for (int i = 0; i < plane; i++) { sumDy += dy[base + i]; sumDyXh += (double) dy[base + i] * xh[base + i]; }
            }
            dGamma[c] = (float) sumDyXh;
            dBeta[c] = (float) sumDy;
            double g = weight == null ? 1 : weight.value().data()[c];
            double k = g * invStd[c];
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    dx[base + i] = lastWasTraining
                            ? (float) (k * (dy[base + i] - sumDy / count - xh[base + i] * sumDyXh / count))
                            : (float) (k * dy[base + i]);
                }
            }
        }
        if (weight != null) {
            weight.accumulate(Tensor.wrap(dGamma, channels));
            bias.accumulate(Tensor.wrap(dBeta, channels));
        }
        return gx;
    }

    @Override public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 4 || inputShape[1] != channels) {
            throw new IllegalArgumentException("BatchNorm2d: input must be [N, " + channels + ", H, W], got "
                    + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override public List<Parameter> parameters() { return weight == null ? List.of() : List.of(weight, bias); }

    @Override public Map<String, Tensor> buffers() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        m.put("num_batches_tracked", batchesTracked);
        return m;
    }

    @Override public String describe() {
        return "BatchNorm2d(" + channels + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null ? "True" : "False") + ")";
    }
}
