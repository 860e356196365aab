package dev.stride.core;

/**
 * An element-wise activation and its constants, with PyTorch's defaults.
 *
 * <ul>
 *   <li>RELU {@code max(0,x)}; LEAKY_RELU {@code x>0 ? x : alpha*x} (alpha = negative_slope, default 0.01);</li>
 *   <li>ELU {@code x>0 ? x : alpha*(exp(x)-1)} (alpha default 1);</li>
 *   <li>SIGMOID, TANH; GELU {@code x*Phi(x)} (erf form); GELU_TANH (PyTorch {@code approximate='tanh'});</li>
 *   <li>SILU {@code x*sigmoid(x)}; SOFTPLUS {@code log(1+exp(beta*x))/beta}, linear when
 *       {@code beta*x > threshold} (beta default 1, threshold default 20).</li>
 * </ul>
 * NaN in gives NaN out for every kind.
 *
 * <p>Accuracy of the vector engine's GELU forward: as in PyTorch's and ONNX Runtime's CPU kernels,
 * {@code Phi} is accurate in absolute terms, so the result is within {@code 8 ulp + 4 * 2^-24 * |x|}
 * of the exact value: a few ulp for {@code x > 0}, and for {@code x << 0} (gelu(-5) = -1.4e-6) an error
 * of a few {@code 2^-24 |x|} rather than a relative one; results below about -5.3 are -0. The
 * reference engine and the scalar path keep relative accuracy in the left tail.
 */
public record Activation(Kind kind, float alpha, float beta, float threshold) {
    /** The activation functions. */
    public enum Kind { RELU, LEAKY_RELU, ELU, SIGMOID, TANH, GELU, GELU_TANH, SILU, SOFTPLUS }

    public Activation {
        Check.notNull("kind", kind);
        Check.that(!Float.isNaN(alpha) && !Float.isNaN(beta) && !Float.isNaN(threshold),
                "activation constants must not be NaN");
        if (kind == Kind.SOFTPLUS) Check.that(beta != 0f, "softplus beta " + beta + " must not be zero");
    }

    public static Activation relu() { return new Activation(Kind.RELU, 0f, 0f, 0f); }
    public static Activation leakyRelu() { return leakyRelu(0.01f); }
    public static Activation leakyRelu(float negativeSlope) { return new Activation(Kind.LEAKY_RELU, negativeSlope, 0f, 0f); }
    public static Activation elu() { return elu(1f); }
    public static Activation elu(float alpha) { return new Activation(Kind.ELU, alpha, 0f, 0f); }
    public static Activation sigmoid() { return new Activation(Kind.SIGMOID, 0f, 0f, 0f); }
    public static Activation tanh() { return new Activation(Kind.TANH, 0f, 0f, 0f); }
    public static Activation gelu() { return new Activation(Kind.GELU, 0f, 0f, 0f); }
    public static Activation geluTanh() { return new Activation(Kind.GELU_TANH, 0f, 0f, 0f); }
    public static Activation silu() { return new Activation(Kind.SILU, 0f, 0f, 0f); }
    public static Activation softplus() { return softplus(1f, 20f); }
    public static Activation softplus(float beta, float threshold) { return new Activation(Kind.SOFTPLUS, 0f, beta, threshold); }

    /** Parses PyTorch's functional names: relu, leaky_relu, elu, sigmoid, tanh, gelu, gelu_tanh, silu, softplus. */
    public static Activation parse(String name) {
        return switch (name.toLowerCase()) {
            case "relu" -> relu();
            case "leaky_relu" -> leakyRelu();
            case "elu" -> elu();
            case "sigmoid" -> sigmoid();
            case "tanh" -> tanh();
            case "gelu" -> gelu();
            case "gelu_tanh" -> geluTanh();
            case "silu" -> silu();
            case "softplus" -> softplus();
            default -> throw new IllegalArgumentException("activation '" + name
                    + "' is not one of relu, leaky_relu, elu, sigmoid, tanh, gelu, gelu_tanh, silu, softplus");
        };
    }
}
