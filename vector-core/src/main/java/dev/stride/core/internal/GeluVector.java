package dev.stride.core.internal;

import static dev.stride.core.internal.CoefficientTables.bits;
import static dev.stride.core.internal.CoefficientTables.entry;
import static dev.stride.core.internal.CoefficientTables.load;
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
 *       own degree-4 polynomial in |x| itself, whose five coefficients are read from 16-entry tables by
 *       one in-register permute each; entry 15 is the constant 1/2, so |x| >= 5.27 (clamped to 5.6 to keep
 *       the index in the table) gives Phi exactly 0 or 1. 5 permutes and 5 multiply-adds, no division.
 *       The pieces were first written in {@code u = |x| - j * 4/11}, which is more accurate (2.4 against
 *       2.7 u|x| for x < 0) but forms u by a subtraction and a multiply-add per vector: a quiet harness
 *       (1 thread, 1x64x112x112, minimum thread CPU time per call, both in alternating JVMs) gave 177 us
 *       for that form and 162 us for this one. Measured earlier for the u form (same harness, loaded
 *       machine): 182 us per call, against 245 us for the rational below at this width, 231 us
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

    /** Intervals per unit of |x|: interval j is centred on {@code j / SCALE} with {@code j = round(SCALE |x|)}. */
    private static final float SCALE = 2.75f;
    /** |x| is clamped here (by an integer min on its bits) so that {@code round(SCALE |x|) <= 15}. */
    private static final float TABLE_CLAMP = 5.6f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: t = SCALE |x| + ROUND holds j in its low bits

    // E(a) = Phi(a) - 1/2 = C0[j] + a (C1[j] + a (C2[j] + a (C3[j] + a C4[j]))) on interval j, |a - j/SCALE|
    // <= 1/(2 SCALE): each piece in powers of a itself rather than of a - j/SCALE, which saves forming the offset
    // (a subtraction and a multiply-add per vector, ~10% of the loop). Per interval minimax of the absolute
    // error (least squares on Chebyshev nodes with Lawson reweighting; coefficients rounded to float from
    // the highest down, the lower ones refitted after each): at most 1.74e-7 = 2.9 * 2^-24 evaluated in
    // float (the powers of a up to 5.27 cost some of the accuracy the centred form had: 1.5 * 2^-24).
    // j = 0: C0[0] = 0, so E(0) = 0 and gelu(-0) = -0. Entry 15 (|x| >= 5.27, where 1 - Phi < 6.8e-8) is
    // E = 1/2 exactly.
    private static final float[] C0 = {0f, 3.416639083e-05f, 4.676599929e-04f, -3.792320145e-03f, -3.265545890e-02f,
        -9.701678157e-02f, -1.591512263e-01f, -1.511480957e-01f, -4.384810477e-02f, 1.236336082e-01f,
        2.847157717e-01f, 3.978001177e-01f, 4.594998658e-01f, 4.865241349e-01f, 4.962153733e-01f, 5.000000000e-01f};
    private static final float[] C1 = {3.989415467e-01f, 3.983893096e-01f, 3.950491846e-01f, 4.124899209e-01f,
        5.017659664e-01f, 6.592146754e-01f, 7.853012681e-01f, 7.738111019e-01f, 6.174206138e-01f, 4.004903734e-01f,
        2.132664025e-01f, 9.415224195e-02f, 3.475153074e-02f, 1.079841703e-02f, 2.840778790e-03f, 0f};
    private static final float[] C2 = {3.996420492e-05f, 3.468896495e-03f, 1.331583597e-02f, -1.352278981e-02f,
        -1.174725965e-01f, -2.622756958e-01f, -3.583710790e-01f, -3.523804247e-01f, -2.668309212e-01f,
        -1.613893509e-01f, -7.974001020e-02f, -3.266901523e-02f, -1.121581625e-02f, -3.251780989e-03f,
        -8.008558070e-04f, 0f};
    private static final float[] C3 = {-6.715629250e-02f, -7.710648328e-02f, -9.024986625e-02f, -7.184502482e-02f,
        -1.783826947e-02f, 4.149873182e-02f, 7.409749925e-02f, 7.277473807e-02f, 5.195803940e-02f, 2.916363068e-02f,
        1.332908683e-02f, 5.058114883e-03f, 1.613277127e-03f, 4.360719759e-04f, 1.004879523e-04f, 0f};
    private static final float[] C4 = {4.380060360e-03f, 1.607684605e-02f, 2.276218869e-02f, 1.801493205e-02f,
        7.450248115e-03f, -1.690607984e-03f, -5.843570922e-03f, -5.742513575e-03f, -3.841387806e-03f,
        -1.992195379e-03f, -8.399852668e-04f, -2.947494795e-04f, -8.724217332e-05f, -2.196960304e-05f,
        -4.734657978e-06f, 0f};

    // The tables as int bits: the permute that reads them is IntVector.selectFrom.
    private static final int[] B0 = bits(C0), B1 = bits(C1), B2 = bits(C2), B3 = bits(C3), B4 = bits(C4);

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
        IntVector c0 = load(B0), c1 = load(B1), c2 = load(B2), c3 = load(B3), c4 = load(B4);
        IntVector maxAbs = IntVector.zero(FloatLanes.I);
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            IntVector bits = v.reinterpretAsInts(), abs = bits.and(0x7fffffff);
            maxAbs = maxAbs.max(abs);
            // |x| clamped; a NaN's bits exceed the clamp's, so NaN lanes compute E(5.6) and x * w keeps the NaN
            FloatVector a = abs.min(TABLE_CLAMP_BITS).reinterpretAsFloats();
            IntVector j = a.fma(SCALE, ROUND).reinterpretAsInts(); // selectFrom wraps indexes: the low 4 bits, j
            FloatVector e = a.fma(entry(j, c4), entry(j, c3)).fma(a, entry(j, c2)).fma(a, entry(j, c1)).fma(a, entry(j, c0));
            FloatVector w = e.reinterpretAsInts().lanewise(VectorOperators.XOR, bits.and(0x80000000)).reinterpretAsFloats().add(0.5f);
            v.mul(w).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m); // 0 in the lanes past the end
            IntVector bits = v.reinterpretAsInts(), abs = bits.and(0x7fffffff);
            maxAbs = maxAbs.max(abs);
            FloatVector a = abs.min(TABLE_CLAMP_BITS).reinterpretAsFloats();
            IntVector j = a.fma(SCALE, ROUND).reinterpretAsInts();
            FloatVector e = a.fma(entry(j, c4), entry(j, c3)).fma(a, entry(j, c2)).fma(a, entry(j, c1)).fma(a, entry(j, c0));
            FloatVector w = e.reinterpretAsInts().lanewise(VectorOperators.XOR, bits.and(0x80000000)).reinterpretAsFloats().add(0.5f);
            v.mul(w).intoArray(y, i, m);
        }
        if (maxAbs.reduceLanes(VectorOperators.MAX) >= INFINITY_BITS) {
            for (int k = from; k < to; k++) y[k] = ScalarMath.canon(y[k]);
        }
    }

    private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

    private static final int TABLE_CLAMP_BITS = Float.floatToRawIntBits(TABLE_CLAMP);

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
