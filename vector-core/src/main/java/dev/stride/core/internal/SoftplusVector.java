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
 * Softplus forward, {@code log1p(exp(beta x)) / beta}, and {@code x} where {@code beta x > threshold}.
 * Two forms, with {@code y = beta x}:
 * <ul>
 *   <li>16 lanes (512 bits, {@link #TABLE}), for {@code |y| < 7.75}: {@code softplus(y) = max(y, 0) + f(|y|)}
 *       with {@code f(a) = log1p(exp(-a))} piecewise: {@code a = j/2 + u} with {@code j = round(2a)} in
 *       [0, 15] and {@code |u| <= 1/4} (both exact), and f is a degree-4 polynomial in u whose five
 *       coefficients are read from 16-entry tables (index j) by one in-register permute each; max(y, 0) is
 *       one integer max on y's bits. No exp, log or division: per vector an absolute value and a compare
 *       (the range test), 3 operations (add, subtract, subtract) for j and u, an and (selectFrom's index
 *       wrap), 5 permutes, 4 fused multiply-adds, the max and an add.
 *       Each interval's polynomial minimises its maximum <em>relative</em> error, so the left tail keeps
 *       relative precision as PyTorch's {@code log1p(exp(y))} does. Measured against the double reference
 *       on 36 million floats of [-7.75, 7.75]: at most 9.3 ulp for y < 0 (the worst in the tail, y near
 *       -6.25, where the degree-4 fit of exp(-u) itself is 5e-7 relative; ActivationVectorPropertyTest
 *       allows 8 ulp + 4u(1 + |y|) there, over 22 ulp) and 2.3 ulp for y >= 0 (the exp/log1p form: 4.9
 *       ulp). Measured (one thread, 1x64x112x112 uniform(-6, 6), minimum thread CPU time per call, a
 *       loaded machine, alternating JVMs): about 150 us, against 240 us for the exp/log1p form, 175 us
 *       for degree 6 in {@code y - round(y)} on [-7.5, 7.5] (7 permutes, no max; 2.2 ulp), 170 us for
 *       degree 5 here (1.9 ulp) and 157 us with j from a multiply-add ({@code 2a + 1.5 * 2^23}).</li>
 *   <li>elsewhere (other lanes of a vector that leaves the range, and narrower vectors): {@code max(y, 0) +
 *       log1p(exp(-|y|))}, exp from {@link VectorMath#expNonPositive32}, log1p by {@link VectorMath#log1p}.</li>
 * </ul>
 * A vector branches once on the range test; one that fails it computes both forms and blends, so an
 * in-range lane gets the polynomial's bits whichever path its vector takes (results do not depend on
 * how a tensor is split into vectors or threads: ActivationPathsVectorPropertyTest).
 */
final class SoftplusVector {
    private SoftplusVector() {}

    /** The piecewise form needs 16 lanes: one table per register. */
    static final boolean TABLE = F.length() == 16;

    /** The piecewise form serves {@code |beta x| <} this: j = round(2 |beta x|) stays within the tables' 0..15. */
    static final float FAST_LIMIT = 7.75f;

    // 1.5 * 2^22, where floats are spaced 1/2 apart: a + HALF_ROUND rounds a to the nearest j/2 and holds j in
    // its low bits (an add, where round(2a) from 2a + 1.5 * 2^23 took a multiply-add and a register copy)
    private static final float HALF_ROUND = 6291456f;

    // log1p(exp(-(j/2 + u))) = F0[j] + u (F1[j] + u (F2[j] + u (F3[j] + u F4[j]))), |u| <= 1/4 (j = 0: 0 <= u
    // <= 1/4): per interval the least maximum relative error (linear least squares on Chebyshev nodes with
    // Lawson reweighting, in double), then rounded to float
    private static final float[] F0 = {6.931472e-01f, 4.74077e-01f, 3.132617e-01f, 2.0141329e-01f, 1.2692802e-01f,
        7.8889735e-02f, 4.858735e-02f, 2.9750416e-02f, 1.8149927e-02f, 1.1047744e-02f, 6.715348e-03f, 4.0784427e-03f,
        2.475685e-03f, 1.50231e-03f, 9.1146637e-04f, 5.529314e-04f};
    private static final float[] F1 = {-5.000001e-01f, -3.7754172e-01f, -2.6894265e-01f, -1.8242627e-01f,
        -1.19203135e-01f, -7.585809e-02f, -4.7425687e-02f, -2.9312054e-02f, -1.7986076e-02f, -1.098685e-02f,
        -6.6927904e-03f, -4.0700994e-03f, -2.4725993e-03f, -1.5011675e-03f, -9.1104215e-04f, -5.527731e-04f};
    private static final float[] F2 = {1.2500282e-01f, 1.1749992e-01f, 9.830448e-02f, 7.457265e-02f, 5.2496854e-02f,
        3.505216e-02f, 2.2588648e-02f, 1.42267635e-02f, 8.831529e-03f, 5.433231e-03f, 3.3241024e-03f, 2.0268322e-03f,
        1.2332832e-03f, 7.4948184e-04f, 4.5512128e-04f, 2.7624305e-04f};
    private static final float[] F3 = {-2.7269063e-05f, -9.525333e-03f, -1.5063163e-02f, -1.5739843e-02f,
        -1.3313477e-02f, -9.9172965e-03f, -6.827335e-03f, -4.475571e-03f, -2.8465786e-03f, -1.7772316e-03f,
        -1.0970909e-03f, -6.72576e-04f, -4.1059655e-04f, -2.500232e-04f, -1.5200998e-04f, -9.233263e-05f};
    private static final float[] F4 = {-5.1167505e-03f, -3.9727995e-03f, -1.4521455e-03f, 6.5269094e-04f,
        1.6107527e-03f, 1.6845556e-03f, 1.3666224e-03f, 9.796809e-04f, 6.5585476e-04f, 4.2198488e-04f, 2.6520138e-04f,
        1.6433954e-04f, 1.00978395e-04f, 6.172949e-05f, 3.761947e-05f, 2.288329e-05f};
    private static final int[] B0 = bits(F0), B1 = bits(F1), B2 = bits(F2), B3 = bits(F3), B4 = bits(F4);

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
        IntVector c0 = load(B0), c1 = load(B1), c2 = load(B2), c3 = load(B3), c4 = load(B4);
        // beta = 1 (the default) skips the multiplications by beta and 1/beta, exact then: the same bits
        boolean unit = beta == 1f;
        float inv = 1f / beta;
        // a threshold below the range's end cuts it (a lane past the threshold is x itself)
        boolean cut = threshold < FAST_LIMIT;
        int i = from, bound = from + (to - from) / L * L;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i), b = unit ? v : v.mul(beta);
            FloatVector a = b.abs();
            VectorMask<Float> fast = a.compare(VectorOperators.LT, FAST_LIMIT);
            if (cut) fast = fast.and(b.compare(VectorOperators.LE, threshold));
            if (fast.allTrue()) {
                FloatVector t = a.add(HALF_ROUND);
                FloatVector u = a.sub(t.sub(HALF_ROUND)); // |y| - j/2, exact
                IntVector j = t.reinterpretAsInts(); // selectFrom wraps indexes: the low 4 bits, j
                FloatVector p = u.fma(entry(j, c4), entry(j, c3)).fma(u, entry(j, c2)).fma(u, entry(j, c1)).fma(u, entry(j, c0))
                        .add(b.reinterpretAsInts().max(0).reinterpretAsFloats());
                (unit ? p : p.mul(inv)).intoArray(y, i);
                continue;
            }
            // the same polynomial for the in-range lanes (out-of-range lanes take 0 for it, then the wide form)
            FloatVector bc = b.blend(0f, fast.not()), ac = bc.abs();
            FloatVector t = ac.add(HALF_ROUND);
            FloatVector u = ac.sub(t.sub(HALF_ROUND));
            IntVector j = t.reinterpretAsInts();
            FloatVector p = u.fma(entry(j, c4), entry(j, c3)).fma(u, entry(j, c2)).fma(u, entry(j, c1)).fma(u, entry(j, c0))
                    .add(bc.reinterpretAsInts().max(0).reinterpretAsFloats());
            FloatVector r = wide(v, b, beta, threshold).blend(unit ? p : p.mul(inv), fast);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, i, m), b = unit ? v : v.mul(beta); // 0 past the end
            VectorMask<Float> fast = b.abs().compare(VectorOperators.LT, FAST_LIMIT);
            if (cut) fast = fast.and(b.compare(VectorOperators.LE, threshold));
            FloatVector bc = b.blend(0f, fast.not()), ac = bc.abs();
            FloatVector t = ac.add(HALF_ROUND);
            FloatVector u = ac.sub(t.sub(HALF_ROUND));
            IntVector j = t.reinterpretAsInts();
            FloatVector p = u.fma(entry(j, c4), entry(j, c3)).fma(u, entry(j, c2)).fma(u, entry(j, c1)).fma(u, entry(j, c0))
                    .add(bc.reinterpretAsInts().max(0).reinterpretAsFloats());
            FloatVector r = wide(v, b, beta, threshold).blend(unit ? p : p.mul(inv), fast);
            r.blend(Float.NaN, r.compare(VectorOperators.NE, r)).intoArray(y, i, m);
        }
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
