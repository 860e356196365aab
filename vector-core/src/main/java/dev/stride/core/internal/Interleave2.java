package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Interleaves two rows into one on 512-bit vectors (the two column phases of a stride-2 input
 * gradient row, see {@link ConvInputGradPhased}): one two-vector permute ({@code selectFrom}) per 16
 * outputs. Only loaded on the direct paths (512-bit vectors).
 */
final class Interleave2 {
    private Interleave2() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    /** Lanes of the first and second output vector: even i from the first operand (0..15), odd from the second (16..31). */
    private static final int[] LOW = new int[16], HIGH = new int[16];

    static {
        for (int j = 0; j < 16; j++) {
            LOW[j] = (j % 2) * 16 + j / 2;
            HIGH[j] = (j % 2) * 16 + 8 + j / 2;
        }
    }

    /**
     * {@code dst[dstOff + 2i] = even[evenOff + i]} and {@code dst[dstOff + 2i + 1] = odd[oddOff + i]}
     * for the {@code n} outputs {@code 2i, 2i+1 < n}; reads no element of either row past what they give.
     */
    static void interleave(float[] even, int evenOff, float[] odd, int oddOff, float[] dst, int dstOff, int n) {
        IntVector lo = IntVector.fromArray(I, LOW, 0), hi = IntVector.fromArray(I, HIGH, 0);
        int i = 0;
        for (; 2 * i + 32 <= n; i += 16) {
            IntVector a = FloatVector.fromArray(S, even, evenOff + i).reinterpretAsInts();
            IntVector b = FloatVector.fromArray(S, odd, oddOff + i).reinterpretAsInts();
            lo.selectFrom(a, b).reinterpretAsFloats().intoArray(dst, dstOff + 2 * i);
            hi.selectFrom(a, b).reinterpretAsFloats().intoArray(dst, dstOff + 2 * i + 16);
        }
        for (int p = 2 * i; p < n; p++) dst[dstOff + p] = (p & 1) == 0 ? even[evenOff + p / 2] : odd[oddOff + p / 2];
    }
}
