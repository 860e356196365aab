package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adds a bias along the columns of a 16 x 16 block just written (still in L1) by the linear forward's
 * output transpose. Only loaded at 512 bits.
 */
final class BiasRows {
    private BiasRows() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    /** {@code y[off + r*ld + j] += bias[biasOff + j]} for {@code r, j < 16}. */
    static void add16x16(float[] y, int off, int ld, float[] bias, int biasOff) {
        FloatVector b = FloatVector.fromArray(S, bias, biasOff);
        for (int r = 0; r < 16; r++) {
            int i = off + r * ld;
            FloatVector.fromArray(S, y, i).add(b).intoArray(y, i);
        }
    }
}
