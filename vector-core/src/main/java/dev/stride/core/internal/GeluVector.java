package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * GELU forward (erf form) as the engines evaluate it: {@code gelu(x) = x Phi(x)} with Phi accurate in
 * absolute terms, no exp. Two forms, by vector width:
 * <ul>
 *   <li>16 lanes (512 bits, {@link #TABLE}): {@code Phi(x) = 0.5 + sign(x) E(|x|)}, E piecewise: |x| is
 *       cut into 11 intervals of width 1/2 centred on {@code j/2} (j = round(2|x|)), each with its own
 *       degree-5 polynomial in {@code u = |x| - j/2}, whose six coefficients are read from 16-entry tables
 *       by one in-register permute each; entries 11..15 are the constant 1/2, so |x| >= 5.25 (clamped to
 *       7.5 to keep the index in the table) gives Phi exactly 0 or 1. 6 permutes and 6 multiply-adds, no
 *       division: measured 8% faster than the rational below at this width.</li>
 *   <li>narrower vectors (where 16 entries do not fit a register): {@code Phi(x) = 0.5 + x P(x^2) /
 *       Q(x^2)} on {@code |x| <= 5.1} and 0/1 beyond, written over one division as
 *       {@code (Q/2 + x P) / Q}: 9 multiply-adds for P and Q/2, one more for the numerator, one division.</li>
 * </ul>
 *
 * <p>Accuracy, as PyTorch's and ONNX Runtime's own CPU kernels: for {@code x > 0} (Phi >= 0.5) the
 * result has a few ulp of relative error, but for {@code x << 0}, where {@code Phi(x)} is tiny, the error
 * is a few {@code 2^-24 |x|} rather than relative (gelu(-5) = -1.4e-6 comes out within about 1e-7). Phi
 * never comes out negative, so gelu keeps its sign. The left-tail-accurate form (an exp of
 * {@code -x^2/2} with an error-free square, times an erfc polynomial; kept by the width-0 scalar path,
 * {@code ScalarMath.phi}) needs about twice the vector operations and measured 1.9x slower.
 *
 * <p>Special values: NaN gives NaN (canonical, so the result does not depend on the JIT: the
 * interpreter's {@code fma} returns the canonical NaN, compiled code the input's payload); +inf gives
 * +inf; -inf gives NaN, PyTorch's {@code -inf * 0}; large negative x give -0 and large positive x give x
 * itself, so huge inputs never overflow into the result; -0 gives -0.
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

    /** The piecewise form (see the class comment) needs 16 lanes: one table per register. */
    static final boolean TABLE = F.length() == 16;

    /** |x| is clamped here (by an integer min on its bits) so that round(2|x|) stays within the tables. */
    private static final float TABLE_CLAMP = 7.5f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: t = 2|x| + ROUND holds round(2|x|) in its low bits

    // E(j/2 + u) = Phi(j/2 + u) - 1/2 = C0[j] + u (C1[j] + u (C2[j] + u (C3[j] + u (C4[j] + u C5[j])))),
    // |u| <= 1/4 (j = 0: 0 <= u <= 1/4, odd terms only, so E(0) = 0 and gelu(-0) = -0). Per interval
    // minimax of the absolute error (linear least squares on Chebyshev nodes with Lawson reweighting),
    // at most 2.3e-8 = 0.39 * 2^-24 before the coefficients were rounded to float. From j = 11 on
    // (|x| >= 5.25, 1 - Phi < 7.6e-8) E is 1/2 exactly.
    private static final float[] C0 = {0f, 1.914624423e-01f, 3.413447440e-01f, 4.331927896e-01f, 4.772498906e-01f,
        4.937903285e-01f, 4.986501038e-01f, 4.997673631e-01f, 4.999683201e-01f, 4.999966025e-01f, 4.999997020e-01f,
        0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
    private static final float[] C1 = {3.989422619e-01f, 3.520653248e-01f, 2.419707626e-01f, 1.295176148e-01f,
        5.399096012e-02f, 1.752828807e-02f, 4.431844689e-03f, 8.726836531e-04f, 1.338313887e-04f, 1.598418748e-05f,
        1.486820793e-06f, 0f, 0f, 0f, 0f, 0f};
    private static final float[] C2 = {0f, -8.800966293e-02f, -1.209809631e-01f, -9.713959694e-02f, -5.399390683e-02f,
        -2.191150747e-02f, -6.647540256e-03f, -1.526800334e-03f, -2.674783464e-04f, -3.591392669e-05f,
        -3.707755695e-06f, 0f, 0f, 0f, 0f, 0f};
    private static final float[] C3 = {-6.648636609e-02f, -4.400666058e-02f, -3.512215244e-06f, 2.698027529e-02f,
        2.699600905e-02f, 1.533847116e-02f, 5.909523461e-03f, 1.636184053e-03f, 3.344575816e-04f, 5.123598021e-05f,
        5.936636171e-06f, 0f, 0f, 0f, 0f, 0f};
    private static final float[] C4 = {0f, 1.988492161e-02f, 1.997609809e-02f, 6.131456234e-03f, -4.373517353e-03f,
        -5.885758903e-03f, -3.333950648e-03f, -1.194068696e-03f, -2.977283439e-04f, -5.380250877e-05f,
        -7.197930245e-06f, 0f, 0f, 0f, 0f, 0f};
    private static final float[] C5 = {9.844725952e-03f, 4.543543793e-03f, -3.937832545e-03f, -5.799496546e-03f,
        -2.263944596e-03f, 6.338051171e-04f, 1.097371569e-03f, 5.812155432e-04f, 1.849675900e-04f, 4.005086521e-05f,
        6.196917639e-06f, 0f, 0f, 0f, 0f, 0f};
    // The tables as int bits: the permute that reads them is IntVector.selectFrom.
    private static final int[] B0 = bits(C0), B1 = bits(C1), B2 = bits(C2), B3 = bits(C3), B4 = bits(C4), B5 = bits(C5);

    private static int[] bits(float[] c) {
        int[] b = new int[c.length];
        for (int j = 0; j < c.length; j++) b[j] = Float.floatToRawIntBits(c[j]);
        return b;
    }

    /**
     * GELU of {@code x[from, to)} into {@code y[from, to)}; {@code y} may be {@code x}. The loops spell
     * the formula out instead of calling a per-vector helper: once such a helper has been compiled on its
     * own (it is hot in the tails of short calls), C2 may refuse to inline the compiled body into the
     * loop, which then boxes every vector (seen once in a harness: 10 ms per 1x64x112x112 call instead of
     * 0.24 ms).
     */
    static void forward(float[] x, float[] y, int from, int to) {
        if (TABLE) forwardTable(x, y, from, to);
        else forwardRational(x, y, from, to);
    }

    private static void forwardTable(float[] x, float[] y, int from, int to) {
        IntVector c0 = table(B0), c1 = table(B1), c2 = table(B2), c3 = table(B3), c4 = table(B4), c5 = table(B5);
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            IntVector bits = v.reinterpretAsInts();
            // |x| clamped; a NaN's bits exceed the clamp's, so NaN lanes compute E(7.5) and x * w keeps the NaN
            FloatVector a = bits.and(0x7fffffff).min(TABLE_CLAMP_BITS).reinterpretAsFloats();
            FloatVector t = a.fma(2f, ROUND);
            FloatVector u = t.sub(ROUND).fma(FloatVector.broadcast(F, -0.5f), a); // exact: |x| - j/2
            IntVector j = t.reinterpretAsInts(); // selectFrom wraps indexes: the low 4 bits, j
            FloatVector e = u.fma(coef(j, c5), coef(j, c4)).fma(u, coef(j, c3)).fma(u, coef(j, c2))
                    .fma(u, coef(j, c1)).fma(u, coef(j, c0));
            FloatVector w = e.reinterpretAsInts().lanewise(VectorOperators.XOR, bits.and(0x80000000)).reinterpretAsFloats().add(0.5f);
            FloatVector r = v.mul(w);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            IntVector bits = v.reinterpretAsInts();
            FloatVector a = bits.and(0x7fffffff).min(TABLE_CLAMP_BITS).reinterpretAsFloats();
            FloatVector t = a.fma(2f, ROUND);
            FloatVector u = t.sub(ROUND).fma(FloatVector.broadcast(F, -0.5f), a);
            IntVector j = t.reinterpretAsInts();
            FloatVector e = u.fma(coef(j, c5), coef(j, c4)).fma(u, coef(j, c3)).fma(u, coef(j, c2))
                    .fma(u, coef(j, c1)).fma(u, coef(j, c0));
            FloatVector w = e.reinterpretAsInts().lanewise(VectorOperators.XOR, bits.and(0x80000000)).reinterpretAsFloats().add(0.5f);
            FloatVector r = v.mul(w);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    private static final int TABLE_CLAMP_BITS = Float.floatToRawIntBits(TABLE_CLAMP);

    private static IntVector table(int[] b) {
        return IntVector.fromArray(FloatLanes.I, b, 0);
    }

    /** Entry j of a coefficient table, lane for lane, as floats. */
    private static FloatVector coef(IntVector j, IntVector table) {
        return j.selectFrom(table).reinterpretAsFloats();
    }

    private static void forwardRational(float[] x, float[] y, int from, int to) {
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
            rational(FloatVector.fromArray(F, x, i, m)).intoArray(y, i, m);
        }
    }

    /** The rational form lane for lane, as {@link #forwardRational}'s loop; NaN lanes give the canonical NaN. */
    private static FloatVector rational(FloatVector x) {
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
