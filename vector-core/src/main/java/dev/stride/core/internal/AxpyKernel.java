package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise row updates used by the depthwise backward and the small-batch linear backward:
 * {@code y += a*x} and {@code acc += g*p} over the vector-aligned prefix of a row (the caller finishes
 * the tail with the same scalar formula). Only loaded when {@link VectorSupport#BITS} &gt; 0.
 */
final class AxpyKernel {
    private AxpyKernel() {}

    private static final VectorSpecies<Float> S = GemmMicroKernel8x3.S;
    private static final int VL = S.length();

    /** {@code y[yOff+i] += a * x[xOff+i]} for {@code i < loopBound(n)}; returns how many were done. */
    static int axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += VL) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        return bound;
    }

    /** {@code acc[aOff+i] += g[gOff+i] * p[pOff+i]} for {@code i < loopBound(n)}; returns how many were done. */
    static int multiplyAdd(float[] acc, int aOff, float[] g, int gOff, float[] p, int pOff, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += VL) {
            FloatVector.fromArray(S, g, gOff + i).fma(FloatVector.fromArray(S, p, pOff + i),
                    FloatVector.fromArray(S, acc, aOff + i)).intoArray(acc, aOff + i);
        }
        return bound;
    }
}
