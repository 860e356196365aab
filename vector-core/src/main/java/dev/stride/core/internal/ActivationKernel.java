package dev.stride.core.internal;

import dev.stride.core.Activation;

/**
 * Element-wise activations, forward and backward, in float with the polynomial functions of
 * {@link ScalarMath} (width 0) or {@link VectorMath} (through {@link ActivationVectorKernel}). Formulas
 * are the reference's (PyTorch's), in forms that keep relative precision: sigmoid and its complement
 * from {@code exp(-|x|)}, {@code 1 - tanh^2} as {@code 4e/(1+e)^2}, GELU from a left-tail-accurate Phi
 * (except the vector GELU forward, {@link GeluVector}, accurate in absolute terms as the engines are),
 * softplus as {@code max(y,0) + log1p(exp(-|y|))}. NaN and infinities give what the reference gives.
 *
 * <p>NaN results are canonical ({@link ScalarMath#canon}). Work is cut into fixed chunks of {@link #CHUNK}
 * elements whatever the thread count, claimed by the threads one at a time ({@link ClaimedChunks}), so every
 * element is computed by the same code path and the result is bitwise the same on any number of threads; tensors too small to repay waking a second thread
 * ({@link #minParallel}) run all their chunks on the caller. {@code y} may be {@code x} (in place): each
 * {@code x[i]} is read only before {@code y[i]} is written.
 */
final class ActivationKernel {
    private ActivationKernel() {}

    /** Elements per task: large enough to amortise a task, small enough to balance two threads. */
    static final int CHUNK = 1 << 15;

    /**
     * Fewest elements worth splitting over threads. A memory-bound kind (relu, leaky_relu) moves 8 bytes per
     * element at tens of GB/s, so below 2^17 elements (1 MB moved, some 20 microseconds) waking a pool
     * thread costs about what it saves; the transcendental kinds cost 5-20x more per element and split
     * from two chunks up.
     */
    static int minParallel(Activation a) {
        return switch (a.kind()) {
            case RELU, LEAKY_RELU -> 1 << 17;
            default -> 2 * CHUNK;
        };
    }

    static final float INV_SQRT_2PI = 0.39894228f;
    static final float SQRT_2_OVER_PI = 0.7978846f;
    static final float GELU_CUBIC = 0.044715f;

    static void forward(float[] x, float[] y, Activation a, int threads) {
        int n = x.length;
        ClaimedChunks.run(n < minParallel(a) ? 1 : threads, (n + CHUNK - 1) / CHUNK, t -> {
            int from = t * CHUNK, to = Math.min(n, from + CHUNK);
            if (VectorSupport.BITS > 0) {
                ActivationVectorKernel.forward(x, y, from, to, a);
            } else {
                for (int i = from; i < to; i++) y[i] = ScalarMath.canon(value(a, x[i]));
            }
        });
    }

    static void backward(float[] x, float[] g, float[] gx, Activation a, int threads) {
        int n = x.length;
        ClaimedChunks.run(n < minParallel(a) ? 1 : threads, (n + CHUNK - 1) / CHUNK, t -> {
            int from = t * CHUNK, to = Math.min(n, from + CHUNK);
            if (VectorSupport.BITS > 0) {
                ActivationVectorKernel.backward(x, g, gx, from, to, a);
            } else {
                for (int i = from; i < to; i++) gx[i] = ScalarMath.canon(gradient(a, x[i], g[i]));
            }
        });
    }

    static float value(Activation a, float x) {
        return switch (a.kind()) {
            case RELU -> x <= 0f ? 0f : x;
            case LEAKY_RELU -> x > 0f ? x : x * a.alpha();
            case ELU -> x > 0f ? x : Math.copySign(ScalarMath.expm1NonPositive(x), x) * a.alpha(); // expm1(-0) = -0
            case SIGMOID -> ScalarMath.sigmoid(x);
            case TANH -> ScalarMath.tanh(x);
            case GELU -> x * ScalarMath.phi(x);
            case GELU_TANH -> x * ScalarMath.sigmoid(2f * geluTanhInner(x));
            case SILU -> x * ScalarMath.sigmoid(x);
            case SOFTPLUS -> {
                float b = a.beta(), yv = x * b;
                if (yv > a.threshold()) yield x;
                yield ((yv < 0f ? 0f : yv) + ScalarMath.log1p(ScalarMath.exp(-Math.abs(yv)))) / b;
            }
        };
    }

    static float gradient(Activation a, float x, float g) {
        return switch (a.kind()) {
            case RELU -> x <= 0f ? 0f : g;
            case LEAKY_RELU -> x > 0f ? g : g * a.alpha();
            case ELU -> x > 0f ? g : g * a.alpha() * ScalarMath.exp(x); // NaN takes the exp branch, as PyTorch
            case SIGMOID -> {
                float e = ScalarMath.exp(-Math.abs(x)), up = 1f / (1f + e), down = e * up;
                yield g * up * down; // s * (1 - s) is up * down on either side
            }
            case TANH -> {
                float e = ScalarMath.exp(-2f * Math.abs(x)), d = 1f + e;
                yield g * (4f * e / (d * d));
            }
            case GELU -> g * (ScalarMath.phi(x) + x * (INV_SQRT_2PI * ScalarMath.gauss(x)));
            case GELU_TANH -> {
                float u2 = 2f * geluTanhInner(x);
                float e = ScalarMath.exp(-Math.abs(u2)), up = 1f / (1f + e), down = e * up;
                float sp = u2 >= 0f ? up : down, sm = u2 >= 0f ? down : up;
                float slope = SQRT_2_OVER_PI * Math.fma(3f * GELU_CUBIC, x * x, 1f);
                // Where sp*sm underflows to 0 the second term is 0, even if x^2 overflowed in float (the
                // double reference does not overflow); at +-inf it stays inf*0 = NaN, as the reference's.
                float right = sp * sm == 0f && Float.isFinite(x) ? 0f : 2f * x * sp * sm * slope;
                yield g * (sp + right);
            }
            case SILU -> {
                float e = ScalarMath.exp(-Math.abs(x)), up = 1f / (1f + e), down = e * up;
                float s = x >= 0f ? up : down, c = x >= 0f ? down : up;
                yield g * s * (1f + x * c);
            }
            case SOFTPLUS -> {
                float yv = x * a.beta();
                yield yv > a.threshold() ? g : g * ScalarMath.sigmoid(yv);
            }
        };
    }

    /** sqrt(2/pi) (x + 0.044715 x^3). */
    static float geluTanhInner(float x) {
        return SQRT_2_OVER_PI * x * Math.fma(GELU_CUBIC * x, x, 1f);
    }
}
