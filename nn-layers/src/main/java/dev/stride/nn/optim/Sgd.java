package dev.stride.nn.optim;

import dev.stride.nn.Parameter;
import java.util.List;

/**
 * {@code torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)}, per element in float:
 * <pre>
 *   g = grad + weight_decay * p
 *   if momentum != 0:
 *       buf = g                                   (first step)
 *       buf = momentum * buf + (1 - dampening) * g (later steps)
 *       g = nesterov ? g + momentum * buf : buf
 *   p = p - lr * g
 * </pre>
 * Nesterov needs momentum > 0 and dampening 0 (PyTorch rule).
 */
public final class Sgd implements Optimizer {
    private final List<Parameter> params;
    private final float momentum, dampening, weightDecay;
    private final boolean nesterov;
    private final float[][] buffers;
    private double lr;

    public Sgd(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        this.params = OptimizerChecks.parameters(params);
        this.lr = OptimizerChecks.nonNegative("learning rate", lr);
        this.momentum = (float) OptimizerChecks.nonNegative("momentum", momentum);
        this.dampening = (float) dampening;
        this.weightDecay = (float) OptimizerChecks.nonNegative("weight_decay", weightDecay);
        if (Double.isNaN(dampening)) throw new IllegalArgumentException("Invalid dampening value: NaN");
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening (momentum "
                    + momentum + ", dampening " + dampening + ")");
        }
        this.nesterov = nesterov;
        this.buffers = new float[this.params.size()][];
    }

    /** Plain SGD. */
    public Sgd(List<Parameter> params, double lr) { this(params, lr, 0, 0, 0, false); }

    @Override public void step() {
        float lrf = (float) lr;
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            float[] w = p.value().data(), grad = p.grad().data();
            float[] buf = buffers[k];
            boolean first = buf == null;
            if (momentum != 0 && first) buf = buffers[k] = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                float g = grad[i];
                if (weightDecay != 0) g = g + weightDecay * w[i];
                if (momentum != 0) {
                    buf[i] = first ? g : momentum * buf[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buf[i] : buf[i];
                }
                w[i] = w[i] - lrf * g;
            }
        }
    }

    @Override public List<Parameter> parameters() { return params; }

    @Override public double learningRate() { return lr; }

    @Override public void setLearningRate(double lr) { this.lr = OptimizerChecks.nonNegative("learning rate", lr); }
}
