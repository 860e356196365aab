package dev.stride.core.internal;

import static dev.stride.core.internal.ActivationKernel.GELU_CUBIC;
import static dev.stride.core.internal.ActivationKernel.INV_SQRT_2PI;
import static dev.stride.core.internal.ActivationKernel.SQRT_2_OVER_PI;
import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector side of {@link ActivationKernel}: lane for lane its formulas, {@code L} elements per step
 * and one masked step for the tail. One loop per activation kind, so that each compiles on its own
 * and its math inlines (a vector passed to a call C2 does not inline would be boxed).
 */
final class ActivationVectorKernel {
    private ActivationVectorKernel() {}

    static void forward(float[] x, float[] y, int from, int to, Activation a) {
        int i = from;
        int bound = from + (to - from) / L * L;
        float alpha = a.alpha(), beta = a.beta(), threshold = a.threshold();
        switch (a.kind()) {
            case RELU -> {
                for (; i < bound; i += L) relu(FloatVector.fromArray(F, x, i)).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    relu(FloatVector.fromArray(F, x, i, m)).intoArray(y, i, m);
                }
            }
            case LEAKY_RELU -> {
                for (; i < bound; i += L) leaky(FloatVector.fromArray(F, x, i), alpha).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    leaky(FloatVector.fromArray(F, x, i, m), alpha).intoArray(y, i, m);
                }
            }
            case ELU -> {
                for (; i < bound; i += L) VectorMath.canon(elu(FloatVector.fromArray(F, x, i), alpha)).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(elu(FloatVector.fromArray(F, x, i, m), alpha)).intoArray(y, i, m);
                }
            }
            case SIGMOID -> {
                for (; i < bound; i += L) VectorMath.canon(VectorMath.sigmoid(FloatVector.fromArray(F, x, i))).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(VectorMath.sigmoid(FloatVector.fromArray(F, x, i, m))).intoArray(y, i, m);
                }
            }
            case TANH -> {
                for (; i < bound; i += L) VectorMath.canon(VectorMath.tanh(FloatVector.fromArray(F, x, i))).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(VectorMath.tanh(FloatVector.fromArray(F, x, i, m))).intoArray(y, i, m);
                }
            }
            case GELU -> {
                for (; i < bound; i += L) VectorMath.canon(gelu(FloatVector.fromArray(F, x, i))).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(gelu(FloatVector.fromArray(F, x, i, m))).intoArray(y, i, m);
                }
            }
            case GELU_TANH -> {
                for (; i < bound; i += L) VectorMath.canon(geluTanh(FloatVector.fromArray(F, x, i))).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(geluTanh(FloatVector.fromArray(F, x, i, m))).intoArray(y, i, m);
                }
            }
            case SILU -> {
                for (; i < bound; i += L) VectorMath.canon(silu(FloatVector.fromArray(F, x, i))).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(silu(FloatVector.fromArray(F, x, i, m))).intoArray(y, i, m);
                }
            }
            case SOFTPLUS -> {
                for (; i < bound; i += L) VectorMath.canon(softplus(FloatVector.fromArray(F, x, i), beta, threshold)).intoArray(y, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(softplus(FloatVector.fromArray(F, x, i, m), beta, threshold)).intoArray(y, i, m);
                }
            }
        }
    }

    static void backward(float[] x, float[] g, float[] gx, int from, int to, Activation a) {
        int i = from;
        int bound = from + (to - from) / L * L;
        float alpha = a.alpha(), beta = a.beta(), threshold = a.threshold();
        switch (a.kind()) {
            case RELU -> {
                for (; i < bound; i += L) dRelu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i)).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    dRelu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m)).intoArray(gx, i, m);
                }
            }
            case LEAKY_RELU -> {
                for (; i < bound; i += L) dLeaky(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i), alpha).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    dLeaky(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m), alpha).intoArray(gx, i, m);
                }
            }
            case ELU -> {
                for (; i < bound; i += L) VectorMath.canon(dElu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i), alpha)).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dElu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m), alpha)).intoArray(gx, i, m);
                }
            }
            case SIGMOID -> {
                for (; i < bound; i += L) VectorMath.canon(dSigmoid(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i))).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dSigmoid(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m))).intoArray(gx, i, m);
                }
            }
            case TANH -> {
                for (; i < bound; i += L) VectorMath.canon(dTanh(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i))).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dTanh(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m))).intoArray(gx, i, m);
                }
            }
            case GELU -> {
                for (; i < bound; i += L) VectorMath.canon(dGelu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i))).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dGelu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m))).intoArray(gx, i, m);
                }
            }
            case GELU_TANH -> {
                for (; i < bound; i += L) VectorMath.canon(dGeluTanh(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i))).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dGeluTanh(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m))).intoArray(gx, i, m);
                }
            }
            case SILU -> {
                for (; i < bound; i += L) VectorMath.canon(dSilu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i))).intoArray(gx, i);
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dSilu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m))).intoArray(gx, i, m);
                }
            }
            case SOFTPLUS -> {
                for (; i < bound; i += L) {
                    VectorMath.canon(dSoftplus(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i), beta, threshold)).intoArray(gx, i);
                }
                if (i < to) {
                    VectorMask<Float> m = F.indexInRange(i, to);
                    VectorMath.canon(dSoftplus(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m), beta, threshold)).intoArray(gx, i, m);
                }
            }
        }
    }

    private static FloatVector relu(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LE, 0f));
    }

    private static FloatVector leaky(FloatVector x, float alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    private static FloatVector elu(FloatVector x, float alpha) {
        VectorMask<Float> pos = x.compare(VectorOperators.GT, 0f);
        if (pos.allTrue()) return x;
        return VectorMath.expm1(x).mul(alpha).blend(x, pos);
    }

    private static FloatVector gelu(FloatVector x) {
        return x.mul(VectorMath.phi(x));
    }

    private static FloatVector geluTanhInner(FloatVector x) {
        return x.mul(GELU_CUBIC).fma(x, FloatVector.broadcast(F, 1f)).mul(x).mul(SQRT_2_OVER_PI);
    }

    private static FloatVector geluTanh(FloatVector x) {
        return x.mul(VectorMath.sigmoid(geluTanhInner(x).mul(2f)));
    }

    private static FloatVector silu(FloatVector x) {
        return x.mul(VectorMath.sigmoid(x));
    }

    private static FloatVector softplus(FloatVector x, float beta, float threshold) {
        FloatVector y = x.mul(beta);
        FloatVector pos = y.blend(0f, y.lt(0f));
        FloatVector soft = pos.add(VectorMath.log1p(VectorMath.exp(y.abs().neg()))).div(beta);
        return soft.blend(x, y.compare(VectorOperators.GT, threshold));
    }

    private static FloatVector dRelu(FloatVector x, FloatVector g) {
        return g.blend(0f, x.compare(VectorOperators.LE, 0f));
    }

    private static FloatVector dLeaky(FloatVector x, FloatVector g, float alpha) {
        return g.mul(alpha).blend(g, x.compare(VectorOperators.GT, 0f));
    }

    private static FloatVector dElu(FloatVector x, FloatVector g, float alpha) {
        VectorMask<Float> pos = x.compare(VectorOperators.GT, 0f);
        if (pos.allTrue()) return g;
        return g.mul(alpha).mul(VectorMath.exp(x)).blend(g, pos);
    }

    private static FloatVector dSigmoid(FloatVector x, FloatVector g) {
        FloatVector e = VectorMath.exp(x.abs().neg());
        FloatVector up = FloatVector.broadcast(F, 1f).div(e.add(1f));
        return g.mul(up).mul(e.mul(up));
    }

    private static FloatVector dTanh(FloatVector x, FloatVector g) {
        FloatVector e = VectorMath.exp(x.abs().mul(-2f));
        FloatVector d = e.add(1f);
        return g.mul(e.mul(4f).div(d.mul(d)));
    }

    private static FloatVector dGelu(FloatVector x, FloatVector g) {
        return g.mul(VectorMath.phi(x).add(x.mul(VectorMath.gauss(x).mul(INV_SQRT_2PI))));
    }

    private static FloatVector dGeluTanh(FloatVector x, FloatVector g) {
        FloatVector u2 = geluTanhInner(x).mul(2f);
        FloatVector e = VectorMath.exp(u2.abs().neg());
        FloatVector up = FloatVector.broadcast(F, 1f).div(e.add(1f)), down = e.mul(up);
        VectorMask<Float> nonNeg = u2.compare(VectorOperators.GE, 0f);
        FloatVector sp = down.blend(up, nonNeg), sm = up.blend(down, nonNeg);
        FloatVector slope = x.mul(x).fma(3f * GELU_CUBIC, 1f).mul(SQRT_2_OVER_PI);
        FloatVector spsm = sp.mul(sm);
        FloatVector right = x.mul(2f).mul(sp).mul(sm).mul(slope)
                .blend(0f, spsm.eq(0f).and(x.test(VectorOperators.IS_FINITE)));
        return g.mul(sp.add(right));
    }

    private static FloatVector dSilu(FloatVector x, FloatVector g) {
        FloatVector e = VectorMath.exp(x.abs().neg());
        FloatVector up = FloatVector.broadcast(F, 1f).div(e.add(1f)), down = e.mul(up);
        VectorMask<Float> nonNeg = x.compare(VectorOperators.GE, 0f);
        FloatVector s = down.blend(up, nonNeg), c = up.blend(down, nonNeg);
        return g.mul(s).mul(x.fma(c, FloatVector.broadcast(F, 1f)));
    }

    private static FloatVector dSoftplus(FloatVector x, FloatVector g, float beta, float threshold) {
        FloatVector y = x.mul(beta);
        return g.mul(VectorMath.sigmoid(y)).blend(g, y.compare(VectorOperators.GT, threshold));
    }
}
