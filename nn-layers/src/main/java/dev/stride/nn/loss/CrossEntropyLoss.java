package dev.stride.nn.loss;

import dev.stride.core.Check;
import dev.stride.core.CrossEntropyParams;
import dev.stride.core.Ops;
import dev.stride.core.Reduction;
import dev.stride.core.Tensor;

/**
 * {@code torch.nn.CrossEntropyLoss}: log-softmax and negative log-likelihood fused, from logits
 * {@code [N, C]} and class indices {@code [N]}, computed by {@link Ops#crossEntropy}. Reduction must be
 * MEAN or SUM here (a scalar loss to train on); options as {@link CrossEntropyParams}.
 */
public final class CrossEntropyLoss {
    private final CrossEntropyParams params;
    private Tensor logits;
    private int[] targets;

    public CrossEntropyLoss(CrossEntropyParams params) {
        this.params = Check.notNull("params", params);
        if (params.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException("CrossEntropyLoss reduction none gives no scalar to train on; use mean or sum");
        }
    }

    /** PyTorch's defaults (mean, no smoothing, ignore_index -100). */
    public CrossEntropyLoss() { this(CrossEntropyParams.defaults()); }

    /** The loss of {@code logits} against {@code targets}; remembers both for {@link #backward}. */
    public float forward(Ops ops, Tensor logits, int[] targets) {
        Check.notNull("logits", logits);
        Check.notNull("targets", targets);
        Tensor loss = ops.crossEntropy(logits, targets, params);
        this.logits = logits;
        this.targets = targets.clone();
        return loss.data()[0];
    }

    /** The gradient of the last loss with respect to its logits. */
    public Tensor backward(Ops ops) {
        if (logits == null) throw new IllegalStateException("CrossEntropyLoss: backward called before forward");
        return ops.crossEntropyBackward(logits, targets, Tensor.scalar(1f), params);
    }
}
