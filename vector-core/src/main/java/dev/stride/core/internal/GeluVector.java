package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * GELU forward (erf form) as the engines evaluate it: {@code gelu(x) = x Phi(x)} with
 * {@code Phi(x) = 0.5 + x P(x^2) / Q(x^2)}, one rational function on {@code |x| <= 5.1} and the limits
 * 0 and 1 beyond. Written over one division it is
 * {@code Phi = (Q/2 + x P) / Q}: 4 + 5 multiply-adds for P and Q/2, one more for the numerator, one
 * division, no exp.
 *
 * <p>Accuracy, as PyTorch's and ONNX Runtime's own CPU kernels: Phi is accurate in ABSOLUTE terms
 * (about 2^-24), so for {@code x > 0} (Phi >= 0.5) the result has a few ulp of relative error, but for
 * {@code x << 0}, where {@code Phi(x)} is tiny, the error is about {@code 2^-24 |x|} rather than relative
 * (gelu(-5) = -1.4e-6 comes out with an error near 3e-7). The left-tail-accurate form (an exp of
 * {@code -x^2/2} with an error-free square, times an erfc polynomial) needs about 40 vector operations
 * against this one's 20 and measured 2x slower; the width-0 scalar path ({@code ScalarMath.phi}) keeps it.
 *
 * <p>Special values: NaN gives NaN (canonical, so the result does not depend on the JIT: the
 * interpreter's {@code fma} returns the canonical NaN, compiled code the input's payload); +inf gives
 * +inf; -inf gives NaN, PyTorch's {@code -inf * 0}; any finite {@code x < -5.1} gives -0 and any
 * {@code x > 5.1} gives x itself, so huge inputs never overflow the polynomials into the result; -0
 * gives -0.
 */
final class GeluVector {
    private GeluVector() {}

    /**
     * Beyond this |x| Phi is set to 0 or 1. There {@code 1 - Phi(5.1) = 1.7e-7} is about the rational's
     * error plus one rounding, and below it the rational's error (at most 4.5e-8) stays under Phi(x), so
     * Phi never comes out negative: gelu(x) < 0 keeps its sign for every x < 0.
     */
    static final float SATURATION = 5.1f;

    // (Phi(x) - 0.5) / x = P(s) / Q(s), s = x^2, on 0 <= x <= 5.1: P of degree 4, Q of degree 5 with
    // Q(0) = 1, all coefficients positive (Q >= 1, no cancellation in P or Q). Fitted to minimise the
    // absolute error of x P/Q (that of Phi): 4.5e-8 = 0.76 * 2^-24 (linear least squares on Chebyshev
    // nodes, Loeb's linearisation of the rational, Lawson reweighting towards the minimax).
    private static final float P0 = 3.989419937e-01f, P1 = 4.740107805e-02f, P2 = 5.359352101e-03f,
            P3 = 2.902461565e-04f, P4 = 5.476995739e-06f;
    // Q/2: halved coefficients (exact), so the numerator Q/2 + x P is one fused multiply-add.
    private static final float H0 = 0.5f, H1 = 0.5f * 2.854788303e-01f, H2 = 0.5f * 3.602254018e-02f,
            H3 = 0.5f * 2.563004149e-03f, H4 = 0.5f * 1.042142248e-04f, H5 = 0.5f * 4.786684258e-07f;

    /**
     * GELU of {@code x[from, to)} into {@code y[from, to)}; {@code y} may be {@code x}. The main loop
     * spells {@link #gelu} out rather than calling it: once gelu has been compiled on its own (it is
     * hot in the tail of short calls), C2 may refuse to inline the compiled body into the loop, which
     * then boxes every vector (seen once in a harness: 10 ms per 1x64x112x112 call instead of 0.24 ms).
     */
    static void forward(float[] x, float[] y, int from, int to) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            FloatVector s = v.mul(v);
            FloatVector p = s.fma(P4, P3).fma(s, FloatVector.broadcast(F, P2)).fma(s, FloatVector.broadcast(F, P1))
                    .fma(s, FloatVector.broadcast(F, P0));
            FloatVector h = s.fma(H5, H4).fma(s, FloatVector.broadcast(F, H3)).fma(s, FloatVector.broadcast(F, H2))
                    .fma(s, FloatVector.broadcast(F, H1)).fma(s, FloatVector.broadcast(F, H0));
            FloatVector phi = v.fma(p, h).div(h.add(h))
                    .blend(0f, v.lt(-SATURATION))
                    .blend(1f, v.compare(VectorOperators.GT, SATURATION));
            FloatVector r = v.mul(phi);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            gelu(FloatVector.fromArray(F, x, i, m)).intoArray(y, i, m);
        }
    }

    /** gelu lane for lane, as {@link #forward}'s loop (see the class comment); NaN lanes give the canonical NaN. */
    static FloatVector gelu(FloatVector x) {
        FloatVector s = x.mul(x);
        FloatVector p = s.fma(P4, P3).fma(s, FloatVector.broadcast(F, P2)).fma(s, FloatVector.broadcast(F, P1))
                .fma(s, FloatVector.broadcast(F, P0));
        FloatVector h = s.fma(H5, H4).fma(s, FloatVector.broadcast(F, H3)).fma(s, FloatVector.broadcast(F, H2))
                .fma(s, FloatVector.broadcast(F, H1)).fma(s, FloatVector.broadcast(F, H0));
        // Beyond the saturation s or the polynomials may overflow (inf/inf): Phi is set to its limit there.
        FloatVector phi = x.fma(p, h).div(h.add(h))
                .blend(0f, x.lt(-SATURATION))
                .blend(1f, x.compare(VectorOperators.GT, SATURATION));
        FloatVector r = x.mul(phi);
        return r.blend(Float.NaN, r.compare(VectorOperators.NE, r));
    }
}
