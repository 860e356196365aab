package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.ConvGradients;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code torch.nn.Linear}: {@code y = x W^T + b} on input {@code [..., in]}, output {@code [..., out]};
 * weight {@code [out, in]}, bias {@code [out]}; PyTorch's default initialisation.
 */
public final class Linear implements Layer {
    private final int inFeatures, outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private final ForwardCache cache = new ForwardCache("Linear");
    /** Non-null for replicas: their reused output and input gradient. */
    private OutputBuffer out, gradIn;

    public Linear(int inFeatures, int outFeatures, boolean bias, SplittableRandom rng) {
        this.inFeatures = Check.positive("in_features", inFeatures);
        this.outFeatures = Check.positive("out_features", outFeatures);
        this.weight = new Parameter("weight", Init.defaultWeight(rng, outFeatures, inFeatures));
        this.bias = bias ? new Parameter("bias", Init.defaultBias(rng, inFeatures, outFeatures)) : null;
    }

    /** With bias, as PyTorch's default. */
    public Linear(int inFeatures, int outFeatures, SplittableRandom rng) { this(inFeatures, outFeatures, true, rng); }

    /** A layer over existing parameters (shared, not copied): for {@link #replica}. */
    private Linear(int inFeatures, int outFeatures, Parameter weight, Parameter bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = weight;
        this.bias = bias;
    }

    @Override public Layer replica() {
        Linear r = new Linear(inFeatures, outFeatures, new Parameter("weight", weight.value()),
                bias == null ? null : new Parameter("bias", bias.value()));
        r.out = new OutputBuffer();
        r.gradIn = new OutputBuffer();
        return r;
    }

    public int inFeatures() { return inFeatures; }

    public int outFeatures() { return outFeatures; }

    public Parameter weight() { return weight; }

    /** The bias, or null for a layer built without one. */
    public Parameter bias() { return bias; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        outputShape(input.shape());
        cache.put(input);
        Tensor b = bias == null ? null : bias.value();
        if (out != null) return ops.linear(input, weight.value(), b, out.of(outputShape(input.shape())));
        return ops.linear(input, weight.value(), b);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) { return backward(ops, gradOutput, true); }

    /** With {@code needInputGradient == false} a replica skips the input gradient and returns null. */
    @Override public Tensor backward(Ops ops, Tensor gradOutput, boolean needInputGradient) {
        if (gradIn != null) {
            // A replica sets its own gradients (see Layer#replica) through the out= backward: nothing allocated.
            Tensor x = cache.get();
            ConvGradients into = new ConvGradients(needInputGradient ? gradIn.of(x.shape()) : null, weight.grad(),
                    bias == null ? null : bias.grad());
            return ops.linearBackward(x, weight.value(), gradOutput, into).gradInput();
        }
        ConvGradients g = ops.linearBackward(cache.get(), weight.value(), gradOutput, bias != null);
        weight.accumulate(g.gradWeight());
        if (bias != null) bias.accumulate(g.gradBias());
        return g.gradInput();
    }

    @Override public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 1 || inputShape[inputShape.length - 1] != inFeatures) {
            throw new IllegalArgumentException("Linear: input shape " + Arrays.toString(inputShape)
                    + " must end in in_features " + inFeatures);
        }
        int[] out = inputShape.clone();
        out[out.length - 1] = outFeatures;
        return out;
    }

    @Override public List<Parameter> parameters() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    @Override public String describe() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False") + ")";
    }
}
