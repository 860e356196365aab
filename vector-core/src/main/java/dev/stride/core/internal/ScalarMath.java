package dev.stride.core.internal;

/**
 * Float transcendental functions for the element-wise kernels, lane for lane the algorithms of
 * {@link VectorMath} (same reductions, same polynomials; at 512 bits VectorMath's exp and GELU's Phi differ,
 * see there) in scalar code: the width-0 path. Error
 * bounds are stated, and tested, on the activations that use them.
 */
final class ScalarMath {
    private ScalarMath() {}

    static final float LOG2E = 1.44269504f;
    static final float LN2_HI = 0.693145752f; // ln 2 with its low bits cleared: n*LN2_HI is exact
    static final float LN2_LO = 1.42860677e-6f;
    // exp(r) on [-ln2/2, ln2/2], degree 6, relative error 1.9e-9 (weighted least squares on Chebyshev nodes)
    static final float E0 = 1.000000000554248f, E1 = 1.0000000363227977f, E2 = 0.49999992078550676f,
            E3 = 0.16666420171185253f, E4 = 0.04166822585468658f, E5 = 0.008374815715065223f,
            E6 = 0.0013836830026926945f;
    /** Round-to-nearest by adding and subtracting 1.5 * 2^23. */
    static final float ROUND = 12582912f;
    static final float EXP_LO = -104f, EXP_HI = 89f;

