package dev.stride.core.internal;

import static dev.stride.core.internal.FloatLanes.F;
import static dev.stride.core.internal.FloatLanes.L;

import dev.stride.core.AvgPool2dParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.IntVector;

/**
 * Average pool 2x2, stride 2, no padding (shape P2) on an even width {@code w = 2*ow}: the fast path of
 * {@link AvgPool2dVectorKernel}, with the same result bit for bit. Per block the two input rows are
 * added over {@code 2L} columns in registers, the even and odd columns of that sum are split once each
 * and added, and the block is divided by its window's divisor. A row whose window is cut by the bottom
 * edge (ceil mode) goes back to the general kernel.
 *
 * <p>When each half block ({@code L/2} outputs, {@code L} input columns) lies in one row ({@code ow} a
 * multiple of {@code L/2}) and the divisor is a power of two, the plane's full rows run as one flat loop
 * over whole output vectors ({@link #flatRows}): P2's {@code ow = 56} is 3.5 vectors, so the row loop ran
 * 4 blocks per row (the last overlapping) while a pair of rows is 7 whole vectors, one of them made of the
 * end of one row and the start of the next. Harness (1 thread, 64x112x112, median thread CPU time per
 * call, loaded machine): row loop 59-68 us, flat 48 us (two runs).
 *
 * <p>NaN results are canonical ({@link ScalarMath#canon}), as in {@link AvgPool2dKernel}: which NaN a
 * sum of two NaNs gives depends on the operand order, which C2 may swap (folding a load into the
 * instruction), so a payload could change as the kernel is compiled. The flat loop adds its results into
 * a running sum instead of testing each block, and canonicalises its outputs afterwards only if that sum
 * is NaN (any NaN output makes it NaN; an overflow to {@code inf - inf} only costs the extra pass): one
 * add per block instead of a compare and a blend (harness: 48 -> 46.6 us).
 *
 * <p>The flat loop runs near the memory side's rate: harness P2 46.6-48 us, the same loop with its stores sent
 * to a 32-float scratch 40.7 us, reading the input alone (one stream, four accumulators) 34 us. Rejected
 * (same harness and JVM): a pair of output rows per pass, each row's whole blocks in a 3-trip counted loop
 * plus one shared vector, 70 us (C2 splits the short loop, the trap {@link MaxPool3x3S2Kernel} documents);
 * the flat loop unrolled by two 57 us; the top row's two loads first no change; the Vector API's bounds
 * checks turned off by the JVM flag {@code -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0}, median 53-55 us
 * against 47.5-49 in three alternating runs.
 */
final class AvgPool2x2S2Kernel {
    private AvgPool2x2S2Kernel() {}

    /** True when this kernel applies to the shape. */
    static boolean applies(AvgPool2dParams p, int w, int ow) {
        return p.kernelH() == 2 && p.kernelW() == 2 && p.strideH() == 2 && p.strideW() == 2 && p.paddingH() == 0
                && p.paddingW() == 0 && w == 2 * ow && ow >= L;
    }

    /** One plane: {@code h x w} from {@code ib} into {@code oh x (w/2)} from {@code ob}. */
    static void plane(float[] in, int ib, int h, int w, float[] out, int ob, int oh, AvgPool2dParams p) {
        IntVector even = FloatLanes.evenIndex(), odd = FloatLanes.oddIndex();
        int ow = w / 2;
        // every window's columns are inside the input: the column factor is 2, or 1 under an override
        float colDiv = p.hasDivisorOverride() ? 1f : 2f;
        int full = Math.min(oh, h / 2); // rows whose window has both input rows: one divisor for all
        float div = AvgPool2dKernel.rowDivisor(0, h, p) * colDiv;
        if (isPowerOfTwo(div)) {
            float inv = 1f / div;
            int y = 0;
            if (ow % (L / 2) == 0) {
                int flat = full - full % (L / gcd(ow, L)); // rows that make whole output vectors
                flatRows(in, ib, w, out, ob, flat * ow / L, inv, even, odd);
                y = flat;
            }
            for (; y < full; y++) {
                int a = ib + 2 * y * w, b = a + w, o = ob + y * ow;
                for (int x = 0; x < ow; x += L) {
                    int xs = Math.min(x, ow - L);
                    FloatVector r = pairSums(in, a, b, 2 * xs, even, odd).mul(inv);
                    r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
                }
            }
        } else {
            for (int y = 0; y < full; y++) row(in, ib + 2 * y * w, ib + (2 * y + 1) * w, w, out, ob + y * ow, div, even, odd);
        }
        for (int y = full; y < oh; y++) {
            lastRow(in, ib + 2 * y * w, w, out, ob + y * ow, AvgPool2dKernel.rowDivisor(2 * y, h, p) * colDiv, even, odd);
        }
    }

