package dev.stride.core.reference;

import dev.stride.core.Activation;
import dev.stride.core.Check;
import dev.stride.core.Tensor;
import java.util.Arrays;

/**
 * Reference element-wise activations, forward and backward, with PyTorch's semantics: each element is
 * computed in double from the float input and rounded to float once.
 *
 * <p>Formulas ({@code a} = {@link Activation#alpha()}, {@code b} = {@link Activation#beta()},
 * {@code t} = {@link Activation#threshold()}; {@code g} the incoming gradient):
 * <table>
 *   <caption>forward and backward per kind</caption>
 *   <tr><th>kind</th><th>forward</th><th>backward</th></tr>
 *   <tr><td>RELU</td><td>{@code x > 0 ? x : 0}</td><td>{@code x <= 0 ? 0 : g}</td></tr>
 *   <tr><td>LEAKY_RELU</td><td>{@code x > 0 ? x : a*x}</td><td>{@code x > 0 ? g : g*a}</td></tr>
 *   <tr><td>ELU</td><td>{@code x > 0 ? x : a*(exp(x)-1)}</td><td>{@code x > 0 ? g : g*a*exp(x)}</td></tr>
 *   <tr><td>SIGMOID</td><td>{@code s = 1/(1+exp(-x))}</td><td>{@code g*s*(1-s)}</td></tr>
 *   <tr><td>TANH</td><td>{@code y = tanh(x)}</td><td>{@code g*(1-y^2)}</td></tr>
 *   <tr><td>GELU</td><td>{@code 0.5x(1+erf(x/sqrt2))}</td><td>{@code g*(Phi(x) + x*phi(x))}</td></tr>
 *   <tr><td>GELU_TANH</td><td>{@code 0.5x(1+tanh(u))}, {@code u = sqrt(2/pi)(x+0.044715x^3)}</td>
 *       <td>{@code g*(0.5(1+tanh u) + 0.5x(1-tanh^2 u) sqrt(2/pi)(1+3*0.044715x^2))}</td></tr>
 *   <tr><td>SILU</td><td>{@code x/(1+exp(-x))}</td><td>{@code g*s*(1+x(1-s))}, {@code s = sigmoid(x)}</td></tr>
 *   <tr><td>SOFTPLUS</td><td>{@code bx > t ? x : log1p(exp(bx))/b}</td><td>{@code bx > t ? g : g*sigmoid(bx)}</td></tr>
 * </table>
 *
 * <p>Where a formula loses precision (1 + erf near -1, 1 + tanh near -1, 1 - sigmoid near 1, exp overflow
 * in softplus) an algebraically equal form is evaluated instead; results differ from the literal formula
 * only by rounding.
 *
 * <p>Special values follow PyTorch's kernels evaluated literally: NaN in gives NaN out in every forward.
 * In backward, a NaN input gives {@code g} for RELU (PyTorch's {@code threshold_backward} tests
 * {@code x <= 0}, false for NaN) and {@code g*a} for LEAKY_RELU (its test {@code x > 0} is false), NaN for
 * every other kind. At the kinks, RELU's gradient at 0 is 0, ELU's is {@code g*a} and LEAKY_RELU's
 * {@code g*a}, as in PyTorch. Infinities:
 * {@code sigmoid(-inf) = 0}, {@code sigmoid(inf) = 1}, {@code elu(-inf) = -a}, {@code softplus(-inf) = 0};
 * {@code gelu(-inf)}, {@code gelu_tanh(-inf)} and {@code silu(-inf)} are NaN ({@code -inf * 0} in PyTorch's
 * {@code x * 0.5 * (1 + erf(..))} and {@code x / (1 + exp(-x))}), and the backward of GELU, GELU_TANH and
 * SILU at {@code +-inf} is NaN for the same reason ({@code inf * 0} in PyTorch's derivative).
 */
public final class ActivationReference {
    private ActivationReference() {}

    private static final double SQRT_HALF = 0.7071067811865476;          // 1/sqrt(2)
    private static final double INV_SQRT_TWO_PI = 0.3989422804014327;    // 1/sqrt(2 pi)
    private static final double SQRT_TWO_OVER_PI = 0.7978845608028654;   // sqrt(2/pi)
    private static final double GELU_TANH_CUBIC = 0.044715;

