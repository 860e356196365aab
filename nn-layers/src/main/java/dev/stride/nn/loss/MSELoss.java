package dev.stride.nn.loss;

import dev.stride.core.Check;
import dev.stride.core.Reduction;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.MSELoss}: {@code mean((x - y)^2)} (or the sum) over inputs of equal shape. Accumulated
 * in double in element order.
 */
public final class MSELoss {
    private final Reduction reduction;
    private Tensor input, target;

    public MSELoss(Reduction reduction) {
        this.reduction = Check.notNull("reduction", reduction);
        if (reduction == Reduction.NONE) throw new IllegalArgumentException("MSELoss reduction none gives no scalar to train on; use mean or sum");
    }

    /** Mean reduction, PyTorch's default. */
    public MSELoss() { this(Reduction.MEAN); }

    public float forward(Tensor input, Tensor target) {
        Check.notNull("input", input);
        Check.notNull("target", target);
        if (!input.sameShape(target)) {
            throw new IllegalArgumentException("MSELoss: input shape " + Arrays.toString(input.shape()) + " and target shape "
                    + Arrays.toString(target.shape()) + " differ");
        }
        this.input = input;
        this.target = target;
        float[] x = input.data(), y = target.data();
        double s = 0;
        for (int i = 0; i < x.length; i++) { double d = (double) x[i] - y[i]; s += d * d; }
        return (float) (reduction == Reduction.MEAN ? s / x.length : s);
    }

    /** The gradient with respect to the last input: {@code 2(x-y)} (divided by the count for mean). */
    public Tensor backward() {
        if (input == null) throw new IllegalStateException("MSELoss: backward called before forward");
        float[] x = input.data(), y = target.data();
        Tensor g = Tensor.zeros(input.shape());
        float[] d = g.data();
        float scale = reduction == Reduction.MEAN ? 2f / x.length : 2f;
        for (int i = 0; i < d.length; i++) d[i] = scale * (x[i] - y[i]);
        return g;
    }
}
