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
 * and one masked step for the tail. Each activation kind has its own small loop method: C2 then sees the
 * math calls inside a hot loop and inlines them. (One big method holding every loop was measured to
 * defeat that: C1 gave up on it, and C2 left the math calls out of line, boxing every vector that
 * crossed them, 3-6x slower.)
 */
final class ActivationVectorKernel {
    private ActivationVectorKernel() {}

    static void forward(float[] x, float[] y, int from, int to, Activation a) {
        float alpha = a.alpha(), beta = a.beta(), threshold = a.threshold();
        switch (a.kind()) {
            case RELU -> reluForward(x, y, from, to);
            case LEAKY_RELU -> leakyReluForward(x, y, from, to, alpha);
            case ELU -> eluForward(x, y, from, to, alpha);
            case SIGMOID -> sigmoidForward(x, y, from, to);
            case TANH -> tanhForward(x, y, from, to);
            case GELU -> GeluVector.forward(x, y, from, to);
            case GELU_TANH -> geluTanhForward(x, y, from, to);
            case SILU -> siluForward(x, y, from, to);
            case SOFTPLUS -> SoftplusVector.forward(x, y, from, to, beta, threshold);
        }
    }

    static void backward(float[] x, float[] g, float[] gx, int from, int to, Activation a) {
        float alpha = a.alpha(), beta = a.beta(), threshold = a.threshold();
        switch (a.kind()) {
            case RELU -> reluBackward(x, g, gx, from, to);
            case LEAKY_RELU -> leakyReluBackward(x, g, gx, from, to, alpha);
            case ELU -> eluBackward(x, g, gx, from, to, alpha);
            case SIGMOID -> sigmoidBackward(x, g, gx, from, to);
            case TANH -> tanhBackward(x, g, gx, from, to);
            case GELU -> geluBackward(x, g, gx, from, to);
            case GELU_TANH -> geluTanhBackward(x, g, gx, from, to);
            case SILU -> siluBackward(x, g, gx, from, to);
            case SOFTPLUS -> softplusBackward(x, g, gx, from, to, beta, threshold);
        }
    }

