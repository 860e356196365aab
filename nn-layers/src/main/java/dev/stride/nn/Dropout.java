package dev.stride.nn;

import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import java.util.SplittableRandom;

/**
 * {@code torch.nn.Dropout(p)}: in training, each element is zeroed with probability {@code p} and the
 * survivors scaled by {@code 1/(1-p)}; in evaluation, the identity. The mask comes from the layer's own
 * seeded stream, so a run is reproducible (the stream is not PyTorch's).
 */
public final class Dropout implements Layer {
    private final float p;
    private final SplittableRandom rng;
    private boolean training = true;
    private float[] mask; // scale per element of the last training forward; null after an eval forward

    /** {@code p} in [0, 1]; the mask stream is seeded by {@code seed}. */
    public Dropout(float p, long seed) {
        if (!(p >= 0f && p <= 1f)) throw new IllegalArgumentException("dropout probability " + p + " must be in [0, 1]");
        this.p = p;
        this.rng = new SplittableRandom(seed);
    }

    @Override public void setTraining(boolean training) { this.training = training; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        if (input == null) throw new IllegalArgumentException("input must not be null");
        if (!training || p == 0f) {
            mask = null;
            return input.copy();
        }
        float scale = p == 1f ? 0f : 1f / (1f - p);
        float[] x = input.data();
        mask = new float[x.length];
        Tensor y = Tensor.zeros(input.shape());
        float[] out = y.data();
        for (int i = 0; i < x.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0f : scale;
            out[i] = x[i] * mask[i];
        }
        return y;
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        if (gradOutput == null) throw new IllegalArgumentException("grad_output must not be null");
        if (mask == null) return gradOutput.copy();
        if (mask.length != gradOutput.size()) {
            throw new IllegalArgumentException("Dropout: grad_output has " + gradOutput.size() + " elements, the forward had " + mask.length);
        }
        Tensor g = Tensor.zeros(gradOutput.shape());
        float[] src = gradOutput.data(), dst = g.data();
        for (int i = 0; i < dst.length; i++) dst[i] = src[i] * mask[i];
        return g;
    }

    @Override public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override public String describe() { return "Dropout(p=" + p + ")"; }
}
