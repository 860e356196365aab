package dev.stride.core.internal;

import dev.stride.core.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectorized convolution: validates at the entry, fetches (or builds) the {@link ConvPlan} of the
 * shape and runs the kernels: {@link ConvForward} (packed GEMM over 1x1 rows or im2col tiles,
 * {@link DepthwiseConv}), {@link ConvBackwardInput} (input gradient and the transposed convolution;
 * direct paths: the adjoint conv's forward, {@link ConvInputGradPhased}), {@link ConvBackwardWeight}
 * (weight and bias gradients; direct path {@link ConvWeightGrad16}).
 *
 * <p>Error bound (what the property tests check): each output is a sum of K products computed in
 * float with FMA or multiply-add, so {@code |y - exact| <= 8 * K * 2^-24 * sum(|w||x|)} over its K terms.
 */
final class VectorConvOps {
    private static final int PLAN_CACHE_LIMIT = 64;

    private final int threads;
    private final ConcurrentHashMap<PlanKey, ConvPlan> plans = new ConcurrentHashMap<>();

    private record PlanKey(Object params, int batch, int h, int w) {}

    VectorConvOps(int threads) { this.threads = threads; }

    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        Check.notNull("params", p);
        p.checkInputs(input, weight, bias);
        return forward(input, weight, bias, p, PackedGemm.ACT_NONE, 0f, threads);
    }

    /**
     * conv2d into {@code out}: no allocation. The depthwise and narrow kernels write every output; the GEMM and
     * direct paths may accumulate into the output, so {@code out} is zeroed first for them.
     */
    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p, Tensor out) {
        Check.notNull("params", p);
        p.checkInputs(input, weight, bias);
        OutArgument.check("conv2d", out, p.outputShape(input.shape()));
        OutArgument.notShared("conv2d", out, "input", input);
        OutArgument.notShared("conv2d", out, "weight", weight);
        OutArgument.notShared("conv2d", out, "bias", bias);
        ConvPlan pl = plan(p, input.shape());
        float[] y = out.data();
        if (pl.path != ConvPlan.Path.DEPTHWISE && pl.narrow == null) java.util.Arrays.fill(y, 0f);
        ConvForward.run(pl, input.data(), weight.data(), bias == null ? null : bias.data(), PackedGemm.ACT_NONE, 0f, y, threads);
        return out;
    }

    /** The forward with a fused activation epilogue (for a planning API). */
    Tensor forward(Tensor input, Tensor weight, Tensor bias, Conv2dParams p, int act, float alpha, int threads) {
        ConvPlan pl = plan(p, input.shape());
        Tensor y = Tensor.zeros(pl.batch, pl.outChannels, pl.geometry.outH, pl.geometry.outW);
        ConvForward.run(pl, input.data(), weight.data(), bias == null ? null : bias.data(), act, alpha, y.data(), threads);
        return y;
    }

    /** Both gradients; with {@code needInputGradient == false} the input gradient is neither computed nor returned. */
    ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p, boolean needInputGradient) {
        Check.notNull("params", p);
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        return backwardInto(input, weight, gradOutput, p, new ConvGradients(needInputGradient ? Tensor.zeros(input.shape()) : null,
                Tensor.zeros(p.weightShape()), p.bias() ? Tensor.zeros(p.outChannels()) : null));
    }

    /** The gradients into {@code out}'s tensors (validated here), which are zeroed first: some kernels add into them. */
    ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p, ConvGradients out) {
        Check.notNull("params", p);
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        OutArgument.gradients("conv2d_backward", out, input.shape(), weight.shape(), p.bias() ? new int[] {p.outChannels()} : null,
                input, weight, gradOutput);
        if (out.gradInput() != null) java.util.Arrays.fill(out.gradInput().data(), 0f);
        java.util.Arrays.fill(out.gradWeight().data(), 0f);
        if (out.gradBias() != null) java.util.Arrays.fill(out.gradBias().data(), 0f);
        return backwardInto(input, weight, gradOutput, p, out);
    }

    /** {@code out}'s tensors are zero and of the right shapes; gradInput null means not wanted. */
    private ConvGradients backwardInto(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p, ConvGradients out) {
        Check.notNull("grad_output", gradOutput);
        int[] outShape = p.outputShape(input.shape());
        weight.requireShape("weight", p.weightShape());
        gradOutput.requireShape("grad_output", outShape);
        ConvPlan pl = plan(p, input.shape());
        Tensor gradIn = out.gradInput(), gradW = out.gradWeight(), gradB = out.gradBias();
        if (SmallConvWeightGrad.applies(pl)) {
            // Few channels, stride 1 (LeNet): SmallConvWeightGrad and SmallConvInputGrad.
            if (gradIn != null) {
                if (SmallConvInputGrad.applies(pl, weight.data())) {
                    SmallConvInputGrad.run(pl, gradOutput.data(), weight.data(), gradIn.data(), threads);
                } else {
                    ConvBackwardInput.run(pl, gradOutput.data(), weight.data(), gradIn.data(), threads);
                }
            }
            SmallConvWeightGrad.run(pl, input.data(), gradOutput.data(), gradW.data(), gradB == null ? null : gradB.data(), threads);
            return out;
        }
        if (gradIn != null) ConvBackwardInput.run(pl, gradOutput.data(), weight.data(), gradIn.data(), threads);
        ConvBackwardWeight.run(pl, input.data(), gradOutput.data(), gradW.data(), threads);
        if (gradB != null) ConvBackwardWeight.bias(gradOutput.data(), pl.batch, pl.outChannels, pl.n, gradB.data(), threads);
        return out;
    }

    Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p) {
        Check.notNull("params", p);
        p.checkInputs(input, weight, bias);
        int[] outShape = p.outputShape(input.shape());
        ConvPlan pl = planTranspose(p, input.shape());
        Tensor y = Tensor.zeros(outShape);
        ConvBackwardInput.run(pl, input.data(), weight.data(), y.data(), threads);
        if (bias != null) addBias(y.data(), bias.data(), outShape[0], outShape[1], outShape[2] * outShape[3]);
        return y;
    }

    ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput, ConvTranspose2dParams p) {
        Check.notNull("params", p);
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        Check.notNull("grad_output", gradOutput);
        int[] out = p.outputShape(input.shape());
        weight.requireShape("weight", p.weightShape());
        gradOutput.requireShape("grad_output", out);
        ConvPlan pl = planTranspose(p, input.shape());
        // The adjoint conv's forward maps grad_output (its input) to the input gradient (its output).
        Tensor gradIn = Tensor.zeros(input.shape());
        ConvForward.run(pl, gradOutput.data(), weight.data(), null, PackedGemm.ACT_NONE, 0f, gradIn.data(), threads);
        Tensor gradW = Tensor.zeros(p.weightShape());
        ConvBackwardWeight.run(pl, gradOutput.data(), input.data(), gradW.data(), threads);
        Tensor gradB = null;
        if (p.bias()) {
            gradB = Tensor.zeros(p.outChannels());
            ConvBackwardWeight.bias(gradOutput.data(), out[0], out[1], out[2] * out[3], gradB.data(), threads);
        }
        return new ConvGradients(gradIn, gradW, gradB);
    }

    private static void addBias(float[] y, float[] bias, int batch, int channels, int positions) {
        for (int img = 0; img < batch; img++) {
            for (int c = 0; c < channels; c++) {
                int off = (img * channels + c) * positions;
                float b = bias[c];
                for (int i = off; i < off + positions; i++) y[i] += b;
            }
        }
    }

    ConvPlan plan(Conv2dParams p, int[] shape) {
        return cached(new PlanKey(p, shape[0], shape[2], shape[3]), () -> ConvPlan.forConv(p, shape));
    }

    private ConvPlan planTranspose(ConvTranspose2dParams p, int[] shape) {
        return cached(new PlanKey(p, shape[0], shape[2], shape[3]), () -> ConvPlan.forTranspose(p, shape));
    }

    private ConvPlan cached(PlanKey key, java.util.function.Supplier<ConvPlan> make) {
        ConvPlan pl = plans.get(key);
        if (pl == null) {
            pl = make.get();
            // A bounded cache: shapes of a network are few; an unbounded stream of shapes must not leak.
            if (plans.size() >= PLAN_CACHE_LIMIT) plans.clear();
            plans.put(key, pl);
        }
        return pl;
    }
}
