package dev.stride.core.internal;

import dev.stride.core.Activation;
import dev.stride.core.Check;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * The engine behind {@link dev.stride.core.Conv2dPlan}: a {@link ConvPlan} built once for one input
 * shape, a thread count and a fused epilogue (none, relu or leaky_relu). Not part of the public API;
 * use {@code Conv2dPlan}.
 */
public final class PlannedConv {
    private final Conv2dParams params;
    private final int[] inputShape;
    private final ConvPlan plan;
    private final int act;
    private final float alpha;
    private final int threads;

    /** @param activation null, RELU or LEAKY_RELU; anything else is an IllegalArgumentException */
    public PlannedConv(Conv2dParams params, int[] inputShape, Activation activation, int threads) {
        Check.notNull("params", params);
        Check.notNull("input shape", inputShape);
        Check.positive("threads", threads);
        params.outputShape(inputShape);
        this.params = params;
        this.inputShape = inputShape.clone();
        this.plan = ConvPlan.forConv(params, this.inputShape);
        this.threads = threads;
        if (activation == null) {
            act = PackedGemm.ACT_NONE;
            alpha = 0f;
        } else {
            switch (activation.kind()) {
                case RELU -> { act = PackedGemm.ACT_RELU; alpha = 0f; }
                case LEAKY_RELU -> { act = PackedGemm.ACT_LEAKY_RELU; alpha = activation.alpha(); }
                default -> throw new IllegalArgumentException("activation " + activation.kind()
                        + " cannot be fused into a convolution: use relu, leaky_relu or none (null)");
            }
        }
    }

    /** The algorithm the forward runs: pointwise, depthwise, implicit_gemm, im2col, direct, direct_in_place, direct_few_channels or direct_narrow. */
    public String algorithm() {
        return plan.inPlace != null ? "direct_in_place" : plan.direct != null ? "direct" : plan.fewChannel != null ? "direct_few_channels"
                : plan.narrow != null ? "direct_narrow" : plan.path.name().toLowerCase();
    }

    /** Whether {@link #forwardPooled} computes the 2x2 max pool in the convolution's pass (else it pools afterwards). */
    public boolean fusesMaxPool2x2() {
        return plan.narrow != null && plan.narrow.poolable && act == PackedGemm.ACT_RELU;
    }

    /** {@link #forward} into {@code out}, whose shape and sharing the caller has checked. */
    public Tensor forwardInto(Tensor input, Tensor weight, Tensor bias, Tensor out) {
        checkInput(input, weight, bias);
        float[] y = out.data();
        if (plan.path != ConvPlan.Path.DEPTHWISE && plan.narrow == null) Arrays.fill(y, 0f);
        ConvForward.run(plan, input.data(), weight.data(), bias == null ? null : bias.data(), act, alpha, y, threads);
        return out;
    }

    /**
     * The forward into {@code out} (unless null) and its 2x2 stride-2 max pool into {@code pooled}, shapes
     * checked by the caller: in one pass when {@link #fusesMaxPool2x2}, else the convolution (into
     * {@code out}, or a temporary) and then the vector engine's max pool.
     */
    public void forwardPooled(Tensor input, Tensor weight, Tensor bias, Tensor out, Tensor pooled,
                              dev.stride.core.MaxPool2dParams pool) {
        if (fusesMaxPool2x2()) {
            checkInput(input, weight, bias);
            NarrowConv.forward(plan, input.data(), weight.data(), bias == null ? null : bias.data(), act, alpha,
                    out == null ? null : out.data(), pooled.data(), threads);
            return;
        }
        Tensor full = out != null ? out : Tensor.zeros(plan.batch, plan.outChannels, plan.geometry.outH, plan.geometry.outW);
        forwardInto(input, weight, bias, full);
        dev.stride.core.Stride.vector(threads).maxPool2d(full, pool, pooled);
    }

    private void checkInput(Tensor input, Tensor weight, Tensor bias) {
        params.checkInputs(input, weight, bias);
        if (!Arrays.equals(input.shape(), inputShape)) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(input.shape())
                    + " differs from the planned shape " + Arrays.toString(inputShape));
        }
    }

    /** conv2d, then bias, then the activation; validates shapes like {@code Ops.conv2d}. */
    public Tensor forward(Tensor input, Tensor weight, Tensor bias) {
        params.checkInputs(input, weight, bias);
        if (!Arrays.equals(input.shape(), inputShape)) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(input.shape())
                    + " differs from the planned shape " + Arrays.toString(inputShape));
        }
        Tensor y = Tensor.zeros(plan.batch, plan.outChannels, plan.geometry.outH, plan.geometry.outW);
        ConvForward.run(plan, input.data(), weight.data(), bias == null ? null : bias.data(), act, alpha, y.data(), threads);
        return y;
    }
}
