package dev.stride.nn;

import dev.stride.core.Activation;
import dev.stride.core.Check;
import dev.stride.core.Conv2dPlan;
import dev.stride.core.ConvGradients;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.PaddingMode;
import dev.stride.core.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code torch.nn.Conv2d}: every option of {@link Conv2dParams} (stride, per-side padding, padding mode,
 * dilation, groups, bias). Input {@code [N, inChannels, H, W]}, output by {@link Conv2dParams#outputShape}.
 * Parameters {@code weight [out, in/groups, kH, kW]} and {@code bias [out]} (if any), initialised as
 * PyTorch does ({@link Init#defaultWeight}, {@link Init#defaultBias}).
 */
public final class Conv2d implements Layer {
    private final Conv2dParams params;
    private final Parameter weight;
    private final Parameter bias;
    private final ForwardCache cache = new ForwardCache("Conv2d");
    /** Non-null for replicas: their reused output and input gradient. */
    private OutputBuffer out, gradIn;

    // Fusion with the following ReLU (and 2x2 max pool) of a slice, set by LayerFusion on replicas only.
    private boolean fusedRelu, fusedPool, training = true;
    /** The relu plan of the last input shape (rebuilt when the shape changes, e.g. a batch's last slice). */
    private Conv2dPlan plan;
    private OutputBuffer pooledOut;
    /** The last fused forward's activated output (null when it wrote only the pooled map) and pooled map (or null). */
    private Tensor activated, pooled;

    /** A layer with PyTorch's default initialisation drawn from {@code rng}. */
    public Conv2d(Conv2dParams params, SplittableRandom rng) {
        this(params, Init.defaultWeight(rng, Check.notNull("params", params).weightShape()),
                params.bias() ? Init.defaultBias(rng, Init.fanIn(params.weightShape()), params.outChannels()) : null);
    }

    /** A layer holding copies of the given weight and bias (bias null iff {@code !params.bias()}). */
    public Conv2d(Conv2dParams params, Tensor weight, Tensor bias) {
        this.params = Check.notNull("params", params);
        Check.notNull("weight", weight).requireShape("Conv2d weight", params.weightShape());
        if (params.bias() != (bias != null)) {
            throw new IllegalArgumentException("Conv2d bias " + (bias == null ? "is null" : "is given")
                    + " but the parameters say bias=" + params.bias());
        }
        if (bias != null) bias.requireShape("Conv2d bias", params.outChannels());
        this.weight = new Parameter("weight", weight.copy());
        this.bias = bias == null ? null : new Parameter("bias", bias.copy());
    }

    /** A layer over existing parameters (shared, not copied): for {@link #replica}. */
    private Conv2d(Conv2dParams params, Parameter weight, Parameter bias) {
        this.params = params;
        this.weight = weight;
        this.bias = bias;
    }

    public Conv2dParams params() { return params; }

    @Override public Layer replica() {
        Conv2d r = new Conv2d(params, new Parameter("weight", weight.value()), bias == null ? null : new Parameter("bias", bias.value()));
        r.out = new OutputBuffer();
        r.gradIn = new OutputBuffer();
        return r;
    }

    public Parameter weight() { return weight; }

    /** The bias parameter, or null. */
    public Parameter bias() { return bias; }

    @Override public void setTraining(boolean training) { this.training = training; }

    /** For {@link LayerFusion}: apply relu in the epilogue, and with {@code pool} also a 2x2 max pool where the plan can. */
    void fuseRelu(boolean pool) {
        fusedRelu = true;
        fusedPool = pool;
        if (pool) pooledOut = new OutputBuffer();
    }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        cache.put(input);
        Tensor b = bias == null ? null : bias.value();
        if (fusedRelu) return fusedForward(ops, input, b);
        if (out != null) return ops.conv2d(input, weight.value(), b, params, out.of(params.outputShape(input.shape())));
        return ops.conv2d(input, weight.value(), b, params);
    }

    /**
     * relu(conv) in one pass; with the pool fused, also its 2x2 max pool ({@link #pooledFor}); in
     * evaluation mode then only the pooled map, which is returned (the ReLU replica passes it on and the
     * pool replica recognises it).
     */
    private Tensor fusedForward(Ops ops, Tensor input, Tensor b) {
        int[] shape = input.shape();
        if (plan == null || !java.util.Arrays.equals(plan.inputShape(), shape)) {
            params.outputShape(shape);
            plan = Conv2dPlan.of(params, shape, Activation.relu(), ops.threads());
        }
        pooled = null;
        activated = null;
        if (fusedPool && plan.fusesMaxPool2x2()) {
            int[] os = plan.outputShape();
            Tensor p = pooledOut.of(new int[] {os[0], os[1], os[2] / 2, os[3] / 2});
            Tensor y = training ? out.of(os) : null;
            plan.forwardMaxPool2x2(input, weight.value(), b, y, p);
            pooled = p;
            activated = y;
            return training ? y : p;
        }
        activated = plan.forward(input, weight.value(), b, out.of(plan.outputShape()));
        return activated;
    }

    /** A fused replica's pooled map when {@code input} is what its last forward returned, else null. */
    Tensor pooledFor(Tensor input) {
        return pooled != null && (input == pooled || input == activated) ? pooled : null;
    }

    /**
     * A fused replica's activated output {@code relu(conv(input))} of the last forward, for the backward of
     * the ReLU and the pool; recomputed if that forward wrote only the pooled map (evaluation mode).
     */
    Tensor activatedOutput() {
        if (activated == null) {
            Tensor b = bias == null ? null : bias.value();
            activated = plan.forward(cache.get(), weight.value(), b, out.of(plan.outputShape()));
        }
        return activated;
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) { return backward(ops, gradOutput, true); }

    /** With {@code needInputGradient == false} the input gradient is skipped and null is returned. */
    @Override public Tensor backward(Ops ops, Tensor gradOutput, boolean needInputGradient) {
        if (gradIn != null) {
            // A replica sets its own gradients (see Layer#replica) through the out= backward: nothing allocated.
            Tensor x = cache.get();
            ConvGradients into = new ConvGradients(needInputGradient ? gradIn.of(x.shape()) : null, weight.grad(),
                    bias == null ? null : bias.grad());
            return ops.conv2dBackward(x, weight.value(), gradOutput, params, into).gradInput();
        }
        ConvGradients g = ops.conv2dBackward(cache.get(), weight.value(), gradOutput, params, needInputGradient);
        weight.accumulate(g.gradWeight());
        if (bias != null) bias.accumulate(g.gradBias());
        return g.gradInput();
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public List<Parameter> parameters() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    @Override public String describe() {
        Conv2dParams p = params;
        StringBuilder s = new StringBuilder("Conv2d(").append(p.inChannels()).append(", ").append(p.outChannels())
                .append(", kernel_size=(").append(p.kernelH()).append(", ").append(p.kernelW()).append(')');
        if (p.strideH() != 1 || p.strideW() != 1) s.append(", stride=(").append(p.strideH()).append(", ").append(p.strideW()).append(')');
        var pad = p.padding();
        if (pad.top() != 0 || pad.bottom() != 0 || pad.left() != 0 || pad.right() != 0) {
            s.append(pad.symmetric() ? ", padding=(" + pad.top() + ", " + pad.left() + ")"
                    : ", padding=(" + pad.top() + ", " + pad.bottom() + ", " + pad.left() + ", " + pad.right() + ")");
        }
        if (p.dilationH() != 1 || p.dilationW() != 1) s.append(", dilation=(").append(p.dilationH()).append(", ").append(p.dilationW()).append(')');
        if (p.groups() != 1) s.append(", groups=").append(p.groups());
        if (!p.bias()) s.append(", bias=False");
        if (p.paddingMode() != PaddingMode.ZEROS) s.append(", padding_mode=").append(p.paddingMode().name().toLowerCase());
        return s.append(')').toString();
    }
}
