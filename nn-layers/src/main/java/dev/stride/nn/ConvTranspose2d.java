package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.ConvGradients;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code torch.nn.ConvTranspose2d}: weight {@code [in, out/groups, kH, kW]}, bias {@code [out]}. PyTorch
 * computes the fans of this weight as for any tensor, so {@code fan_in = (out/groups)*kH*kW}; the default
 * initialisation uses that fan for both weight and bias, as here.
 */
public final class ConvTranspose2d implements Layer {
    private final ConvTranspose2dParams params;
    private final Parameter weight;
    private final Parameter bias;
    private final ForwardCache cache = new ForwardCache("ConvTranspose2d");

    public ConvTranspose2d(ConvTranspose2dParams params, SplittableRandom rng) {
        this.params = Check.notNull("params", params);
        this.weight = new Parameter("weight", Init.defaultWeight(rng, params.weightShape()));
        this.bias = params.bias()
                ? new Parameter("bias", Init.defaultBias(rng, Init.fanIn(params.weightShape()), params.outChannels())) : null;
    }

    public ConvTranspose2dParams params() { return params; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        cache.put(input);
        return ops.convTranspose2d(input, weight.value(), bias == null ? null : bias.value(), params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        ConvGradients g = ops.convTranspose2dBackward(cache.get(), weight.value(), gradOutput, params);
        weight.accumulate(g.gradWeight());
        if (bias != null) bias.accumulate(g.gradBias());
        return g.gradInput();
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public List<Parameter> parameters() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    @Override public String describe() {
        ConvTranspose2dParams p = params;
        StringBuilder s = new StringBuilder("ConvTranspose2d(").append(p.inChannels()).append(", ").append(p.outChannels())
                .append(", kernel_size=(").append(p.kernelH()).append(", ").append(p.kernelW()).append(')');
        if (p.strideH() != 1 || p.strideW() != 1) s.append(", stride=(").append(p.strideH()).append(", ").append(p.strideW()).append(')');
        if (p.paddingH() != 0 || p.paddingW() != 0) s.append(", padding=(").append(p.paddingH()).append(", ").append(p.paddingW()).append(')');
        if (p.outputPaddingH() != 0 || p.outputPaddingW() != 0) {
            s.append(", output_padding=(").append(p.outputPaddingH()).append(", ").append(p.outputPaddingW()).append(')');
        }
        if (p.dilationH() != 1 || p.dilationW() != 1) s.append(", dilation=(").append(p.dilationH()).append(", ").append(p.dilationW()).append(')');
        if (p.groups() != 1) s.append(", groups=").append(p.groups());
        if (!p.bias()) s.append(", bias=False");
        return s.append(')').toString();
    }
}
