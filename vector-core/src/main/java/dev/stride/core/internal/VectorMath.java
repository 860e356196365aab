package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.ScalarMath.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector float transcendental functions: the algorithms and polynomials of {@link ScalarMath} (its
 * comments give the reductions and the polynomials' errors), except some that are faster as vectors: at
 * 512 bits exp reduces by a 16-entry table held in one register ({@link #expTable}), the sigmoid family
 * (sigmoid, silu, gelu_tanh, softplus) and ELU by a 32-entry table in two ({@link #expTable32},
 * {@link #expm1Table32}), tanh is a rational function at every width ({@link #tanh}), and GELU's Phi takes
 * one path for every x ({@link #phi}, used by GELU's backward; the forward is {@link GeluVector}). Built only from add, multiply, fused multiply-add, divide,
 * compare, blend, integer bit operations and lane permutes. Those are exactly rounded whether the
 * code runs interpreted or compiled, so results never depend on the JIT (the Vector API's {@code EXP},
 * {@code TANH}, {@code LOG1P} lanewise operators may use other algorithms when compiled than when
 * interpreted, which would break bitwise determinism across threads); they were also measured against
 * these (see ActivationBench with {@code -Dstride.math.lanewise=true}).
 *
 * <p>The {@code ...InRange} variants serve kernels that branch once per vector on a range test
 * ({@link #sigmoidInRange}, {@link #inTanhRange}): inside the range no clamp, subnormal scaling or NaN
 * handling is needed, and the general function gives the same bits for an in-range lane, so a result
 * never depends on its neighbours (ActivationPathsVectorPropertyTest).
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
        return TABLE ? expTable(xc, true) : expClamped(xc);
    }

    /**
     * exp(x) for {@code x <= 0} or NaN only (sigmoid's {@code exp(-|x|)}, softmax's {@code exp(x - max)}):
     * {@link #exp}'s result without the upper clamp, and with one scale factor unless a lane is below -87
     * (where the result may be subnormal); both paths give the same bits for a normal result. A positive
     * lane gives garbage.
     */
    static FloatVector expNonPositive(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.EXP);
        VectorMask<Float> tiny = x.lt(EXP_NORMAL_LO);
        if (TABLE) return tiny.anyTrue() ? expTable(x.blend(EXP_LO, x.lt(EXP_LO)), true) : expTable(x, false);
        if (tiny.anyTrue()) return expClamped(x.blend(EXP_LO, x.lt(EXP_LO)));
        return expNormal(x);
    }

    /**
     * True when a vector holds 16 floats (512 bits): then {@link #expTable} looks 2^(j/16) up with one
     * in-register permute. Narrower vectors keep the degree-6 polynomial of {@link ScalarMath#exp}.
     */
    static final boolean TABLE = F.length() == 16;

    /** Bits of 2^(j/16) rounded to float, j = 0..15. */
    private static final int[] EXP2_SIXTEENTHS = {
        0x3f800000, 0x3f85aac3, 0x3f8b95c2, 0x3f91c3d3, 0x3f9837f0, 0x3f9ef532, 0x3fa5fed7, 0x3fad583f,
        0x3fb504f3, 0x3fbd08a4, 0x3fc5672a, 0x3fce248c, 0x3fd744fd, 0x3fe0ccdf, 0x3feac0c7, 0x3ff5257d
    };
    /** {@link #EXP2_SIXTEENTHS} less {@code j << 19} (see the one-factor path of {@link #expTable}). */
    private static final int[] EXP2_SIXTEENTHS_LESS_J = lessJ(EXP2_SIXTEENTHS);

    private static int[] lessJ(int[] table) {
        int[] t = new int[table.length];
        for (int j = 0; j < t.length; j++) t[j] = table[j] - (j << 19);
        return t;
    }

    private static final float LOG2E_16 = 23.083120f;         // 16 / ln 2
    private static final float LN2_HI_16 = LN2_HI / 16, LN2_LO_16 = LN2_LO / 16;
    // exp(r) = 1 + r (1 + r (T2 + r T3)) on |r| <= ln2/32, relative error 1.6e-9 (weighted least squares)
    private static final float T2 = 0.50001651f, T3 = 0.16666062f;

    /**
     * exp by a 16-entry table (AVX-512 only, see {@link #TABLE}): {@code x = (16n + j) ln2/16 + r}, so
     * {@code exp(x) = 2^n 2^(j/16) exp(r)} with |r| <= ln2/32, where a degree-3 polynomial suffices (3
     * fused multiply-adds instead of 6) and the table is one register, read by a lane permute. The scale
     * {@code 2^n 2^(j/16)} is built by adding n to the exponent bits of the table entry. {@code x} must lie
     * in [EXP_LO, EXP_HI] (or be NaN), and in [-87, 0] unless {@code twoFactors}, which splits 2^n in two
     * factors so that subnormal and near-overflow results round once, as the one-factor path does for
     * normal results (both give the same bits there). Measured: at most 2 ulp against the double exp.
     */
    private static FloatVector expTable(FloatVector x, boolean twoFactors) {
        FloatVector t = x.fma(LOG2E_16, ROUND);
        FloatVector k = t.sub(ROUND); // 16n + j, an integer
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_LO_16), k.fma(FloatVector.broadcast(F, -LN2_HI_16), x));
        FloatVector p = r.fma(T3, T2).fma(r, FloatVector.broadcast(F, 1f)).fma(r, FloatVector.broadcast(F, 1f));
        // t's bits are 0x4B400000 + 16n + j: the low 4 bits index the table; shifted right by 4 and left by
        // 23, 0x4B400000's part vanishes (its low 18 bits are 0) and n lands in the exponent field
        IntVector bits = t.reinterpretAsInts();
        if (!twoFactors) {
            // bits << 19 is (16n + j) << 19 = (n << 23) + (j << 19): the table entry has j << 19 taken off
            IntVector entry = bits.and(15).selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_SIXTEENTHS_LESS_J, 0));
            return p.mul(entry.add(bits.lanewise(VectorOperators.LSHL, 19)).reinterpretAsFloats());
        }
        IntVector entry = bits.and(15).selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_SIXTEENTHS, 0));
        IntVector n = bits.lanewise(VectorOperators.ASHR, 4);
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = entry.add(n1.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector s2 = n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** Bits of 2^(j/32) rounded to float, j = 0..31, in two 16-lane halves (lanes 0-15, 16-31). */
    private static final int[] EXP2_32NDS = exp2Table(32, 0);
    /**
     * {@link #EXP2_32NDS} less {@code j << 18}, for the one-factor path of {@link #expTable32} (and
     * {@link SoftmaxRowExp}'s exp). Never written.
     */
    static final int[] EXP2_32NDS_LESS_J = exp2Table(32, 18);

    private static int[] exp2Table(int size, int shift) {
        int[] t = new int[size];
        for (int j = 0; j < size; j++) t[j] = Float.floatToRawIntBits((float) StrictMath.pow(2, j / (double) size)) - (shift == 0 ? 0 : j << shift);
        return t;
    }

    private static final float LOG2E_32 = (float) (32 / Math.log(2)), LN2_32 = (float) (Math.log(2) / 32);
    // exp(r) = 1 + c1 r + r^2/2 on |r| <= ln2/64: relative error 5.3e-8 (0.9 u), c1 fitted for the least
    // maximum relative error with the other two coefficients held (so exp(0) = 1 exactly). Evaluated as
    // ((r + 2 c1) r + 2) / 2: an add and one fused multiply-add, the 1/2 folded into the table entries.
    private static final float TWO_C1 = 2.0000293254852295f;
    /** {@link #EXP2_32NDS} halved (exponent less one), and that less {@code j << 18}: the scales of expTable32. */
    private static final int[] EXP2_32NDS_HALF = exp2Table(32, 0), EXP2_32NDS_HALF_LESS_J = exp2Table(32, 18);
    static {
        for (int j = 0; j < 32; j++) {
            EXP2_32NDS_HALF[j] -= 1 << 23;
            EXP2_32NDS_HALF_LESS_J[j] -= 1 << 23;
        }
    }
    /**
     * Below this exp's one scale factor 2^n T_j / 2 in {@link #expTable32} may leave the normal floats (n >=
     * -125 is needed, one more than {@link #expTable}'s -126 for the halved entries).
     */
    static final float EXP32_NORMAL_LO = -86f;

    /**
     * exp by a 32-entry table in two registers (512 bits only, see {@link #TABLE}), for the sigmoid
     * family: {@code x = (32n + j) ln2/32 + r}, |r| <= ln2/64, so a degree-2 polynomial serves (an add and
     * a fused multiply-add, its factor 1/2 folded into the table) where {@link #expTable} needs 3 fused
     * multiply-adds and a two-part ln2. The reduction is one step, by
     * ln2/32 rounded to float: that adds a relative error of |x| * 2.7e-9 (0.05 u per unit of |x|),
     * which the sigmoid family's bound allows (the float argument's own rounding costs up to |x| u/2).
     * Measured at most 3 ulp against the double exp on [-86, 0] (2 for sigmoid). Scale and {@code
     * twoFactors} as in {@link #expTable}, with j in the low 5 bits of t; both paths give the same bits
     * for a normal result.
     */
    private static FloatVector expTable32(FloatVector x, boolean twoFactors) {
        FloatVector t = x.fma(LOG2E_32, ROUND);
        FloatVector k = t.sub(ROUND); // 32n + j, an integer
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_32), x);
        FloatVector p = r.add(TWO_C1).fma(r, FloatVector.broadcast(F, 2f)); // 2 exp(r)
        IntVector bits = t.reinterpretAsInts();
        if (!twoFactors) {
            // bits << 18 is (32n + j) << 18 = (n << 23) + (j << 18) (0x4B400000's low 14 bits are 0); a
            // two-vector selectFrom reads lane (bits mod 32), which is j
            IntVector entry = bits.selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF_LESS_J, 0),
                    IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF_LESS_J, 16));
            return p.mul(entry.add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats());
        }
        IntVector entry = bits.selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF, 0),
                IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF, 16));
        IntVector n = bits.lanewise(VectorOperators.ASHR, 5);
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = entry.add(n1.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector s2 = n.sub(n1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /**
     * ln(T_j) - j ln2/32 with T_j = {@link #EXP2_32NDS}[j] as a float: what the rounding of the table entry
     * adds to the exponent, so that {@link #expm1Table32} can take it off the reduced argument.
     */
    private static final int[] EXP2_32NDS_LOG_ERROR = exp2LogError();

    // held as float bits in an int[]: a float[] table could alias the kernels' float[] output, and C2 then
    // reloads it on every iteration (two extra loads per vector, seen in the assembly) instead of once
    private static int[] exp2LogError() {
        int[] c = new int[32];
        for (int j = 0; j < 32; j++) {
            c[j] = Float.floatToRawIntBits((float) (StrictMath.log(Float.intBitsToFloat(EXP2_32NDS[j])) - j * StrictMath.log(2) / 32));
        }
        return c;
    }

    // expm1(r) = r (1 + r (M2_32 + r M3_32)) on |r| <= 1.02 ln2/64: relative error 1.4e-8 (0.24 u), fitted
    // for the least maximum relative error
    private static final float M2_32 = 0.5000038146972656f, M3_32 = 0.1666671484708786f;

    /**
     * expm1(x) for x in [-87, 0] (512 bits only; a positive lane gives garbage, a NaN lane NaN):
     * {@code s exp(r) - 1} with s = 2^n T_j from {@link #expTable32}'s table, as {@code s expm1(r) + (s - 1)}
     * in one fused multiply-add. Near 0 that needs what exp does not: the entry's rounding error (up to
     * 2^-25 of s) would be up to 46 u of a result as small as ln2/64, so r is corrected by the entry's
     * log error, and then s is exactly 2^n 2^(r-part) consistent; s - 1 is exact for s in [1/2, 2] and
     * small against the result below. At n = j = 0 the result is the polynomial itself (full relative
     * precision down to the subnormals). The sign of a zero result is +0 (the caller restores -0).
     * Measured: at most 3 ulp against the double expm1 on [-87, 0].
     */
    static FloatVector expm1Table32(FloatVector x) {
        FloatVector t = x.fma(LOG2E_32, ROUND);
        FloatVector k = t.sub(ROUND); // 32n + j
        IntVector bits = t.reinterpretAsInts();
        FloatVector c = bits.selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_32NDS_LOG_ERROR, 0),
                IntVector.fromArray(FloatLanes.I, EXP2_32NDS_LOG_ERROR, 16)).reinterpretAsFloats();
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_32), x).sub(c);
        FloatVector rp = r.fma(M3_32, M2_32).fma(r, FloatVector.broadcast(F, 1f)).mul(r);
        IntVector entry = bits.selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_32NDS_LESS_J, 0),
                IntVector.fromArray(FloatLanes.I, EXP2_32NDS_LESS_J, 16));
        FloatVector scale = entry.add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats();
        return scale.fma(rp, scale.sub(1f));
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

    // tanh(a)/a = P(s)/Q(s) with s = a^2 on 0 <= a <= 9, P and Q of degree 4 with P(0) = Q(0) = 1: relative
    // error 2.1e-8 (5.5e-8 with the coefficients rounded to float), weighted least squares on Chebyshev
    // nodes, iterated towards the minimax (Loeb). All coefficients are positive: no cancellation.
    private static final float TP1 = 0.13381162877370195f, TP2 = 0.0034957474141561486f,
            TP3 = 2.0611546965701697e-05f, TP4 = 1.335775348251651e-08f;
    private static final float TQ1 = 0.4671447867543914f, TQ2 = 0.02587759778466562f,
            TQ3 = 0.0003285888718140891f, TQ4 = 7.777893824652514e-07f;
    /** Above this |x| tanh rounds to 1 in float (1 - tanh(9.01) is half an ulp of 1). */
    private static final float TANH_ONE = 9f;

    /**
     * tanh by a rational function, x times one of x^2, on |x| <= 9 and +-1 above (which also covers
     * infinity); the sign comes with the factor x (tanh(-0) = -0). Near 0 it is {@code x (1 + O(x^2))}: full relative
     * precision down to the subnormals. A division and 8 multiply-adds, and no exp: measured 1.6x faster
     * than {@code -expm1(-2|x|) / (2 + expm1(-2|x|))} (ScalarMath's form, kept at width 0). Rejected
     * (harness, 1 thread, 1x64x112x112, min thread CPU time, loaded machine, 168 us for this form): Estrin's
     * scheme for P and Q (x^4 once; one operation more, shorter chains) 200 us; the range test as an
     * unsigned integer compare no change. Replacing the division by a multiplication (wrong results) gave
     * only 152 us: the division is not what limits the loop, the operation count is. A rational of
     * degrees (3, 4) in x^2 would save one multiply-add but its fit error alone is 6.4 ulp (this one 0.35).
     */
    static FloatVector tanh(FloatVector x) {
        if (LANEWISE) return x.lanewise(VectorOperators.TANH);
        FloatVector one = FloatVector.broadcast(F, 1f);
        return tanhInRange(x).blend(withSignOf(x, one), x.abs().compare(VectorOperators.GT, TANH_ONE));
    }

    /**
     * True when every lane of x is within [-9, 9] (so not NaN): then {@link #tanhInRange} may replace
     * {@link #tanh}, skipping the clamp to +-1 and the callers' NaN blend (see {@link #sigmoidInRange} for
     * why per vector, and why the bits must and do agree).
     */
    static boolean inTanhRange(FloatVector x) {
        // x^2 <= 81 exactly when |x| <= 9 (rounding is monotonic and 81 is exact); x^2 is what tanhInRange
        // computes first, so the test costs no absolute value
        return !LANEWISE && x.mul(x).compare(VectorOperators.LE, TANH_ONE * TANH_ONE).allTrue();
    }

    /**
     * {@link #inTanhRange} for two vectors at once, with one compare: the unsigned maximum of the bits of
     * x^2 (non-negative, or NaN of either sign, whose bits exceed 81's as unsigned integers).
     */
    static boolean inTanhRange(FloatVector a, FloatVector b) {
        IntVector sa = a.mul(a).reinterpretAsInts(), sb = b.mul(b).reinterpretAsInts();
        return !LANEWISE && sa.lanewise(VectorOperators.UMAX, sb).compare(VectorOperators.ULE, TANH_RANGE_SQUARE_BITS).allTrue();
    }

    private static final int TANH_RANGE_SQUARE_BITS = Float.floatToRawIntBits(TANH_ONE * TANH_ONE);

    /**
     * tanh(x) for |x| <= 9 (or NaN), {@code x P(x^2) / Q(x^2)}: x's own sign carries through (tanh(-0) =
     * -0), so no absolute value or sign reinsertion is needed.
     */
    static FloatVector tanhInRange(FloatVector x) {
        FloatVector s = x.mul(x);
        FloatVector p = s.add(MP3).fma(s, FloatVector.broadcast(F, MP2)).fma(s, FloatVector.broadcast(F, MP1))
                .fma(s, FloatVector.broadcast(F, MP0));
        FloatVector q = s.fma(MQ4, MQ3).fma(s, FloatVector.broadcast(F, MQ2)).fma(s, FloatVector.broadcast(F, MQ1))
                .fma(s, FloatVector.broadcast(F, MQ0));
        return x.mul(p).div(q);
    }

    // P and Q both divided by P's leading coefficient: P becomes monic (its first Horner step an add, which
    // runs beside the multiply-adds) and the ratio P/Q is unchanged, with nothing to apply after the
    // division; from the double coefficients of the fit, rounded once
    private static final double TP4_D = 1.335775348251651e-08;
    private static final float MP3 = (float) (2.0611546965701697e-05 / TP4_D), MP2 = (float) (0.0034957474141561486 / TP4_D),
            MP1 = (float) (0.13381162877370195 / TP4_D), MP0 = (float) (1 / TP4_D);
    private static final float MQ4 = (float) (7.777893824652514e-07 / TP4_D), MQ3 = (float) (0.0003285888718140891 / TP4_D),
            MQ2 = (float) (0.02587759778466562 / TP4_D), MQ1 = (float) (0.4671447867543914 / TP4_D), MQ0 = (float) (1 / TP4_D);

    /** {@code m} (sign bit clear) with x's sign bit. */
    private static FloatVector withSignOf(FloatVector x, FloatVector m) {
        return m.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    /** sigmoid(x): {@code scaledSigmoid(1, x)}. */
    static FloatVector sigmoid(FloatVector x) {
        return scaledSigmoid(FloatVector.broadcast(F, 1f), x);
    }

    /**
     * {@code num * sigmoid(x)} (sigmoid, silu = x sigmoid(x), gelu_tanh = x sigmoid(2u)), any x.
     * For |x| <= 86 at 512 bits it is {@link #scaledSigmoidInRange} bit for bit. Elsewhere (and at
     * narrower widths) it is {@code num} times {@code 1/(1+e)} for x >= 0 and {@code e/(1+e)} below,
     * with {@code e = exp(-|x|)}, which keeps the subnormal results of x < -86 and gives NaN for NaN.
     */
    static FloatVector scaledSigmoid(FloatVector num, FloatVector x) {
        FloatVector e = expNonPositive32(negAbs(x));
        FloatVector wide = num.mul(e.blend(1f, x.compare(VectorOperators.GE, 0f)).div(e.add(1f)));
        if (LANEWISE || !TABLE) return wide;
        return scaledSigmoidInRange(num, x).blend(wide, x.abs().compare(VectorOperators.LE, SIGMOID_FAST).not());
    }

    /**
     * {@code num / (1 + exp(-x))} for |x| <= 86 at 512 bits (other lanes give garbage): no blend, and the
     * multiplication by num rides on the division. exp(-x) up to e^86 stays finite, and 1 + e never
     * cancels, so the relative error is exp's plus two roundings (measured at most 4 ulp for sigmoid).
     */
    static FloatVector scaledSigmoidInRange(FloatVector num, FloatVector x) {
        return num.div(onePlusExpNeg32(x));
    }

    /** The range of {@link #scaledSigmoidInRange}: exp(-x)'s one scale factor stays a normal float. */
    private static final float SIGMOID_FAST = -EXP32_NORMAL_LO;

    /**
     * True when every lane of {@code x} lies in [-86, 86] (so not NaN) and the 512-bit table serves: then
     * {@link #scaledSigmoidInRange} may replace {@link #scaledSigmoid}. Kernels branch on it once per
     * vector to skip the out-of-range path and the NaN canonicalisation, which no lane needs then
     * (activations' inputs rarely leave that range; a vector that does takes the general path, which gives
     * the same bits for its in-range lanes, so results do not depend on how a tensor is split into
     * vectors or threads).
     */
    static boolean sigmoidInRange(FloatVector x) {
        return TABLE && !LANEWISE && x.abs().compare(VectorOperators.LE, SIGMOID_FAST).allTrue();
    }

    /**
     * exp(z) for z <= 0 or NaN for the sigmoid family: {@link #expTable32} at 512 bits (one scale factor
     * unless a lane is below -86, as in {@link #expNonPositive}), else {@link #expNonPositive}. For z in
     * [-86, 0] it is {@code expTable32(z, false)} bit for bit.
     */
    static FloatVector expNonPositive32(FloatVector z) {
        if (LANEWISE || !TABLE) return expNonPositive(z);
        if (z.lt(EXP32_NORMAL_LO).anyTrue()) return expTable32(z.blend(EXP_LO, z.lt(EXP_LO)), true);
        return expTable32(z, false);
    }

    /**
     * 1 + exp(-x) for x in [-86, 86] (512 bits): {@link #expTable32}'s steps for -x with the negation
     * folded into the operations (rn = -r, and (rn - 2 c1) rn = (r + 2 c1) r: round to nearest is
     * symmetric), so no instruction is spent on it, and the final scaling and the 1 added in one fused
     * multiply-add (one rounding fewer than exp then add).
     */
    private static FloatVector onePlusExpNeg32(FloatVector x) {
        FloatVector t = x.fma(-LOG2E_32, ROUND);
        FloatVector k = t.sub(ROUND); // 32n + j for exp(-x)
        FloatVector rn = k.fma(FloatVector.broadcast(F, LN2_32), x); // -r
        FloatVector p = rn.sub(TWO_C1).fma(rn, FloatVector.broadcast(F, 2f)); // (r + 2 c1) r + 2 with r = -rn
        IntVector bits = t.reinterpretAsInts();
        IntVector entry = bits.selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF_LESS_J, 0),
                IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF_LESS_J, 16));
        return p.fma(entry.add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats(), FloatVector.broadcast(F, 1f));
    }

    // gelu_tanh's exponent -2u (32/ln2) = x (C1N + C3N x^2): sqrt(2/pi) (1, 0.044715) times -2 (32/ln2), rounded once
    private static final double LOG2E_32_D = 32 / Math.log(2), LN2_32_D = Math.log(2) / 32;
    private static final float GELU_TANH_E1 = (float) (-LOG2E_32_D * 2 * 0.7978845608028654),
            GELU_TANH_E3 = (float) (-LOG2E_32_D * 2 * 0.7978845608028654 * 0.044715);
    // 2 exp(r) = (r + 2 c1) r + 2 (see expTable32) with r = q ln2/32: (q A2 + A1) q + 2
    private static final float EXP32_Q2 = (float) (LN2_32_D * LN2_32_D), EXP32_Q1 = (float) (TWO_C1 * LN2_32_D);

    /**
     * gelu_tanh, {@code x / (1 + exp(-2u))} with {@code 2u = 2 sqrt(2/pi) (x + 0.044715 x^3)}, for a vector
     * with every {@code s = x^2 <= 81} (so |2u| <= 66.4; 512 bits only; other lanes give garbage). The
     * exponent in units of ln2/32, {@code w = x c} with {@code c = C1N + C3N s} (the factor -32/ln2 folded
     * into the constants), is never rounded on its own: {@code t = fma(c, x, 1.5 2^23)} rounds it to the
     * table index k, and {@code q = fma(c, x, -k)} is the reduced argument with one rounding, so 2u and the
     * separate reduction step of {@link #onePlusExpNeg32} (two operations) are gone; exp(q ln2/32) is
     * {@link #expTable32}'s polynomial with ln2/32 folded into its coefficients. Measured over 4,000,001
     * points of [-9.6, 9.6]: relative error at most 2.94 u (1 + |2u|), as the unfolded form.
     */
    static FloatVector geluTanhInRange(FloatVector x, FloatVector s) {
        FloatVector c = s.fma(GELU_TANH_E3, GELU_TANH_E1);
        FloatVector round = FloatVector.broadcast(F, ROUND);
        FloatVector t = c.fma(x, round);
        FloatVector q = c.fma(x, round.sub(t)); // w - k: round - t is -k exactly
        FloatVector p = q.fma(EXP32_Q2, EXP32_Q1).fma(q, FloatVector.broadcast(F, 2f)); // 2 exp(q ln2/32)
        IntVector bits = t.reinterpretAsInts();
        IntVector entry = bits.selectFrom(IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF_LESS_J, 0),
                IntVector.fromArray(FloatLanes.I, EXP2_32NDS_HALF_LESS_J, 16));
        return x.div(p.fma(entry.add(bits.lanewise(VectorOperators.LSHL, 18)).reinterpretAsFloats(), FloatVector.broadcast(F, 1f)));
    }

    /** {@code -|x|} by setting the sign bit: one instruction (abs then neg compiles to two). */
    static FloatVector negAbs(FloatVector x) {
        return x.reinterpretAsInts().or(0x80000000).reinterpretAsFloats();
    }

    // 0.5 erfc(|x|/sqrt2) exp(x^2/2) as t P(t), P of degree 9 in t = 1/(1 + |x|/4), for |x| <= 14.5 (below
    // -14.5 GELU is under the smallest subnormal): relative error 8.6e-9 (3.5e-8 with the coefficients
    // rounded to float), weighted least squares on Chebyshev nodes. t -> 0 gives 0 (the function's own
    // limit), so the product stays >= 0 however large |x| is.
    private static final float K1 = 0.09974633157253265f, K2 = 0.09952148050069809f, K3 = 0.09528768807649612f,
            K4 = 0.07301358878612518f, K5 = 0.0838489904999733f, K6 = 0.01773879863321781f,
            K7 = 0.022606084123253822f, K8 = 0.0558830164372921f, K9 = -0.06453864276409149f,
            K10 = 0.016892671585083008f;

    /**
     * Phi(x) given {@code g = gauss(x)} (which GELU's derivative uses too): one path for every x, {@code h = 0.5 erfc(|x|/sqrt2) = g t P(t)}, then Phi = h
     * for x <= 0 and 1 - h above. The left tail keeps its relative precision (h is formed without a
     * subtraction), and on the right 1 - h >= 0.5 loses nothing to cancellation, so no separate erf
     * polynomial near 0 is needed. A division and 10 multiply-adds.
     */
    static FloatVector phi(FloatVector x, FloatVector g) {
        FloatVector t = FloatVector.broadcast(F, 1f).div(x.abs().fma(0.25f, 1f));
        FloatVector k = t.fma(K10, K9).fma(t, FloatVector.broadcast(F, K8)).fma(t, FloatVector.broadcast(F, K7))
                .fma(t, FloatVector.broadcast(F, K6)).fma(t, FloatVector.broadcast(F, K5)).fma(t, FloatVector.broadcast(F, K4))
                .fma(t, FloatVector.broadcast(F, K3)).fma(t, FloatVector.broadcast(F, K2)).fma(t, FloatVector.broadcast(F, K1))
                .mul(t);
        FloatVector h = k.mul(g);
        return h.blend(FloatVector.broadcast(F, 1f).sub(h), x.compare(VectorOperators.GT, 0f));
    }

    static FloatVector gauss(FloatVector x) {
        FloatVector hi = x.mul(x), lo = x.fma(x, hi.neg());
        FloatVector c = lo.fma(-0.5f, 1f);
        // above GAUSS_FLAT, exp gives 0 and lo may be so large that c < 0 (a -0 result): c is 1 there
        return expNonPositive(hi.mul(-0.5f)).mul(c.blend(1f, hi.compare(VectorOperators.GT, GAUSS_FLAT)));
    }

    /**
     * log(1 + u) for u in [0, 1], {@link ScalarMath#log1p}'s 2 atanh(s) with the factor 2 folded into the
     * coefficients (exact: powers of two), so one multiplication fewer and the same bits.
     */
    static FloatVector log1p(FloatVector u) {
        FloatVector s = u.div(u.add(2f)), q = s.mul(s);
        return s.mul(q.fma(2 * A4, 2 * A3).fma(q, FloatVector.broadcast(F, 2 * A2)).fma(q, FloatVector.broadcast(F, 2 * A1))
                .fma(q, FloatVector.broadcast(F, 2 * A0)));
    }
}