    /** exp(x) in float: n = round(x log2 e), r = x - n ln 2, exp(r) by polynomial, times 2^n in two steps. */
    static float exp(float x) {
        float xc = x < EXP_LO ? EXP_LO : x > EXP_HI ? EXP_HI : x;
        float n = Math.fma(xc, LOG2E, ROUND) - ROUND; // fused, as the vector twin
        float r = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, xc));
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(E6, r, E5), r, E4), r, E3), r, E2), r, E1), r, E0);
        int ni = (int) n;
        int n1 = ni >> 1, n2 = ni - n1;
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    // expm1(x)/x on [-0.7, 0.7], degree 7, relative error 1.2e-9 (used on [-ln2/2, ln2/2])
    static final float M0 = 0.9999999988192126f, M1 = 0.5000000033001087f, M2 = 0.16666674578568189f,
            M3 = 0.04166661831982635f, M4 = 0.008332514080242036f, M5 = 0.0013890377443137427f,
            M6 = 0.00020111017954927319f, M7 = 2.48012052959841e-05f;
    /** Below this expm1 is -1 in float (expm1(-30) = -1 + 9.4e-14), and 2^n stays normal (n >= -44). */
    static final float EXPM1_LO = -30f;

    /**
     * exp(y) - 1 for {@code y <= 0} (or NaN), in one path without cancellation: {@code y = n ln2 + r} as
     * in {@link #exp}, then {@code expm1(y) = 2^n expm1(r) + (2^n - 1)} in one fused multiply-add, with
     * {@code expm1(r) = r q(r)} by the polynomial (relative error 1.2e-9) and {@code 2^n - 1} exact. Near 0
     * (n = 0) that is {@code r q(r)} with {@code r = y}: full relative precision; for n < 0 the result is at
     * least 0.29 in magnitude, so the absolute error of the terms is small against it.
     * A positive y gives garbage (callers blend such lanes away).
     */
    static float expm1NonPositive(float y) {
        float yc = y < EXPM1_LO ? EXPM1_LO : y;
        float n = Math.fma(yc, LOG2E, ROUND) - ROUND;
        float r = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, yc));
        float q = r * Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(M7, r, M6), r, M5), r, M4), r, M3), r, M2), r, M1), r, M0);
        float scale = Float.intBitsToFloat(((int) n + 127) << 23);
        return Math.fma(scale, q, scale - 1f);
    }

    /**
     * tanh(x) = sign(x) (-m) / (2 + m) with {@code m = expm1(-2|x|)} in (-1, 0]: one path for every x (no
     * polynomial branch near 0, where m keeps full relative precision). Measured at most 2.6 ulp against
     * the double tanh over 4 million points with |x| in [1e-8, 3e1] (ELU's expm1: at most 1.2 ulp).
     */
    static float tanh(float x) {
        float m = expm1NonPositive(-2f * Math.abs(x));
        return Math.copySign(-m / (2f + m), x);
    }

    /** sigmoid(x), accurate on both sides: e = exp(-|x|) in (0, 1], so no overflow and no cancellation. */
    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float up = 1f / (1f + e);
        return x >= 0 ? up : e * up; // NaN: e*up is NaN
    }

    // erf(z)/z as a polynomial in z^2 on |z| <= 0.8, degree 6, relative error 5.9e-11
    static final float F0 = 1.1283791670286187f, F1 = -0.37612637896062046f, F2 = 0.11283766722647465f,
            F3 = -0.026863837319669542f, F4 = 0.00521350439533567f, F5 = -0.0008304042481002132f,
            F6 = 9.152869069369139e-05f;
    // erfc(z) exp(z^2) as a polynomial in t = 1/(1 + z/2) for z in [0.8, 10], degree 10, relative error 2.5e-10
    static final float H0 = 1.446112769329761e-06f, H1 = 0.2820485161737901f, H2 = 0.2827427188188129f,
            H3 = 0.24162182183159853f, H4 = 0.20281991633765092f, H5 = -0.004358933964203717f,
            H6 = 0.18411943455956045f, H7 = -0.2940609950635219f, H8 = 0.06289551484706181f,
            H9 = 0.07702253566905319f, H10 = -0.03491666872525809f;
    static final float SQRT_HALF = 0.70710678f;
    /** |x| below which Phi uses the erf polynomial: x/sqrt2 below 0.8. */
    static final float PHI_SMALL = 1.1313708f;

    /**
     * Phi(x), the standard normal CDF, with relative accuracy in the left tail: 0.5 + 0.5 erf(x/sqrt2) near
     * 0, else 0.5 erfc(|x|/sqrt2) = 0.5 exp(-x^2/2) H(t), with x^2 split exactly into hi + lo by an FMA so
     * the exponent carries no rounding error; 1 minus that on the right.
     */
    static float phi(float x) {
        float ax = Math.abs(x);
        if (ax < PHI_SMALL) {
            float z = x * SQRT_HALF, s = z * z;
            float e = z * Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(F6, s, F5), s, F4), s, F3), s, F2), s, F1), s, F0);
            return Math.fma(0.5f, e, 0.5f);
        }
        float half = 0.5f * tail(x, ax);
        return x > 0 ? 1f - half : half;
    }

    /** erfc(|x|/sqrt2) for |x| >= PHI_SMALL (and NaN/infinities). */
    static float tail(float x, float ax) {
        float z = ax * SQRT_HALF;
        float t = 1f / Math.fma(0.5f, z, 1f);
        float h = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                H10, t, H9), t, H8), t, H7), t, H6), t, H5), t, H4), t, H3), t, H2), t, H1), t, H0);
        return h * gauss(x);
    }

    /** Above this x^2, exp(-x^2/2) is 0 in float (it is 0 from x^2 = 208 on). */
    static final float GAUSS_FLAT = 1e7f;

    /** exp(-x^2/2) with x^2 = hi + lo exactly, so only exp's own error remains. */
    static float gauss(float x) {
        float hi = x * x, lo = Math.fma(x, x, -hi);
        float c = Math.fma(-0.5f, lo, 1f);
        // x^2 is so large (or overflowed) that exp gives 0, and lo may make c negative (a -0 result): c is 1
        if (hi > GAUSS_FLAT) c = 1f;
        return exp(-0.5f * hi) * c;
    }

    // atanh(s)/s as a polynomial in s^2 on s <= 1/3, degree 4, relative error 4.0e-9
    static final float A0 = 1.0000000039603067f, A1 = 0.333331573471726f, A2 = 0.20012454863158885f,
            A3 = 0.13980305376107824f, A4 = 0.1408914946732182f;

    /**
     * log(1 + u) for u in [0, 1] as 2 atanh(s) with s = u / (2 + u) in [0, 1/3]: s is formed from u itself,
     * so small u loses nothing to the rounding of 1 + u.
     */
    static float log1p(float u) {
        float s = u / (2f + u), q = s * s;
        return 2f * s * Math.fma(Math.fma(Math.fma(Math.fma(A4, q, A3), q, A2), q, A1), q, A0);
    }

    /**
     * Every NaN as the one canonical NaN. Which NaN an operation with two NaN operands returns depends on
     * their order, which the JIT may swap; canonical results keep outputs bitwise reproducible.
     */
    static float canon(float v) {
        return v != v ? Float.NaN : v;
    }
}