    private static void reluForward(float[] x, float[] y, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) relu(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            relu(FloatVector.fromArray(F, x, i, m)).intoArray(y, i, m);
        }
    }

    private static void leakyReluForward(float[] x, float[] y, int from, int to, float alpha) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) leaky(FloatVector.fromArray(F, x, i), alpha).intoArray(y, i);
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            leaky(FloatVector.fromArray(F, x, i, m), alpha).intoArray(y, i, m);
        }
    }

    private static void eluForward(float[] x, float[] y, int from, int to, float alpha) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            if (VectorMath.TABLE && v.compare(VectorOperators.GE, ELU_FAST_LO).allTrue()) { eluTable(v, alpha).intoArray(y, i); continue; }
            FloatVector r = elu(v, alpha);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = elu(FloatVector.fromArray(F, x, i, m), alpha);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    private static void sigmoidForward(float[] x, float[] y, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            if (VectorMath.sigmoidInRange(v)) { VectorMath.scaledSigmoidInRange(FloatVector.broadcast(F, 1f), v).intoArray(y, i); continue; }
            FloatVector r = VectorMath.sigmoid(v);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = VectorMath.sigmoid(FloatVector.fromArray(F, x, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    /**
     * Two vectors per step with one range test for both ({@link VectorMath#inTanhRange(FloatVector,
     * FloatVector)}): the test is a compare and a mask branch per vector otherwise. Harness (1 thread,
     * 1x64x112x112, min thread CPU time, loaded machine): 168 -> 164 us; four vectors per step exceeded
     * C2's inlining and boxed (410 us).
     */
    private static void tanhForward(float[] x, float[] y, int from, int to) {
        int i = from, pairs = from + (to - from) / (2 * L) * (2 * L), bound = from + (to - from) / L * L;
        for (; i < pairs; i += 2 * L) {
            FloatVector v = FloatVector.fromArray(F, x, i), w = FloatVector.fromArray(F, x, i + L);
            if (VectorMath.inTanhRange(v, w)) {
                VectorMath.tanhInRange(v).intoArray(y, i);
                VectorMath.tanhInRange(w).intoArray(y, i + L);
                continue;
            }
            FloatVector r = VectorMath.tanh(v);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
            r = VectorMath.tanh(w);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i + L);
        }
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            if (VectorMath.inTanhRange(v)) { VectorMath.tanhInRange(v).intoArray(y, i); continue; }
            FloatVector r = VectorMath.tanh(v);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = VectorMath.tanh(FloatVector.fromArray(F, x, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    /**
     * Two vectors per step with one range test for both (the unsigned maximum of the bits of their x^2,
     * as {@link VectorMath#inTanhRange(FloatVector, FloatVector)}). Harness (1 thread, 1x64x112x112, min
     * thread CPU time, loaded machine): 163 -> 154 us, same bits.
     */
    private static void geluTanhForward(float[] x, float[] y, int from, int to) {
        int i = from, pairs = from + (to - from) / (2 * L) * (2 * L), bound = from + (to - from) / L * L;
        boolean fast = VectorMath.TABLE && !VectorMath.LANEWISE;
        for (; i < pairs; i += 2 * L) {
            FloatVector v = FloatVector.fromArray(F, x, i), w = FloatVector.fromArray(F, x, i + L);
            FloatVector s = v.mul(v), sw = w.mul(w);
            if (fast && s.reinterpretAsInts().lanewise(VectorOperators.UMAX, sw.reinterpretAsInts())
                    .compare(VectorOperators.ULE, GELU_TANH_FAST_SQ_BITS).allTrue()) {
                VectorMath.geluTanhInRange(v, s).intoArray(y, i);
                VectorMath.geluTanhInRange(w, sw).intoArray(y, i + L);
                continue;
            }
            FloatVector r = geluTanh(v);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
            r = geluTanh(w);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i + L);
        }
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i), s = v.mul(v);
            if (VectorMath.TABLE && !VectorMath.LANEWISE && s.compare(VectorOperators.LE, GELU_TANH_FAST_SQ).allTrue()) {
                VectorMath.geluTanhInRange(v, s).intoArray(y, i);
                continue;
            }
            FloatVector r = geluTanh(v);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = geluTanh(FloatVector.fromArray(F, x, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    private static void siluForward(float[] x, float[] y, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            if (VectorMath.sigmoidInRange(v)) { VectorMath.scaledSigmoidInRange(v, v).intoArray(y, i); continue; }
            FloatVector r = silu(v);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = silu(FloatVector.fromArray(F, x, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    private static void reluBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) dRelu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i)).intoArray(gx, i);
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            dRelu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m)).intoArray(gx, i, m);
        }
    }

    private static void leakyReluBackward(float[] x, float[] g, float[] gx, int from, int to, float alpha) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) dLeaky(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i), alpha).intoArray(gx, i);
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            dLeaky(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m), alpha).intoArray(gx, i, m);
        }
    }

    private static void eluBackward(float[] x, float[] g, float[] gx, int from, int to, float alpha) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) { FloatVector r = dElu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i), alpha); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i); }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = dElu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m), alpha);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static void sigmoidBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) { FloatVector r = dSigmoid(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i)); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i); }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = dSigmoid(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static void tanhBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) { FloatVector r = dTanh(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i)); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i); }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = dTanh(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static void geluBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i), gauss = VectorMath.gauss(v);
            FloatVector r = FloatVector.fromArray(F, g, i).mul(VectorMath.phi(v, gauss).add(v.mul(gauss.mul(INV_SQRT_2PI))));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), gauss = VectorMath.gauss(v);
            FloatVector r = FloatVector.fromArray(F, g, i, m).mul(VectorMath.phi(v, gauss).add(v.mul(gauss.mul(INV_SQRT_2PI))));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static void geluTanhBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) { FloatVector r = dGeluTanh(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i)); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i); }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = dGeluTanh(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static void siluBackward(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) { FloatVector r = dSilu(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i)); r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i); }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = dSilu(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m));
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static void softplusBackward(float[] x, float[] g, float[] gx, int from, int to, float beta, float threshold) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector r = dSoftplus(FloatVector.fromArray(F, x, i), FloatVector.fromArray(F, g, i), beta, threshold);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector r = dSoftplus(FloatVector.fromArray(F, x, i, m), FloatVector.fromArray(F, g, i, m), beta, threshold);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(gx, i, m);
        }
    }

    private static FloatVector relu(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LE, 0f));
    }

    private static FloatVector leaky(FloatVector x, float alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    /**
     * Below this ELU's fast path (512 bits) does not go: expm1's one scale factor stays normal above it,
     * and expm1 is -1 in float from -17.4 down, so the general path clamps there and gives the same bits.
     */
    private static final float ELU_FAST_LO = -87f;

    /**
     * ELU by {@link VectorMath#expm1Table32} for a vector with no lane below {@link #ELU_FAST_LO} and no
     * NaN (positive lanes, even infinite, are blended back to x).
     */
    private static FloatVector eluTable(FloatVector x, float alpha) {
        FloatVector m = VectorMath.expm1Table32(x);
        // for alpha > 0, alpha expm1(+-0) is x itself, so zeros take x (ge) and expm1's +0 for -0 is never
        // used; a negative alpha (or -0) flips the zero's sign, so expm1(-0) = -0 is restored instead
        // alpha = 1 (the default) skips the multiplication, exact then: the same bits
        if (alpha == 1f) return m.blend(x, x.compare(VectorOperators.GE, 0f));
        if (alpha > 0f) return m.mul(alpha).blend(x, x.compare(VectorOperators.GE, 0f));
        m = m.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
        return m.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    private static FloatVector elu(FloatVector x, float alpha) {
        if (VectorMath.TABLE) return eluTable(x.blend(ELU_FAST_LO, x.lt(ELU_FAST_LO)), alpha);
        VectorMask<Float> pos = x.compare(VectorOperators.GT, 0f);
        if (pos.allTrue()) return x;
        // expm1's last step adds +0 to q at x = -0, so x's sign bit is put back (expm1(-0) = -0; for x < 0 the
        // result is negative anyway); positive lanes are garbage, blended away
        FloatVector m = VectorMath.expm1NonPositive(x).reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
        return m.mul(alpha).blend(x, pos);
    }

    /** 2 sqrt(2/pi) and 2 sqrt(2/pi) 0.044715, rounded once from double. */
    private static final float GELU_TANH_C1 = (float) (2 * 0.7978845608028654), GELU_TANH_C3 = (float) (2 * 0.7978845608028654 * 0.044715);

    /**
     * 2u for GELU's tanh form, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, as {@code x (C1 + C3 x^2)} with the
     * constants folded: three operations. The few ulp of 2u this rounds away are within what the bound
     * allows for the rounding of the exponential's argument (4 u (1 + |2u|)).
     */
    private static FloatVector geluTanhInner2(FloatVector x) {
        return x.mul(x).fma(GELU_TANH_C3, GELU_TANH_C1).mul(x);
    }

    /**
     * gelu_tanh's fast path: x^2 <= 81, so |x| <= 9 (rounding is monotonic and 81 is exact) and |2u| <= 66.4,
     * inside {@link VectorMath#scaledSigmoidInRange}'s [-86, 86]; NaN fails the test. Testing the x^2 the
     * formula computes anyway costs no absolute value (sigmoidInRange(2u) did): harness 184 -> 175 us, and
     * {@link VectorMath#geluTanhInRange} (2u never formed on its own) 175 -> 163 us.
     */
    private static final float GELU_TANH_FAST_SQ = 81f;
    /** Its bits: x^2 is non-negative or NaN (of either sign, whose bits exceed these as unsigned integers). */
    private static final int GELU_TANH_FAST_SQ_BITS = Float.floatToRawIntBits(GELU_TANH_FAST_SQ);

    /**
     * gelu_tanh for any x: at 512 bits the lanes with x^2 <= 81 take {@link VectorMath#geluTanhInRange}
     * (the loop's fast path, so a lane's bits do not depend on its neighbours), the others (and NaN) the
     * general x sigmoid(2u).
     */
    private static FloatVector geluTanh(FloatVector x) {
        FloatVector wide = VectorMath.scaledSigmoid(x, geluTanhInner2(x));
        if (!VectorMath.TABLE || VectorMath.LANEWISE) return wide;
        FloatVector s = x.mul(x);
        return wide.blend(VectorMath.geluTanhInRange(x, s), s.compare(VectorOperators.LE, GELU_TANH_FAST_SQ));
    }

    private static FloatVector silu(FloatVector x) {
        return VectorMath.scaledSigmoid(x, x);
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
        FloatVector e = VectorMath.expNonPositive(VectorMath.negAbs(x));
        FloatVector d = e.add(1f);
        return g.mul(e).div(d.mul(d)); // s (1 - s) = e / (1 + e)^2, one division
    }

    private static FloatVector dTanh(FloatVector x, FloatVector g) {
        FloatVector e = VectorMath.expNonPositive(x.abs().mul(-2f));
        FloatVector d = e.add(1f);
        return g.mul(e.mul(4f).div(d.mul(d)));
    }

    /** Beyond this x^2 the sigmoid's s (1 - s) is 0 in float (it is from |x| = 11.3 on), so the slope can stop growing. */
    private static final float GELU_TANH_FLAT = 1e4f;

    /**
     * {@code s + 2x s (1 - s) u'} with {@code s = sigmoid(2u)}: {@code s (1 - s) = up * down} needs no blend,
     * and x^2 in the slope is capped where {@code s (1 - s)} is already 0, so that for a finite x the product
     * is 0 there rather than 0 * inf (an infinite x still gives NaN, as in the reference).
     */
    private static FloatVector dGeluTanh(FloatVector x, FloatVector g) {
        FloatVector u2 = geluTanhInner2(x);
        FloatVector e = VectorMath.expNonPositive(VectorMath.negAbs(u2));
        FloatVector up = FloatVector.broadcast(F, 1f).div(e.add(1f)), down = e.mul(up);
        FloatVector sp = down.blend(up, u2.compare(VectorOperators.GE, 0f));
        FloatVector x2 = x.mul(x);
        FloatVector slope2 = x2.blend(GELU_TANH_FLAT, x2.compare(VectorOperators.GT, GELU_TANH_FLAT))
                .fma(3f * GELU_CUBIC, 1f).mul(2f * SQRT_2_OVER_PI);
        return g.mul(x.mul(up.mul(down)).fma(slope2, sp));
    }

    private static FloatVector dSilu(FloatVector x, FloatVector g) {
        FloatVector e = VectorMath.expNonPositive(VectorMath.negAbs(x));
        FloatVector up = FloatVector.broadcast(F, 1f).div(e.add(1f)), down = e.mul(up);
        VectorMask<Float> nonNeg = x.compare(VectorOperators.GE, 0f);
        FloatVector s = down.blend(up, nonNeg), c = up.blend(down, nonNeg);
        return g.mul(s).mul(x.fma(c, FloatVector.broadcast(F, 1f)));
    }

    private static FloatVector dSoftplus(FloatVector x, FloatVector g, float beta, float threshold) {
        FloatVector y = x.mul(beta);
        FloatVector s = VectorMath.sigmoidInRange(y) ? VectorMath.scaledSigmoidInRange(FloatVector.broadcast(F, 1f), y) : VectorMath.sigmoid(y);
        return g.mul(s).blend(g, y.compare(VectorOperators.GT, threshold));
    }
}
