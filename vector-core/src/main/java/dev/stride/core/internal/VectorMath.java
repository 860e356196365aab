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
        FloatVector xc = x.blend(EXP_LO, x.lt(EXP_LO)).blend(EXP_HI, x.compare(VectorOperators.GT, EXP_HI));
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

    static FloatVector expm1(FloatVector x) {
        FloatVector small = x.mul(x.fma(M7, M6).fma(x, FloatVector.broadcast(F, M5)).fma(x, FloatVector.broadcast(F, M4))
                .fma(x, FloatVector.broadcast(F, M3)).fma(x, FloatVector.broadcast(F, M2)).fma(x, FloatVector.broadcast(F, M1))
                .fma(x, FloatVector.broadcast(F, M0)));
        VectorMask<Float> isSmall = x.abs().lt(EXPM1_SMALL);
        if (isSmall.allTrue()) return small;
        return exp(x).sub(1f).blend(small, isSmall);
    }

    static FloatVector tanh(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.TANH);
        FloatVector ax = x.abs();
        VectorMask<Float> isSmall = ax.lt(TANH_SMALL);
        FloatVector s = x.mul(x);
        FloatVector small = x.mul(s.fma(T5, T4).fma(s, FloatVector.broadcast(F, T3)).fma(s, FloatVector.broadcast(F, T2))
                .fma(s, FloatVector.broadcast(F, T1)).fma(s, FloatVector.broadcast(F, T0)));
        if (isSmall.allTrue()) return small;
        FloatVector e = exp(ax.mul(-2f));
        FloatVector big = FloatVector.broadcast(F, 1f).sub(e).div(e.add(1f));
        big = big.blend(big.neg(), x.lt(0f));
        return big.blend(small, isSmall);
    }

    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
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
        return exp(hi.mul(-0.5f)).mul(c.blend(1f, hi.test(VectorOperators.IS_INFINITE)));
    }

    static FloatVector log1p(FloatVector u) {
        FloatVector s = u.div(u.add(2f)), q = s.mul(s);
        return s.mul(2f).mul(q.fma(A4, A3).fma(q, FloatVector.broadcast(F, A2)).fma(q, FloatVector.broadcast(F, A1))
                .fma(q, FloatVector.broadcast(F, A0)));
    }
}
