package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.ScalarMath.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector float transcendental functions: lane for lane the algorithms and polynomials of
 * {@link ScalarMath} (its comments give the reductions and the polynomials' errors), built only from
 * add, multiply, fused multiply-add, divide, compare and blend. Those are exactly rounded whether the
 * code runs interpreted or compiled, so results never depend on the JIT (the Vector API's {@code EXP},
 * {@code TANH}, {@code LOG1P} lanewise operators may use other algorithms when compiled than when
 * interpreted, which would break bitwise determinism across threads); they were also measured against
 * these (see ActivationBench with {@code -Dstride.math.lanewise=true}).
 *
 * <p>Callers canonicalise NaN results ({@link ScalarMath#canon}) with an in-line blend rather than a
 * helper call: one more call level in a loop that already inlines a polynomial was measured to exceed
 * C2's inlining budget and box every vector (3 allocations per vector, 2-3x slower).
 */
final class VectorMath {
    private VectorMath() {}

    /**
     * Measurement switch ({@code -Dstride.math.lanewise=true}): exp and tanh through the Vector API's
     * lanewise operators instead of the polynomials, to compare their speed. Not for production use.
     */
    static final boolean LANEWISE = Boolean.getBoolean("stride.math.lanewise");


    static FloatVector exp(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.EXP);
        return expClamped(x.blend(EXP_LO, x.lt(EXP_LO)).blend(EXP_HI, x.compare(VectorOperators.GT, EXP_HI)));
    }

    /**
     * exp(x) for {@code x <= 0} or NaN only (sigmoid's {@code exp(-|x|)}, softmax's {@code exp(x - max)}):
     * bitwise {@link #exp}'s result without the upper clamp, and with one scale factor unless a lane is
     * below -87 (where the result may be subnormal). A positive lane gives garbage.
     */
    static FloatVector expNonPositive(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.EXP);
        VectorMask<Float> tiny = x.lt(EXP_NORMAL_LO);
        if (tiny.anyTrue()) return expClamped(x.blend(EXP_LO, x.lt(EXP_LO)));
        return expNormal(x);
    }

    /**
     * {@link #expNonPositive} in one path (always the two scale factors), bitwise the same: for a caller
     * whose loop already holds as much code as C2 inlines (GELU's gauss pass was measured 2.3x slower with
     * the two paths). Here n goes through a float-to-int conversion rather than t's bits: in GELU's gauss
     * pass that measured 8% faster than the bit construction of {@link #expClamped} (AVX-512, JDK 25).
     */
    static FloatVector expNonPositiveOnePath(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.EXP);
        FloatVector xc = x.blend(EXP_LO, x.lt(EXP_LO));
        FloatVector n = xc.fma(LOG2E, ROUND).sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_LO), n.fma(FloatVector.broadcast(F, -LN2_HI), xc));
        FloatVector p = r.fma(E6, E5).fma(r, FloatVector.broadcast(F, E4)).fma(r, FloatVector.broadcast(F, E3))
                .fma(r, FloatVector.broadcast(F, E2)).fma(r, FloatVector.broadcast(F, E1)).fma(r, FloatVector.broadcast(F, E0));
        IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** Below this exp's {@code n} may fall under -126, where 2^n is no longer one normal float. */
    private static final float EXP_NORMAL_LO = -87f;

    /**
     * exp on {@code [-87, 0]} (or NaN): {@link #expClamped}'s reduction and polynomial with one scale
     * factor 2^n (n >= -126 is normal), so one multiplication and three integer operations fewer. Bitwise
     * {@link #expClamped}'s result: scaling by powers of two is exact until the last rounding either way.
     */
    private static FloatVector expNormal(FloatVector x) {
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_LO), n.fma(FloatVector.broadcast(F, -LN2_HI), x));
        FloatVector p = r.fma(E6, E5).fma(r, FloatVector.broadcast(F, E4)).fma(r, FloatVector.broadcast(F, E3))
                .fma(r, FloatVector.broadcast(F, E2)).fma(r, FloatVector.broadcast(F, E1)).fma(r, FloatVector.broadcast(F, E0));
        return p.mul(t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    /**
     * exp on {@code [EXP_LO, EXP_HI]} (or NaN). {@code t = x log2e + 1.5*2^23} holds {@code n} in its low
     * mantissa bits, so the scales {@code 2^ceil(n/2)} and {@code 2^floor(n/2)} (two factors, so that
     * results down to the subnormals stay exact) are built from t's bits by integer shifts and adds: no
     * float-to-int conversion, which on AVX2 costs a fix-up sequence for Java's NaN and overflow rules.
     * Bitwise {@link ScalarMath#exp}'s result: n is the same integer either way.
     */
    private static FloatVector expClamped(FloatVector xc) {
        FloatVector t = xc.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_LO), n.fma(FloatVector.broadcast(F, -LN2_HI), xc));
        FloatVector p = r.fma(E6, E5).fma(r, FloatVector.broadcast(F, E4)).fma(r, FloatVector.broadcast(F, E3))
                .fma(r, FloatVector.broadcast(F, E2)).fma(r, FloatVector.broadcast(F, E1)).fma(r, FloatVector.broadcast(F, E0));
        // t's bits are ROUND_BITS + n with ROUND_BITS = 0x4B400000, whose low 21 bits are 0: shifted left by
        // 23 it vanishes, so (bits(t)/2 + 127) << 23 = 2^(floor(n/2)) and (bits(t) - bits(t)/2 + 127) << 23
        // = 2^(ceil(n/2)) exactly (floor halves, as ASHR rounds down and ROUND_BITS is even).
        IntVector bits = t.reinterpretAsInts();
        IntVector half = bits.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = bits.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** {@link ScalarMath#expm1NonPositive} lane for lane: y <= 0 or NaN; a positive lane gives garbage. */
    static FloatVector expm1NonPositive(FloatVector y) {
        FloatVector yc = y.blend(EXPM1_LO, y.lt(EXPM1_LO));
        FloatVector t = yc.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_LO), n.fma(FloatVector.broadcast(F, -LN2_HI), yc));
        FloatVector q = r.mul(r.fma(M7, M6).fma(r, FloatVector.broadcast(F, M5)).fma(r, FloatVector.broadcast(F, M4))
                .fma(r, FloatVector.broadcast(F, M3)).fma(r, FloatVector.broadcast(F, M2)).fma(r, FloatVector.broadcast(F, M1))
                .fma(r, FloatVector.broadcast(F, M0)));
        // 2^n from t's bits, as in expClamped (n >= -44 here, so one normal factor serves)
        FloatVector scale = t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return scale.fma(q, scale.sub(1f));
    }

    /** {@link ScalarMath#tanh} lane for lane; the sign of x is put back with its bit (tanh(-0) = -0). */
    static FloatVector tanh(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.TANH);
        FloatVector m = expm1NonPositive(x.abs().mul(-2f));
        FloatVector t = m.neg().div(m.add(2f)).abs(); // -(+0) / 2 is -0: clear the bit before the OR
        IntVector sign = x.reinterpretAsInts().and(0x80000000);
        return t.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = expNonPositive(x.abs().neg());
        FloatVector up = FloatVector.broadcast(F, 1f).div(e.add(1f));
        // x >= 0 is false for NaN, and e*up is then NaN as it should be
        return e.mul(up).blend(up, x.compare(VectorOperators.GE, 0f));
    }

    /**
     * Phi(x) given {@code g = gauss(x)} (computed by the caller in its own loop, so that no loop inlines
     * more than one exp): the erf polynomial near 0, else {@code 0.5 H(t) g} in the tails. Split in
     * three small methods: one body holding both polynomials is past C2's size limit for inlining.
     */
    static FloatVector phi(FloatVector x, FloatVector g) {
        VectorMask<Float> isSmall = x.abs().lt(PHI_SMALL);
        FloatVector small = phiNear(x);
        if (isSmall.allTrue()) return small;
        return phiTail(x, g).blend(small, isSmall);
    }

    /** 0.5 + 0.5 erf(x/sqrt2) by the erf polynomial (for |x| below PHI_SMALL). */
    static FloatVector phiNear(FloatVector x) {
        FloatVector z = x.mul(SQRT_HALF), s = z.mul(z);
        FloatVector e = z.mul(s.fma(F6, F5).fma(s, FloatVector.broadcast(F, F4)).fma(s, FloatVector.broadcast(F, F3))
                .fma(s, FloatVector.broadcast(F, F2)).fma(s, FloatVector.broadcast(F, F1)).fma(s, FloatVector.broadcast(F, F0)));
        return e.fma(0.5f, 0.5f);
    }

    /** 0.5 erfc(|x|/sqrt2) = 0.5 H(t) g on the left, 1 minus that on the right. */
    static FloatVector phiTail(FloatVector x, FloatVector g) {
        FloatVector t = FloatVector.broadcast(F, 1f).div(x.abs().mul(SQRT_HALF).fma(0.5f, 1f));
        FloatVector h = t.fma(H10, H9).fma(t, FloatVector.broadcast(F, H8)).fma(t, FloatVector.broadcast(F, H7))
                .fma(t, FloatVector.broadcast(F, H6)).fma(t, FloatVector.broadcast(F, H5)).fma(t, FloatVector.broadcast(F, H4))
                .fma(t, FloatVector.broadcast(F, H3)).fma(t, FloatVector.broadcast(F, H2)).fma(t, FloatVector.broadcast(F, H1))
                .fma(t, FloatVector.broadcast(F, H0));
        FloatVector half = h.mul(g).mul(0.5f);
        return half.blend(FloatVector.broadcast(F, 1f).sub(half), x.compare(VectorOperators.GT, 0f));
    }

    static FloatVector gauss(FloatVector x) {
        FloatVector hi = x.mul(x), lo = x.fma(x, hi.neg());
        FloatVector c = lo.fma(-0.5f, 1f);
        return expNonPositiveOnePath(hi.mul(-0.5f)).mul(c.blend(1f, hi.test(VectorOperators.IS_INFINITE)));
    }

    static FloatVector log1p(FloatVector u) {
        FloatVector s = u.div(u.add(2f)), q = s.mul(s);
        return s.mul(2f).mul(q.fma(A4, A3).fma(q, FloatVector.broadcast(F, A2)).fma(q, FloatVector.broadcast(F, A1))
                .fma(q, FloatVector.broadcast(F, A0)));
    }
}
