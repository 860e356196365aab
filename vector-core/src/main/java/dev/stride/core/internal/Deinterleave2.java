package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every other float of a run on 512-bit vectors: the column-phase split of stride-2 convolutions
 * ({@link FewChannelConv}). Two loads cover 32 source floats; one two-vector permute
 * ({@code selectFrom}, as in {@link Transpose16}) picks the 16 even ones. Only loaded on the
 * 512-bit path.
 */
final class Deinterleave2 {
    private Deinterleave2() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final int[] EVEN = new int[16];

    static {
        for (int j = 0; j < 16; j++) EVEN[j] = 2 * j;
    }

    /**
     * {@code dst[dstOff + i] = src[srcOff + 2i]} for {@code i < count}; reads no element past
     * {@code src[srcOff + 2*(count-1)]}.
     */
    static void copyEven(float[] src, int srcOff, float[] dst, int dstOff, int count) {
        IntVector even = IntVector.fromArray(I, EVEN, 0);
        int i = 0;
        // Strictly below count - 16: the second load ends at src[srcOff + 2i + 31] <= the last element read.
        for (; i + 16 < count; i += 16) {
            IntVector a = FloatVector.fromArray(S, src, srcOff + 2 * i).reinterpretAsInts();
            IntVector b = FloatVector.fromArray(S, src, srcOff + 2 * i + 16).reinterpretAsInts();
            even.selectFrom(a, b).reinterpretAsFloats().intoArray(dst, dstOff + i);
        }
        for (; i < count; i++) dst[dstOff + i] = src[srcOff + 2 * i];
    }
}