    /**
     * Applies {@code a} element-wise.
     *
     * @param input any shape (not modified)
     * @param a the activation and its constants
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if an argument is null
     */
    public static Tensor forward(Tensor input, Activation a) {
        Check.notNull("input", input);
        Check.notNull("activation", a);
        float[] x = input.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) value(a, x[i]);
        return Tensor.wrap(y, input.shape());
    }

    /**
     * Gradient of {@link #forward} with respect to its input.
     *
     * @param input the forward's input (not its output), any shape
     * @param gradOutput gradient with respect to the forward's output, same shape as {@code input}
     * @param a the activation and its constants
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if an argument is null or the shapes differ
     */
    public static Tensor backward(Tensor input, Tensor gradOutput, Activation a) {
        Check.notNull("input", input);
        Check.notNull("gradOutput", gradOutput);
        Check.notNull("activation", a);
        if (!input.sameShape(gradOutput)) {
            throw new IllegalArgumentException("gradOutput has shape " + Arrays.toString(gradOutput.shape())
                    + ", expected the input's shape " + Arrays.toString(input.shape()));
        }
        float[] x = input.data();
        float[] g = gradOutput.data();
        float[] gx = new float[x.length];
        for (int i = 0; i < x.length; i++) gx[i] = (float) gradient(a, x[i], g[i]);
        return Tensor.wrap(gx, input.shape());
    }

    /**
     * One element of the forward, in double (the table in the class comment).
     *
     * @param a the activation
     * @param x the input value
     * @return {@code f(x)}, not rounded to float
     */
    public static double value(Activation a, double x) {
        return switch (a.kind()) {
            case RELU -> x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
            case LEAKY_RELU -> x > 0 ? x : x * a.alpha();
            case ELU -> x > 0 ? x : (Double.isNaN(x) ? x : a.alpha() * Math.expm1(x));
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            // 1 + erf(x/sqrt2) = erfc(-x/sqrt2), which keeps its relative precision for negative x.
            case GELU -> 0.5 * x * Erf.erfc(-x * SQRT_HALF);
            // 1 + tanh(u) = 2 sigmoid(2u), likewise exact in relative terms for negative u.
            case GELU_TANH -> x * sigmoid(2.0 * geluTanhInner(x));
            case SILU -> x / (1.0 + Math.exp(-x));
            case SOFTPLUS -> softplus(x, a.beta(), a.threshold());
        };
    }

    /**
     * One element of the backward, in double: {@code g * f'(x)} as PyTorch's derivative formula evaluates it.
     *
     * @param a the activation
     * @param x the forward's input value
     * @param g the gradient with respect to the output
     * @return the gradient with respect to {@code x}, not rounded to float
     */
    public static double gradient(Activation a, double x, double g) {
        return switch (a.kind()) {
            case RELU -> x <= 0 ? 0.0 : g;
            case LEAKY_RELU -> x > 0 ? g : g * a.alpha();
            // PyTorch's vectorised kernel selects on x > 0, so a NaN input takes the exp branch and gives NaN.
            case ELU -> x > 0 ? g : g * a.alpha() * Math.exp(x);
            case SIGMOID -> {
                double s = sigmoid(x);
                yield g * s * sigmoid(-x);
            }
            case TANH -> {
                double y = Math.tanh(x);
                yield g * (1.0 - y * y);
            }
            case GELU -> {
                double cdf = 0.5 * Erf.erfc(-x * SQRT_HALF);
                double pdf = INV_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
                yield g * (cdf + x * pdf);
            }
            case GELU_TANH -> {
                double u = geluTanhInner(x);
                double onePlusTanh = 2.0 * sigmoid(2.0 * u);
                double oneMinusTanh = 2.0 * sigmoid(-2.0 * u);
                double left = 0.5 * onePlusTanh;
                double right = 0.5 * x * onePlusTanh * oneMinusTanh * SQRT_TWO_OVER_PI
                        * (1.0 + 3.0 * GELU_TANH_CUBIC * x * x);
                yield g * (left + right);
            }
            case SILU -> {
                double s = sigmoid(x);
                yield g * s * (1.0 + x * sigmoid(-x));
            }
            case SOFTPLUS -> {
                double bx = x * a.beta();
                yield bx > a.threshold() ? g : g * sigmoid(bx);
            }
        };
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private static double geluTanhInner(double x) {
        return SQRT_TWO_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x);
    }

    private static double softplus(double x, double beta, double threshold) {
        double bx = x * beta;
        if (bx > threshold) return x;
        // log1p(exp(bx)) = max(bx, 0) + log1p(exp(-|bx|)): no overflow of exp for large bx below a large threshold.
        return (Math.max(bx, 0.0) + Math.log1p(Math.exp(-Math.abs(bx)))) / beta;
    }
}
