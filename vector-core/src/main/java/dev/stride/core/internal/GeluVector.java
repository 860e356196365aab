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
 *       cut into 15 intervals of width 4/11 centred on {@code j * 4/11} (j = round(2.75|x|)), each with its
 *       own degree-4 polynomial in {@code u = |x| - j * 4/11}, whose five coefficients are read from
 *       16-entry tables by one in-register permute each; entry 15 is the constant 1/2, so |x| >= 5.27
 *       (clamped to 5.6 to keep the index in the table) gives Phi exactly 0 or 1. 5 permutes and 6
 *       multiply-adds, no division. Measured (one thread, 1x64x112x112, minimum thread CPU time of a
 *       loaded machine): 182 us per call, against 245 us for the rational below at this width, 231 us
 *       for 11 intervals of width 1/2 with degree-5 polynomials (6 permutes; about 1.7x more accurate)
 *       and 470 us for the left-tail-accurate form; with a compare and blend per vector for NaN
 *       instead of {@link #forwardTable}'s second pass it takes 205 us. Rejected later (same harness,
 *       181 us for this form in the same process): Estrin's scheme for the polynomial (u^2 once, two
 *       halves; one operation more, shorter chain) 185 us; u from {@code b = 2.75|x|} by adds only
 *       ({@code b + 1.5 2^23}, two subtractions; one operation more, two fewer multiply-adds) 186 us;
 *       two vectors per step spelled out 1307 us (C2 left the 20 coef calls out of line and boxed).
 *       Each operation removed is worth about 10 us whatever its port: without the NaN tracking max
 *       (not an option, for the canonical NaN) 172 us, with one table read less (wrong results) 170 us.
 *       selectFrom's index wrap costs one more AND per vector (C2 emits it before the five permutes).</li>
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
 * {@code ScalarMath.phi}) needs about twice the vector operations.
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

    /** Intervals per unit of |x|: interval j is centred on {@code j * STEP} with {@code j = round(SCALE |x|)}. */
    private static final float SCALE = 2.75f, STEP = 0.36363637f; // STEP = 1/SCALE rounded; the fit used it
    /** |x| is clamped here (by an integer min on its bits) so that {@code round(SCALE |x|) <= 15}. */
    private static final float TABLE_CLAMP = 5.6f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: t = SCALE |x| + ROUND holds j in its low bits

    // E(j STEP + u) = Phi(j STEP + u) - 1/2 = C0[j] + u (C1[j] + u (C2[j] + u (C3[j] + u C4[j]))),
    // |u| <= STEP/2 (j = 0: 0 <= u, and C0[0] = 0, so E(0) = 0 and gelu(-0) = -0). Per interval minimax
    // of the absolute error (linear least squares on Chebyshev nodes with Lawson reweighting): at most
    // 8.8e-8 = 1.5 * 2^-24 with the coefficients rounded to float. Entry 15 (|x| >= 5.27, where
    // 1 - Phi < 6.8e-8) is E = 1/2 exactly.
    private static final float[] C0 = {0f, 1.419352144e-01f, 2.664705515e-01f, 3.623435497e-01f, 4.271024466e-01f,
        4.654818475e-01f, 4.854385257e-01f, 4.945432246e-01f, 4.981876016e-01f, 4.994674325e-01f, 4.998617470e-01f,
        4.999683201e-01f, 4.999935925e-01f, 4.999988675e-01f, 4.999998212e-01f, 0.5f};
    private static final float[] C1 = {3.989415169e-01f, 3.734166026e-01f, 3.062352836e-01f, 2.200342268e-01f,
        1.385152191e-01f, 7.639680803e-02f, 3.691653907e-02f, 1.562902890e-02f, 5.797020160e-03f, 1.883801655e-03f,
        5.363135715e-04f, 1.337676804e-04f, 2.922977001e-05f, 5.595429229e-06f, 9.383695669e-07f, 0f};
    private static final float[] C2 = {4.062990411e-05f, -6.789231300e-02f, -1.113559827e-01f, -1.200164780e-01f,
        -1.007372662e-01f, -6.945168227e-02f, -4.027293622e-02f, -1.989221573e-02f, -8.432559669e-03f,
        -3.082936397e-03f, -9.752948536e-04f, -2.675868454e-04f, -6.379048136e-05f, -1.323302786e-05f,
        -2.389614792e-06f, 0f};
    private static final float[] C3 = {-6.716220826e-02f, -5.372161791e-02f, -2.403253689e-02f, 6.765406113e-03f,
        2.550861612e-02f, 2.920332924e-02f, 2.309890836e-02f, 1.430551615e-02f, 7.258255500e-03f, 3.084054217e-03f,
        1.111156773e-03f, 3.421239380e-04f, 9.050476365e-05f, 2.064827095e-05f, 4.073106538e-06f, 0f};
    private static final float[] C4 = {4.396374337e-03f, 1.608372293e-02f, 2.276351862e-02f, 1.801691763e-02f,
        7.450249977e-03f, -1.690887380e-03f, -5.852567498e-03f, -5.742549431e-03f, -3.841387806e-03f,
        -1.990625402e-03f, -8.387101698e-04f, -2.947499161e-04f, -8.724236977e-05f, -2.188089093e-05f,
        -4.734674803e-06f, 0f};
    // The tables as int bits: the permute that reads them is IntVector.selectFrom.
    private static final int[] B0 = bits(C0), B1 = bits(C1), B2 = bits(C2), B3 = bits(C3), B4 = bits(C4);

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

    /**
     * The piecewise form. NaN results (from NaN or -inf inputs) are made canonical by a second pass over
     * the block, run only when some input was NaN or infinite: tracking that costs one integer max per
     * vector, where a compare and blend per vector measured 11-13% slower. Canonical NaN keeps
     * the result independent of the JIT (the interpreter and compiled code may pick different payloads).
     */
    private static void forwardTable(float[] x, float[] y, int from, int to) {
        IntVector c0 = table(B0), c1 = table(B1), c2 = table(B2), c3 = table(B3), c4 = table(B4);
        IntVector maxAbs = IntVector.zero(FloatLanes.I);
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            IntVector bits = v.reinterpretAsInts(), abs = bits.and(0x7fffffff);
            maxAbs = maxAbs.max(abs);
            // |x| clamped; a NaN's bits exceed the clamp's, so NaN lanes compute E(5.6) and x * w keeps the NaN
            FloatVector a = abs.min(TABLE_CLAMP_BITS).reinterpretAsFloats();
            FloatVector t = a.fma(SCALE, ROUND);
            FloatVector u = t.sub(ROUND).fma(FloatVector.broadcast(F, -STEP), a); // |x| - j STEP, one rounding
            IntVector j = t.reinterpretAsInts(); // selectFrom wraps indexes: the low 4 bits, j
            FloatVector e = u.fma(coef(j, c4), coef(j, c3)).fma(u, coef(j, c2)).fma(u, coef(j, c1)).fma(u, coef(j, c0));
            FloatVector w = e.reinterpretAsInts().lanewise(VectorOperators.XOR, bits.and(0x80000000)).reinterpretAsFloats().add(0.5f);
            v.mul(w).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m); // 0 in the lanes past the end
            IntVector bits = v.reinterpretAsInts(), abs = bits.and(0x7fffffff);
            maxAbs = maxAbs.max(abs);
            FloatVector a = abs.min(TABLE_CLAMP_BITS).reinterpretAsFloats();
            FloatVector t = a.fma(SCALE, ROUND);
            FloatVector u = t.sub(ROUND).fma(FloatVector.broadcast(F, -STEP), a);
            IntVector j = t.reinterpretAsInts();
            FloatVector e = u.fma(coef(j, c4), coef(j, c3)).fma(u, coef(j, c2)).fma(u, coef(j, c1)).fma(u, coef(j, c0));
            FloatVector w = e.reinterpretAsInts().lanewise(VectorOperators.XOR, bits.and(0x80000000)).reinterpretAsFloats().add(0.5f);
            v.mul(w).intoArray(y, i, m);
        }
        if (maxAbs.reduceLanes(VectorOperators.MAX) >= INFINITY_BITS) canonicalNaN(y, from, to);
    }

    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

    /** Replaces every NaN in {@code y[from, to)} by {@link Float#NaN}; other values are left alone. */
    private static void canonicalNaN(float[] y, int from, int to) {
        for (int k = from; k < to; k++) if (Float.isNaN(y[k])) y[k] = Float.NaN;
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
