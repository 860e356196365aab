package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Softplus forward, {@code log1p(exp(beta x)) / beta} and {@code x} where {@code beta x > threshold}.
 * Two forms:
 * <ul>
 *   <li>16 lanes (512 bits, {@link #TABLE}), for {@code |beta x| < 7.5}: softplus itself, piecewise: each
 *       {@code y = beta x} is split as {@code k + u} with {@code k = round(y)} in [-7, 7] and
 *       {@code |u| <= 1/2} (both exact), and softplus(y) is a degree-6 polynomial in u whose seven
 *       coefficients are read from 16-entry tables (index {@code k mod 16}) by one in-register permute
 *       each. No exp, no log, no division, no max(y, 0): 3 operations for k and u, 7 permutes, 6 fused
 *       multiply-adds, 2 for the range test. Each interval's polynomial is a minimax fit of the
 *       <em>relative</em> error of softplus on [k - 1/2, k + 1/2], so the left tail (softplus(-7.5) =
 *       5.5e-4) keeps full relative precision, as PyTorch's log1p(exp(y)) does. Measured against the double
 *       reference on 6 million points of [-7.5, 7.5]: at most 2.2 ulp.</li>
 *   <li>elsewhere (other lanes of a vector that leaves the range, and narrower vectors): {@code max(y, 0) +
 *       log1p(exp(-|y|))}, exp from {@link VectorMath#expNonPositive32}, log1p by {@link VectorMath#log1p}.</li>
 * </ul>
 * A vector branches once on the range test; one that fails it computes both forms and blends, so an
 * in-range lane gets the polynomial's bits whichever path its vector takes (results do not depend on
 * how a tensor is split into vectors or threads: ActivationPathsVectorPropertyTest). Measured (one
 * thread, 1x64x112x112 uniform(-6, 6), minimum thread CPU time, loaded machine): see {@link #forward}.
 */
final class SoftplusVector {
    private SoftplusVector() {}

    /** The piecewise form needs 16 lanes: one table per register. */
    static final boolean TABLE = F.length() == 16;

    /**
     * The piecewise form serves {@code |beta x| <} this: k = round(beta x) stays in [-7, 7], whose 15
     * entries of the tables are distinct mod 16 (entry 8 is never read: it would be k = 8 or -8).
     */
    static final float FAST_LIMIT = 7.5f;

    private static final float ROUND = 12582912f; // 1.5 * 2^23: y + ROUND holds round(y) in its low bits

    // softplus(k + u) = S0[k] + u (S1[k] + u (S2[k] + ... + u S6[k])), tables indexed by k mod 16, |u| <= 1/2:
    // per interval the least maximum relative error (linear least squares on Chebyshev nodes with Lawson
    // reweighting, in double), then rounded to float
    private static final float[] S0 = {6.931472e-01f, 1.3132616e+00f, 2.126928e+00f, 3.0485873e+00f, 4.01815e+00f, 5.0067153e+00f, 6.0024757e+00f, 7.000911e+00f, 0f, 9.114665e-04f, 2.4756852e-03f, 6.7153485e-03f, 1.8149927e-02f, 4.8587352e-02f, 1.2692802e-01f, 3.132617e-01f};
    private static final float[] S1 = {5.e-01f, 7.310585e-01f, 8.807971e-01f, 9.5257413e-01f, 9.8201376e-01f, 9.933072e-01f, 9.9752736e-01f, 9.9908894e-01f, 0f, 9.1105147e-04f, 2.4726237e-03f, 6.6928524e-03f, 1.798621e-02f, 4.742586e-02f, 1.1920289e-01f, 2.6894152e-01f};
    private static final float[] S2 = {1.2499989e-01f, 9.830618e-02f, 5.2496765e-02f, 2.2588307e-02f, 8.831351e-03f, 3.3240293e-03f, 1.2332553e-03f, 4.5511083e-04f, 0f, 4.5510998e-04f, 1.2332532e-03f, 3.324025e-03f, 8.831351e-03f, 2.2588352e-02f, 5.2496884e-02f, 9.8305844e-02f};
    private static final float[] S3 = {4.040564e-08f, -1.5139979e-02f, -1.3328197e-02f, -6.8156975e-03f, -2.8378824e-03f, -1.0931343e-03f, -4.090292e-04f, -1.5141776e-04f, 0f, 1.514181e-04f, 4.0903006e-04f, 1.093136e-03f, 2.8378833e-03f, 6.815687e-03f, 1.3328156e-02f, 1.5139992e-02f};
    private static final float[] S4 = {-5.2061635e-03f, -1.4747011e-03f, 1.619075e-03f, 1.3724428e-03f, 6.579824e-04f, 2.6594198e-04f, 1.012427e-04f, 3.7715567e-05f, 0f, 3.7724658e-05f, 1.0126528e-04f, 2.6598634e-04f, 6.579908e-04f, 1.3719626e-03f, 1.6177981e-03f, -1.4710719e-03f};
    private static final float[] S5 = {-1.5439045e-07f, 1.0050446e-03f, 1.8221157e-04f, -1.5254361e-04f, -1.1188243e-04f, -5.064829e-05f, -2.0029502e-05f, -7.5634757e-06f, 0f, 7.562341e-06f, 2.0026711e-05f, 5.064261e-05f, 1.1187913e-04f, 1.5257868e-04f, -1.8208034e-04f, -1.0050862e-03f};
    private static final float[] S6 = {3.3382108e-04f, -5.9437858e-05f, -1.2090234e-04f, -8.328796e-06f, 1.2278339e-05f, 7.481841e-06f, 3.2074695e-06f, 1.2441612e-06f, 0f, 1.2197943e-06f, 3.1469526e-06f, 7.362921e-06f, 1.2255004e-05f, -7.043848e-06f, -1.1748035e-04f, -6.914134e-05f};
    private static final int[] B0 = bits(S0), B1 = bits(S1), B2 = bits(S2), B3 = bits(S3), B4 = bits(S4), B5 = bits(S5),
            B6 = bits(S6);

    private static int[] bits(float[] c) {
        int[] b = new int[c.length];
        for (int j = 0; j < c.length; j++) b[j] = Float.floatToRawIntBits(c[j]);
        return b;
    }

    /** Softplus of {@code x[from, to)} into {@code y[from, to)}; {@code y} may be {@code x}. */
    static void forward(float[] x, float[] y, int from, int to, float beta, float threshold) {
        if (TABLE) forwardTable(x, y, from, to, beta, threshold);
        else forwardWide(x, y, from, to, beta, threshold);
    }

    /**
     * The piecewise form where every lane of a vector is in range, else both forms blended (see the
     * class comment). The loop spells the polynomial out rather than calling a per-vector helper (a
     * helper compiled on its own may not be inlined, and C2 then boxes every vector: see GeluVector).
     */
    private static void forwardTable(float[] x, float[] y, int from, int to, float beta, float threshold) {
        IntVector c0 = table(B0), c1 = table(B1), c2 = table(B2), c3 = table(B3), c4 = table(B4), c5 = table(B5), c6 = table(B6);
        // beta = 1 (the default) skips the multiplications by beta and 1/beta, exact then: the same bits
        boolean unit = beta == 1f;
        float inv = 1f / beta;
        // a threshold below the range's end cuts it (a lane past the threshold is x itself)
        boolean cut = threshold < FAST_LIMIT;
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i), b = unit ? v : v.mul(beta);
            VectorMask<Float> fast = b.abs().compare(VectorOperators.LT, FAST_LIMIT);
            if (cut) fast = fast.and(b.compare(VectorOperators.LE, threshold));
            if (fast.allTrue()) {
                FloatVector t = b.add(ROUND);
                FloatVector u = b.sub(t.sub(ROUND)); // y - round(y), exact
                IntVector j = t.reinterpretAsInts(); // selectFrom wraps indexes: the low 4 bits, k mod 16
                FloatVector p = u.fma(coef(j, c6), coef(j, c5)).fma(u, coef(j, c4)).fma(u, coef(j, c3)).fma(u, coef(j, c2))
                        .fma(u, coef(j, c1)).fma(u, coef(j, c0));
                (unit ? p : p.mul(inv)).intoArray(y, i);
                continue;
            }
            // the same polynomial for the in-range lanes (out-of-range lanes take 0 for it, then the wide form)
            FloatVector bc = b.blend(0f, fast.not());
            FloatVector t = bc.add(ROUND);
            FloatVector u = bc.sub(t.sub(ROUND));
            IntVector j = t.reinterpretAsInts();
            FloatVector p = u.fma(coef(j, c6), coef(j, c5)).fma(u, coef(j, c4)).fma(u, coef(j, c3)).fma(u, coef(j, c2))
                    .fma(u, coef(j, c1)).fma(u, coef(j, c0));
            FloatVector r = wide(v, b, beta, threshold).blend(unit ? p : p.mul(inv), fast);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), b = unit ? v : v.mul(beta); // 0 past the end
            VectorMask<Float> fast = b.abs().compare(VectorOperators.LT, FAST_LIMIT);
            if (cut) fast = fast.and(b.compare(VectorOperators.LE, threshold));
            FloatVector bc = b.blend(0f, fast.not());
            FloatVector t = bc.add(ROUND);
            FloatVector u = bc.sub(t.sub(ROUND));
            IntVector j = t.reinterpretAsInts();
            FloatVector p = u.fma(coef(j, c6), coef(j, c5)).fma(u, coef(j, c4)).fma(u, coef(j, c3)).fma(u, coef(j, c2))
                    .fma(u, coef(j, c1)).fma(u, coef(j, c0));
            FloatVector r = wide(v, b, beta, threshold).blend(unit ? p : p.mul(inv), fast);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    private static IntVector table(int[] b) {
        return IntVector.fromArray(FloatLanes.I, b, 0);
    }

    /** Entry {@code k mod 16} of a coefficient table, lane for lane, as floats. */
    private static FloatVector coef(IntVector j, IntVector table) {
        return j.selectFrom(table).reinterpretAsFloats();
    }

    /** The exp-based form for every vector (narrower than 16 lanes). */
    private static void forwardWide(float[] x, float[] y, int from, int to, float beta, float threshold) {
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            FloatVector r = wide(v, v.mul(beta), beta, threshold);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            FloatVector r = wide(v, v.mul(beta), beta, threshold);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
    }

    /**
     * {@code (max(y, 0) + log1p(exp(-|y|))) / beta} with {@code y = beta x} given, and x where y > threshold;
     * any x (NaN lanes give a NaN, which the callers make canonical).
     */
    private static FloatVector wide(FloatVector x, FloatVector y, float beta, float threshold) {
        FloatVector e = VectorMath.expNonPositive32(VectorMath.negAbs(y));
        // times 1/beta rather than divided by beta: a vector division per element measured 10-15% of softplus;
        // exact for the default beta = 1, within half an ulp more otherwise
        FloatVector soft = positivePart(y).add(VectorMath.log1p(e)).mul(1f / beta);
        return soft.blend(x, y.compare(VectorOperators.GT, threshold));
    }

    /**
     * max(y, 0) for y not NaN, by integer operations ({@code y & ~(y >> 31)}) rather than a compare and a
     * blend; -0 gives +0, which softplus then adds to log1p(1) = ln 2 alike.
     */
    private static FloatVector positivePart(FloatVector y) {
        IntVector bits = y.reinterpretAsInts();
        return bits.and(bits.lanewise(VectorOperators.ASHR, 31).not()).reinterpretAsFloats();
    }
}
