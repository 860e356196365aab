package dev.stride.nn;

import dev.stride.core.Activation;
import dev.stride.core.MaxPool2dParams;
import java.util.List;

/**
 * Joins a slice's {@link Layer#replica replicas} that can run as one pass: {@code Conv2d -> ReLU}
 * becomes a convolution with relu in its epilogue (the ReLU replica passes its input through), and
 * {@code Conv2d -> ReLU -> MaxPool2d(2)} also takes the pool in the convolution's pass where
 * {@link dev.stride.core.Conv2dPlan#fusesMaxPool2x2} says it can (LeNet-5's two blocks). In evaluation
 * mode the fused convolution then writes only the pooled map.
 *
 * <p>Results: the same values as the layers run one by one (relu applied to the same sums; the pool
 * takes maxima of the same values, and after relu there is no -0 whose order could matter). Backward
 * is unchanged: ReLU's mask and the pool's input are the convolution's activated output, which a fused
 * convolution keeps in training mode and recomputes on demand after an evaluation-mode forward.
 */
final class LayerFusion {
    private LayerFusion() {}

    private static final MaxPool2dParams POOL_2X2 = MaxPool2dParams.of(2);

    /** Links the fusable runs of one slice's replicas (each replica is in at most one run). */
    static void link(List<Layer> replicas) {
        for (int i = 0; i + 1 < replicas.size(); i++) {
            if (!(replicas.get(i) instanceof Conv2d conv) || !(replicas.get(i + 1) instanceof ActivationLayer act)
                    || act.activation().kind() != Activation.Kind.RELU) {
                continue;
            }
            MaxPool2d pool = i + 2 < replicas.size() && replicas.get(i + 2) instanceof MaxPool2d m
                    && m.params().equals(POOL_2X2) ? m : null;
            conv.fuseRelu(pool != null);
            act.passThrough(conv);
            if (pool != null) pool.takeFrom(conv);
        }
    }
}
