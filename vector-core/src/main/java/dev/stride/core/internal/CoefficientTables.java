package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

/**
 * Piecewise polynomials whose coefficients sit in 16-entry tables, one register each, read per lane by an
 * in-register permute ({@link GeluVector}, {@link SoftplusVector}). The tables are kept as int bits
 * because the permute that reads them is {@code IntVector.selectFrom}. Only used on 16-lane vectors.
 */
final class CoefficientTables {
    private CoefficientTables() {}

    /** The raw bits of each coefficient. */
    static int[] bits(float[] c) {
        int[] b = new int[c.length];
        for (int j = 0; j < c.length; j++) b[j] = Float.floatToRawIntBits(c[j]);
        return b;
    }

    /** A table as one vector register. */
    static IntVector load(int[] b) {
        return IntVector.fromArray(FloatLanes.I, b, 0);
    }

    /** Entry j (the low 4 bits of each index lane: selectFrom wraps) of a table, lane for lane, as floats. */
    static FloatVector entry(IntVector j, IntVector table) {
        return j.selectFrom(table).reinterpretAsFloats();
    }
}
