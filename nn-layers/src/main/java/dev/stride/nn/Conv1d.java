package dev.stride.nn;

import dev.stride.core.Check;
import dev.stride.core.Conv1dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.Ops;
import dev.stride.core.PaddingMode;
import dev.stride.core.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code torch.nn.Conv1d}: input {@code [N, inChannels, L]}, weight {@code [out, in/groups, kernel]},
 * bias {@code [out]}; PyTorch's default initialisation.
 */
public final class Conv1d implements Layer {
    private final Conv1dParams params;
    private final Parameter weight;
    private final Parameter bias;
    private final ForwardCache cache = new ForwardCache("Conv1d");

    public Conv1d(Conv1dParams params, SplittableRandom rng) {
        this.params = Check.notNull("params", params);
        this.weight = new Parameter("weight", Init.defaultWeight(rng, params.weightShape()));
        this.bias = params.bias()
                ? new Parameter("bias", Init.defaultBias(rng, Init.fanIn(params.weightShape()), params.outChannels())) : null;
    }

    public Conv1dParams params() { return params; }

    @Override public Tensor forward(Ops ops, Tensor input) {
        Check.notNull("input", input);
        cache.put(input);
        return ops.conv1d(input, weight.value(), bias == null ? null : bias.value(), params);
    }

    @Override public Tensor backward(Ops ops, Tensor gradOutput) {
        ConvGradients g = ops.conv1dBackward(cache.get(), weight.value(), gradOutput, params);
        weight.accumulate(g.gradWeight());
        if (bias != null) bias.accumulate(g.gradBias());
        return g.gradInput();
    }

    @Override public int[] outputShape(int[] inputShape) { return params.outputShape(inputShape); }

    @Override public List<Parameter> parameters() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    @Override public String describe() {
        Conv1dParams p = params;
        StringBuilder s = new StringBuilder("Conv1d(").append(p.inChannels()).append(", ").append(p.outChannels())
                .append(", kernel_size=(").append(p.kernel()).append(",)");
        if (p.stride() != 1) s.append(", stride=(").append(p.stride()).append(",)");
        if (p.padLeft() != 0 || p.padRight() != 0) {
            s.append(p.padLeft() == p.padRight() ? ", padding=(" + p.padLeft() + ",)"
                    : ", padding=(" + p.padLeft() + ", " + p.padRight() + ")");
        }
        if (p.dilation() != 1) s.append(", dilation=(").append(p.dilation()).append(",)");
        if (p.groups() != 1) s.append(", groups=").append(p.groups());
        if (!p.bias()) s.append(", bias=False");
        if (p.paddingMode() != PaddingMode.ZEROS) s.append(", padding_mode=").append(p.paddingMode().name().toLowerCase());
        return s.append(')').toString();
    }
}