    /** Output row from input rows {@code a} and {@code b}; {@code div} is its divisor. */
    static void row(float[] in, int a, int b, int w, float[] out, int o, float div, IntVector even, IntVector odd) {
        int ow = w / 2;
        for (int x = 0; x < ow; x += L) {
            int xs = Math.min(x, ow - L);
            FloatVector r = pairSums(in, a, b, 2 * xs, even, odd).div(div);
            r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
        }
    }

    /** An output row whose window has one input row (ceil mode): {@code in[2x] + in[2x+1]}, divided. */
    private static void lastRow(float[] in, int a, int w, float[] out, int o, float div, IntVector even,
                                IntVector odd) {
        int ow = w / 2;
        for (int x = 0; x < ow; x += L) {
            int xs = Math.min(x, ow - L);
            int col = 2 * xs;
            FloatVector lo = FloatVector.fromArray(F, in, a + col), hi = FloatVector.fromArray(F, in, a + col + L);
            FloatVector s = MaxPool2dVectorKernel.evenLanes(lo, hi, even).add(MaxPool2dVectorKernel.evenLanes(lo, hi, odd));
            FloatVector r = s.div(div);
            r.blend(Float.NaN, r.test(VectorOperators.IS_NAN)).intoArray(out, o + xs);
        }
    }

    /**
     * {@code vectors} output vectors from {@code ob} on, whose input rows start at {@code ib}: half block
     * {@code j} (outputs {@code jL/2 ..}) reads {@code L} columns of input rows {@code 2y, 2y+1} where
     * {@code y} is its output row; the input offset advances by {@code L} per half block and skips the
     * second input row at the end of each output row. Requires {@code w} a multiple of {@code L}.
     */
    private static void flatRows(float[] in, int ib, int w, float[] out, int ob, int vectors, float inv, IntVector even,
                                 IntVector odd) {
        int halvesPerRow = w / L, k = 0, a = ib;
        FloatVector check = FloatVector.zero(F);
        for (int v = 0; v < vectors; v++) {
            int a0 = a;
            a += L;
            if (++k == halvesPerRow) {
                k = 0;
                a += w;
            }
            int a1 = a;
            a += L;
            if (++k == halvesPerRow) {
                k = 0;
                a += w;
            }
            FloatVector lo = FloatVector.fromArray(F, in, a0).add(FloatVector.fromArray(F, in, a0 + w));
            FloatVector hi = FloatVector.fromArray(F, in, a1).add(FloatVector.fromArray(F, in, a1 + w));
            FloatVector r = MaxPool2dVectorKernel.evenLanes(lo, hi, even).add(MaxPool2dVectorKernel.evenLanes(lo, hi, odd))
                    .mul(inv);
            check = check.add(r);
            r.intoArray(out, ob + v * L);
        }
        if (check.test(VectorOperators.IS_NAN).anyTrue()) {
            for (int i = ob, end = ob + vectors * L; i < end; i++) out[i] = ScalarMath.canon(out[i]);
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The 2x2 window sums of {@code L} outputs whose first input column is {@code col}, in the scalar order. */
    private static FloatVector pairSums(float[] in, int a, int b, int col, IntVector even, IntVector odd) {
        FloatVector lo = FloatVector.fromArray(F, in, a + col).add(FloatVector.fromArray(F, in, b + col));
        FloatVector hi = FloatVector.fromArray(F, in, a + col + L).add(FloatVector.fromArray(F, in, b + col + L));
        return MaxPool2dVectorKernel.evenLanes(lo, hi, even).add(MaxPool2dVectorKernel.evenLanes(lo, hi, odd));
    }

    /** A positive power of two whose inverse is a normal float, so {@code x * (1/d)} rounds as {@code x / d}. */
    static boolean isPowerOfTwo(float d) {
        return d >= 1f && d <= 0x1p126f && (Float.floatToRawIntBits(d) & 0x007fffff) == 0;
    }
}
