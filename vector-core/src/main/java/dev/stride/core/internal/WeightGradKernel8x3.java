package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel of {@link ConvWeightGrad16}: the weight gradient of 8 output channels x 3 columns
 * (16 input channels at one tap each; 24 accumulators of 16 input channels, 3 input vectors and one
 * broadcast: within AVX-512's 32 registers). Per output pixel it loads the 16 input channels that each
 * of the 3 columns reads (one 16-float cell of the channel-blocked padded input) and broadcasts the output
 * gradient of each of the 8 output channels (consecutive floats of the channel-blocked gradient):
 * 24 FMAs for 11 loads.
 *
 * <p>Only loaded when the planner chose the direct weight-gradient path, which requires 512-bit
 * vectors. The unrolling is mechanical (channel j, tap t -> {@code aJ_T}); keep it regular when editing.
 */
final class WeightGradKernel8x3 {
    private WeightGradKernel8x3() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    /**
     * For {@code r < rows}, {@code q < cols}: accumulator (j, t) adds
     * {@code g[gOff + r*gRow + 16q + j] * x[xOff + r*xRow + xt + 16q ..+16]} (xt = x0, x1, x2), in
     * (r, q) order, starting from zero or, when {@code add}, from the values stored at
     * {@code t[tOff + (3j + t)*16]}, where the result is stored.
     */
    static void tile(int rows, int cols, float[] x, int xOff, int xRow, int x0, int x1, int x2,
                     float[] g, int gOff, int gRow, float[] out, int tOff, boolean add) {
        FloatVector a0_0, a0_1, a0_2;
        FloatVector a1_0, a1_1, a1_2;
        FloatVector a2_0, a2_1, a2_2;
        FloatVector a3_0, a3_1, a3_2;
        FloatVector a4_0, a4_1, a4_2;
        FloatVector a5_0, a5_1, a5_2;
        FloatVector a6_0, a6_1, a6_2;
        FloatVector a7_0, a7_1, a7_2;
        if (add) {
            a0_0 = FloatVector.fromArray(S, out, tOff + 0); a0_1 = FloatVector.fromArray(S, out, tOff + 16); a0_2 = FloatVector.fromArray(S, out, tOff + 32);
            a1_0 = FloatVector.fromArray(S, out, tOff + 48); a1_1 = FloatVector.fromArray(S, out, tOff + 64); a1_2 = FloatVector.fromArray(S, out, tOff + 80);
            a2_0 = FloatVector.fromArray(S, out, tOff + 96); a2_1 = FloatVector.fromArray(S, out, tOff + 112); a2_2 = FloatVector.fromArray(S, out, tOff + 128);
            a3_0 = FloatVector.fromArray(S, out, tOff + 144); a3_1 = FloatVector.fromArray(S, out, tOff + 160); a3_2 = FloatVector.fromArray(S, out, tOff + 176);
            a4_0 = FloatVector.fromArray(S, out, tOff + 192); a4_1 = FloatVector.fromArray(S, out, tOff + 208); a4_2 = FloatVector.fromArray(S, out, tOff + 224);
            a5_0 = FloatVector.fromArray(S, out, tOff + 240); a5_1 = FloatVector.fromArray(S, out, tOff + 256); a5_2 = FloatVector.fromArray(S, out, tOff + 272);
            a6_0 = FloatVector.fromArray(S, out, tOff + 288); a6_1 = FloatVector.fromArray(S, out, tOff + 304); a6_2 = FloatVector.fromArray(S, out, tOff + 320);
            a7_0 = FloatVector.fromArray(S, out, tOff + 336); a7_1 = FloatVector.fromArray(S, out, tOff + 352); a7_2 = FloatVector.fromArray(S, out, tOff + 368);
        } else {
            FloatVector z = FloatVector.zero(S);
            a0_0 = z; a0_1 = z; a0_2 = z;
            a1_0 = z; a1_1 = z; a1_2 = z;
            a2_0 = z; a2_1 = z; a2_2 = z;
            a3_0 = z; a3_1 = z; a3_2 = z;
            a4_0 = z; a4_1 = z; a4_2 = z;
            a5_0 = z; a5_1 = z; a5_2 = z;
            a6_0 = z; a6_1 = z; a6_2 = z;
            a7_0 = z; a7_1 = z; a7_2 = z;
        }
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * xRow, gr = gOff + r * gRow;
            for (int q = 0; q < cols; q++) {
                int xi = xr + 16 * q, gi = gr + 16 * q;
                FloatVector b0 = FloatVector.fromArray(S, x, xi + x0);
                FloatVector b1 = FloatVector.fromArray(S, x, xi + x1);
                FloatVector b2 = FloatVector.fromArray(S, x, xi + x2);
                FloatVector c0 = FloatVector.broadcast(S, g[gi + 0]);
                a0_0 = c0.fma(b0, a0_0); a0_1 = c0.fma(b1, a0_1); a0_2 = c0.fma(b2, a0_2);
                FloatVector c1 = FloatVector.broadcast(S, g[gi + 1]);
                a1_0 = c1.fma(b0, a1_0); a1_1 = c1.fma(b1, a1_1); a1_2 = c1.fma(b2, a1_2);
                FloatVector c2 = FloatVector.broadcast(S, g[gi + 2]);
                a2_0 = c2.fma(b0, a2_0); a2_1 = c2.fma(b1, a2_1); a2_2 = c2.fma(b2, a2_2);
                FloatVector c3 = FloatVector.broadcast(S, g[gi + 3]);
                a3_0 = c3.fma(b0, a3_0); a3_1 = c3.fma(b1, a3_1); a3_2 = c3.fma(b2, a3_2);
                FloatVector c4 = FloatVector.broadcast(S, g[gi + 4]);
                a4_0 = c4.fma(b0, a4_0); a4_1 = c4.fma(b1, a4_1); a4_2 = c4.fma(b2, a4_2);
                FloatVector c5 = FloatVector.broadcast(S, g[gi + 5]);
                a5_0 = c5.fma(b0, a5_0); a5_1 = c5.fma(b1, a5_1); a5_2 = c5.fma(b2, a5_2);
                FloatVector c6 = FloatVector.broadcast(S, g[gi + 6]);
                a6_0 = c6.fma(b0, a6_0); a6_1 = c6.fma(b1, a6_1); a6_2 = c6.fma(b2, a6_2);
                FloatVector c7 = FloatVector.broadcast(S, g[gi + 7]);
                a7_0 = c7.fma(b0, a7_0); a7_1 = c7.fma(b1, a7_1); a7_2 = c7.fma(b2, a7_2);
            }
        }
        a0_0.intoArray(out, tOff + 0); a0_1.intoArray(out, tOff + 16); a0_2.intoArray(out, tOff + 32);
        a1_0.intoArray(out, tOff + 48); a1_1.intoArray(out, tOff + 64); a1_2.intoArray(out, tOff + 80);
        a2_0.intoArray(out, tOff + 96); a2_1.intoArray(out, tOff + 112); a2_2.intoArray(out, tOff + 128);
        a3_0.intoArray(out, tOff + 144); a3_1.intoArray(out, tOff + 160); a3_2.intoArray(out, tOff + 176);
        a4_0.intoArray(out, tOff + 192); a4_1.intoArray(out, tOff + 208); a4_2.intoArray(out, tOff + 224);
        a5_0.intoArray(out, tOff + 240); a5_1.intoArray(out, tOff + 256); a5_2.intoArray(out, tOff + 272);
        a6_0.intoArray(out, tOff + 288); a6_1.intoArray(out, tOff + 304); a6_2.intoArray(out, tOff + 320);
        a7_0.intoArray(out, tOff + 336); a7_1.intoArray(out, tOff + 352); a7_2.intoArray(out, tOff + 368);
    }
}
