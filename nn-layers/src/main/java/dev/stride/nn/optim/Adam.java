package dev.stride.nn.optim;

import dev.stride.nn.Parameter;
import java.util.List;

/**
 * {@code torch.optim.Adam} and {@code torch.optim.AdamW} (decoupled weight decay), per element in float
 * with the bias corrections in double, as PyTorch's single-tensor path:
 * <pre>
 *   t = t + 1
 *   Adam:  g = grad + weight_decay * p          AdamW: p = p * (1 - lr * weight_decay); g = grad
 *   m = lerp(m, g, 1 - beta1)                   (m + (1-beta1)(g - m))
 *   v = beta2 * v + (1 - beta2) * g * g
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 */
public final class Adam implements Optimizer {
    private final List<Parameter> params;
    private final double beta1, beta2;
    private final float eps, weightDecay;
    private final boolean decoupled;
    private final float[][] m, v;
    private long t;
    private double lr;

    /** @param decoupled true for AdamW's decoupled weight decay, false for Adam's L2 form */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        this.params = OptimizerChecks.parameters(params);
        this.lr = OptimizerChecks.nonNegative("learning rate", lr);
        this.beta1 = OptimizerChecks.unitInterval("beta at index 0", beta1);
        this.beta2 = OptimizerChecks.unitInterval("beta at index 1", beta2);
        this.eps = (float) OptimizerChecks.nonNegative("epsilon", eps);
        this.weightDecay = (float) OptimizerChecks.nonNegative("weight_decay", weightDecay);
        this.decoupled = decoupled;
        this.m = new float[this.params.size()][];
        this.v = new float[this.params.size()][];
    }

    /** {@code Adam(params, lr)} with betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam adam(List<Parameter> params, double lr) { return new Adam(params, lr, 0.9, 0.999, 1e-8, 0, false); }

    /** {@code AdamW(params, lr)} with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight_decay 0.01. */
    public static Adam adamW(List<Parameter> params, double lr) { return new Adam(params, lr, 0.9, 0.999, 1e-8, 0.01, true); }

    /** Steps taken so far. */
    public long steps() { return t; }

    @Override public void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float oneMinusB1 = (float) (1 - beta1), b2 = (float) beta2, oneMinusB2 = (float) (1 - beta2);
        float decay = (float) (1 - lr * weightDecay);
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            float[] w = p.value().data(), grad = p.grad().data();
            if (m[k] == null) { m[k] = new float[w.length]; v[k] = new float[w.length]; }
            float[] mk = m[k], vk = v[k];
            for (int i = 0; i < w.length; i++) {
                float g = grad[i];
                if (weightDecay != 0) {
                    if (decoupled) w[i] = w[i] * decay;
                    else g = g + weightDecay * w[i];
                }
                mk[i] = mk[i] + oneMinusB1 * (g - mk[i]);
                vk[i] = vk[i] * b2 + oneMinusB2 * g * g;
                float denom = (float) Math.sqrt(vk[i]) / bc2Sqrt + eps;
                w[i] = w[i] - stepSize * (mk[i] / denom);
            }
        }
    }

    @Override public List<Parameter> parameters() { return params; }

    @Override public double learningRate() { return lr; }

    @Override public void setLearningRate(double lr) { this.lr = OptimizerChecks.nonNegative("learning rate", lr); }
}
