package dev.stride.nn;

import dev.stride.core.Activation;
import dev.stride.core.Check;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;

/**
 * An element-wise activation as a layer ({@code torch.nn.ReLU}, {@code LeakyReLU}, {@code ELU},
 * {@code Sigmoid}, {@code Tanh}, {@code GELU}, {@code SiLU}, {@code Softplus}); any input shape.
 */
public final class ActivationLayer implements Layer {
    private final Activation activation;
    private final ForwardCache cache = new ForwardCache("activation");
    /** Replicas apply ReLU in place (see {@link #forward}). */
    private boolean inPlace;
    /** Non-null for replicas: their reused input gradient. */
    private OutputBuffer gradIn;
    /** Set by {@link LayerFusion}: the preceding convolution applies this ReLU; forward passes its input on. */
    private Conv2d fusedInto;

    public ActivationLayer(Activation activation) { this.activation = Check.notNull("activation", activation); }

    /** {@code nn.ReLU()}. */
    public static ActivationLayer relu() { return new ActivationLayer(Activation.relu()); }

    public static ActivationLayer tanh() { return new ActivationLayer(Activation.tanh()); }

    public static ActivationLayer sigmoid() { return new ActivationLayer(Activation.sigmoid()); }

    public Activation activation() { return activation; }

    @Override public Layer replica() {
        ActivationLayer r = new ActivationLayer(activation);
        r.inPlace = activation.kind() == Activation.Kind.RELU;
        r.gradIn = new OutputBuffer();
        return r;
    }

    /** For {@link LayerFusion} (ReLU replicas only): {@code conv} computes this layer's output. */
    void passThrough(Conv2d conv) { fusedInto = conv; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        if (fusedInto != null) {
            cache.put(input);
            return input;
        }
        if (inPlace) {
            // A replica's input is the previous replica's output (or a slice copy), which no backward
            // reads; and ReLU's gradient mask is the same from its output (y > 0 iff x > 0, NaN in
            // neither), so the output can stand in for the input.
            ops.activation(input, activation, input);
            cache.put(input);
            return input;
        }
        cache.put(input);
        return ops.activation(input, activation);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        // A fused ReLU's mask comes from the convolution's activated output (y > 0 iff x > 0, as for the
        // in-place replica); its cached input may be the pooled map of an evaluation-mode forward.
        Tensor t = cache.get();
        if (fusedInto != null) t = fusedInto.activatedOutput();
        if (gradIn != null) return ops.activationBackward(t, gradOutput, activation, gradIn.of(t.shape()));
        return ops.activationBackward(t, gradOutput, activation);
    }

    @Override public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override public String describe() {
        Activation a = activation;
        return switch (a.kind()) {
            case RELU -> "ReLU()";
            case LEAKY_RELU -> "LeakyReLU(negative_slope=" + a.alpha() + ")";
            case ELU -> "ELU(alpha=" + a.alpha() + ")";
            case SIGMOID -> "Sigmoid()";
            case TANH -> "Tanh()";
            case GELU -> "GELU(approximate='none')";
            case GELU_TANH -> "GELU(approximate='tanh')";
            case SILU -> "SiLU()";
            case SOFTPLUS -> "Softplus(beta=" + a.beta() + ", threshold=" + a.threshold() + ")";
        };
    }
}
