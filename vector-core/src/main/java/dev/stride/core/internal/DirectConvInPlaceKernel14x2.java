package dev.stride.core.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link DirectConvInPlace}: 14 output pixels of one row x 2 blocks of 16 output
 * channels (28 accumulators, 2 weight vectors and one broadcast: within AVX-512's 32 registers), reading
 * the input in its own NCHW layout: no blocked or padded copy. Step {@code kk} of the reduction loads
 * the two weight vectors of step kk and broadcasts one input value per pixel; the pixels of a tile are
 * {@code stride} floats apart, a constant of each method, so that every broadcast addresses
 * {@code src[base + constant]}. Pixel p reads {@code src[off + steps[kk] + stride*p]} where (src, off,
 * steps) is ({@code first, firstOff, firstKOff}) for the first {@code E} pixels, ({@code last, lastOff,
 * lastKOff}) for the last {@code E} and ({@code x, xOff, kOff}) for the others, E (1 or 2) another
 * constant of the method: a tile at the left or right border takes its edge pixels from a zero-padded
 * copy of the border columns ("edge strip"); other tiles pass the main source three times. Steps
 * outside {@code [k0, k1)} (window rows in the top or bottom padding) are skipped: they would add zeros.
 *
 * <p>Only loaded when the planner chose this path, which requires 512-bit vectors. The code is
 * generated (pixel p, block j -> {@code cPP_j}); keep the methods identical but for the two constants.
 */
final class DirectConvInPlaceKernel14x2 {
    private DirectConvInPlaceKernel14x2() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    /** Output pixels per call. */
    static final int PIXELS = 14;

    /**
     * Sums steps {@code k0 <= kk < k1} from zero: pixel p, block j accumulates the pixel's input value
     * of step kk (see the class comment; stride 1, 1 edge pixel per side) times
     * {@code w[wOff + j*wBlock + 16kk ..+16]}, and stores the 16 channels at {@code t[tOff + j*tBlock + 16p]}.
     */
    static void tileStride1Edge1(int k0, int k1, float[] w, int wOff, int wBlock, float[] x, int xOff, int[] kOff,
                                float[] first, int firstOff, int[] firstKOff, float[] last, int lastOff, int[] lastKOff,
                                float[] t, int tOff, int tBlock) {
        FloatVector c00_0, c00_1;
        FloatVector c01_0, c01_1;
        FloatVector c02_0, c02_1;
        FloatVector c03_0, c03_1;
        FloatVector c04_0, c04_1;
        FloatVector c05_0, c05_1;
        FloatVector c06_0, c06_1;
        FloatVector c07_0, c07_1;
        FloatVector c08_0, c08_1;
        FloatVector c09_0, c09_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        FloatVector c12_0, c12_1;
        FloatVector c13_0, c13_1;
        FloatVector z = FloatVector.zero(S);
        c00_0 = z; c00_1 = z;
        c01_0 = z; c01_1 = z;
        c02_0 = z; c02_1 = z;
        c03_0 = z; c03_1 = z;
        c04_0 = z; c04_1 = z;
        c05_0 = z; c05_1 = z;
        c06_0 = z; c06_1 = z;
        c07_0 = z; c07_1 = z;
        c08_0 = z; c08_1 = z;
        c09_0 = z; c09_1 = z;
        c10_0 = z; c10_1 = z;
        c11_0 = z; c11_1 = z;
        c12_0 = z; c12_1 = z;
        c13_0 = z; c13_1 = z;
        int w1 = wOff + wBlock;
        for (int kk = k0; kk < k1; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, w, wOff + kk * 16);
            FloatVector b1 = FloatVector.fromArray(S, w, w1 + kk * 16);
            int xi = xOff + kOff[kk];
            int fi = firstOff + firstKOff[kk];
            int li = lastOff + lastKOff[kk];
            FloatVector a0 = FloatVector.broadcast(S, first[fi + 0]);
            c00_0 = a0.fma(b0, c00_0); c00_1 = a0.fma(b1, c00_1);
            FloatVector a1 = FloatVector.broadcast(S, x[xi + 1]);
            c01_0 = a1.fma(b0, c01_0); c01_1 = a1.fma(b1, c01_1);
            FloatVector a2 = FloatVector.broadcast(S, x[xi + 2]);
            c02_0 = a2.fma(b0, c02_0); c02_1 = a2.fma(b1, c02_1);
            FloatVector a3 = FloatVector.broadcast(S, x[xi + 3]);
            c03_0 = a3.fma(b0, c03_0); c03_1 = a3.fma(b1, c03_1);
            FloatVector a4 = FloatVector.broadcast(S, x[xi + 4]);
            c04_0 = a4.fma(b0, c04_0); c04_1 = a4.fma(b1, c04_1);
            FloatVector a5 = FloatVector.broadcast(S, x[xi + 5]);
            c05_0 = a5.fma(b0, c05_0); c05_1 = a5.fma(b1, c05_1);
            FloatVector a6 = FloatVector.broadcast(S, x[xi + 6]);
            c06_0 = a6.fma(b0, c06_0); c06_1 = a6.fma(b1, c06_1);
            FloatVector a7 = FloatVector.broadcast(S, x[xi + 7]);
            c07_0 = a7.fma(b0, c07_0); c07_1 = a7.fma(b1, c07_1);
            FloatVector a8 = FloatVector.broadcast(S, x[xi + 8]);
            c08_0 = a8.fma(b0, c08_0); c08_1 = a8.fma(b1, c08_1);
            FloatVector a9 = FloatVector.broadcast(S, x[xi + 9]);
            c09_0 = a9.fma(b0, c09_0); c09_1 = a9.fma(b1, c09_1);
            FloatVector a10 = FloatVector.broadcast(S, x[xi + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, x[xi + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, x[xi + 12]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, last[li + 13]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
        }
        int t1 = tOff + tBlock;
        c00_0.intoArray(t, tOff + 0); c00_1.intoArray(t, t1 + 0);
        c01_0.intoArray(t, tOff + 16); c01_1.intoArray(t, t1 + 16);
        c02_0.intoArray(t, tOff + 32); c02_1.intoArray(t, t1 + 32);
        c03_0.intoArray(t, tOff + 48); c03_1.intoArray(t, t1 + 48);
        c04_0.intoArray(t, tOff + 64); c04_1.intoArray(t, t1 + 64);
        c05_0.intoArray(t, tOff + 80); c05_1.intoArray(t, t1 + 80);
        c06_0.intoArray(t, tOff + 96); c06_1.intoArray(t, t1 + 96);
        c07_0.intoArray(t, tOff + 112); c07_1.intoArray(t, t1 + 112);
        c08_0.intoArray(t, tOff + 128); c08_1.intoArray(t, t1 + 128);
        c09_0.intoArray(t, tOff + 144); c09_1.intoArray(t, t1 + 144);
        c10_0.intoArray(t, tOff + 160); c10_1.intoArray(t, t1 + 160);
        c11_0.intoArray(t, tOff + 176); c11_1.intoArray(t, t1 + 176);
        c12_0.intoArray(t, tOff + 192); c12_1.intoArray(t, t1 + 192);
        c13_0.intoArray(t, tOff + 208); c13_1.intoArray(t, t1 + 208);
    }

    /**
     * Sums steps {@code k0 <= kk < k1} from zero: pixel p, block j accumulates the pixel's input value
     * of step kk (see the class comment; stride 2, 1 edge pixel per side) times
     * {@code w[wOff + j*wBlock + 16kk ..+16]}, and stores the 16 channels at {@code t[tOff + j*tBlock + 16p]}.
     */
    static void tileStride2Edge1(int k0, int k1, float[] w, int wOff, int wBlock, float[] x, int xOff, int[] kOff,
                                float[] first, int firstOff, int[] firstKOff, float[] last, int lastOff, int[] lastKOff,
                                float[] t, int tOff, int tBlock) {
        FloatVector c00_0, c00_1;
        FloatVector c01_0, c01_1;
        FloatVector c02_0, c02_1;
        FloatVector c03_0, c03_1;
        FloatVector c04_0, c04_1;
        FloatVector c05_0, c05_1;
        FloatVector c06_0, c06_1;
        FloatVector c07_0, c07_1;
        FloatVector c08_0, c08_1;
        FloatVector c09_0, c09_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        FloatVector c12_0, c12_1;
        FloatVector c13_0, c13_1;
        FloatVector z = FloatVector.zero(S);
        c00_0 = z; c00_1 = z;
        c01_0 = z; c01_1 = z;
        c02_0 = z; c02_1 = z;
        c03_0 = z; c03_1 = z;
        c04_0 = z; c04_1 = z;
        c05_0 = z; c05_1 = z;
        c06_0 = z; c06_1 = z;
        c07_0 = z; c07_1 = z;
        c08_0 = z; c08_1 = z;
        c09_0 = z; c09_1 = z;
        c10_0 = z; c10_1 = z;
        c11_0 = z; c11_1 = z;
        c12_0 = z; c12_1 = z;
        c13_0 = z; c13_1 = z;
        int w1 = wOff + wBlock;
        for (int kk = k0; kk < k1; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, w, wOff + kk * 16);
            FloatVector b1 = FloatVector.fromArray(S, w, w1 + kk * 16);
            int xi = xOff + kOff[kk];
            int fi = firstOff + firstKOff[kk];
            int li = lastOff + lastKOff[kk];
            FloatVector a0 = FloatVector.broadcast(S, first[fi + 0]);
            c00_0 = a0.fma(b0, c00_0); c00_1 = a0.fma(b1, c00_1);
            FloatVector a1 = FloatVector.broadcast(S, x[xi + 2]);
            c01_0 = a1.fma(b0, c01_0); c01_1 = a1.fma(b1, c01_1);
            FloatVector a2 = FloatVector.broadcast(S, x[xi + 4]);
            c02_0 = a2.fma(b0, c02_0); c02_1 = a2.fma(b1, c02_1);
            FloatVector a3 = FloatVector.broadcast(S, x[xi + 6]);
            c03_0 = a3.fma(b0, c03_0); c03_1 = a3.fma(b1, c03_1);
            FloatVector a4 = FloatVector.broadcast(S, x[xi + 8]);
            c04_0 = a4.fma(b0, c04_0); c04_1 = a4.fma(b1, c04_1);
            FloatVector a5 = FloatVector.broadcast(S, x[xi + 10]);
            c05_0 = a5.fma(b0, c05_0); c05_1 = a5.fma(b1, c05_1);
            FloatVector a6 = FloatVector.broadcast(S, x[xi + 12]);
            c06_0 = a6.fma(b0, c06_0); c06_1 = a6.fma(b1, c06_1);
            FloatVector a7 = FloatVector.broadcast(S, x[xi + 14]);
            c07_0 = a7.fma(b0, c07_0); c07_1 = a7.fma(b1, c07_1);
            FloatVector a8 = FloatVector.broadcast(S, x[xi + 16]);
            c08_0 = a8.fma(b0, c08_0); c08_1 = a8.fma(b1, c08_1);
            FloatVector a9 = FloatVector.broadcast(S, x[xi + 18]);
            c09_0 = a9.fma(b0, c09_0); c09_1 = a9.fma(b1, c09_1);
            FloatVector a10 = FloatVector.broadcast(S, x[xi + 20]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, x[xi + 22]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, x[xi + 24]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, last[li + 26]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
        }
        int t1 = tOff + tBlock;
        c00_0.intoArray(t, tOff + 0); c00_1.intoArray(t, t1 + 0);
        c01_0.intoArray(t, tOff + 16); c01_1.intoArray(t, t1 + 16);
        c02_0.intoArray(t, tOff + 32); c02_1.intoArray(t, t1 + 32);
        c03_0.intoArray(t, tOff + 48); c03_1.intoArray(t, t1 + 48);
        c04_0.intoArray(t, tOff + 64); c04_1.intoArray(t, t1 + 64);
        c05_0.intoArray(t, tOff + 80); c05_1.intoArray(t, t1 + 80);
        c06_0.intoArray(t, tOff + 96); c06_1.intoArray(t, t1 + 96);
        c07_0.intoArray(t, tOff + 112); c07_1.intoArray(t, t1 + 112);
        c08_0.intoArray(t, tOff + 128); c08_1.intoArray(t, t1 + 128);
        c09_0.intoArray(t, tOff + 144); c09_1.intoArray(t, t1 + 144);
        c10_0.intoArray(t, tOff + 160); c10_1.intoArray(t, t1 + 160);
        c11_0.intoArray(t, tOff + 176); c11_1.intoArray(t, t1 + 176);
        c12_0.intoArray(t, tOff + 192); c12_1.intoArray(t, t1 + 192);
        c13_0.intoArray(t, tOff + 208); c13_1.intoArray(t, t1 + 208);
    }

    /**
     * Sums steps {@code k0 <= kk < k1} from zero: pixel p, block j accumulates the pixel's input value
     * of step kk (see the class comment; stride 1, 2 edge pixels per side) times
     * {@code w[wOff + j*wBlock + 16kk ..+16]}, and stores the 16 channels at {@code t[tOff + j*tBlock + 16p]}.
     */
    static void tileStride1Edge2(int k0, int k1, float[] w, int wOff, int wBlock, float[] x, int xOff, int[] kOff,
                                float[] first, int firstOff, int[] firstKOff, float[] last, int lastOff, int[] lastKOff,
                                float[] t, int tOff, int tBlock) {
        FloatVector c00_0, c00_1;
        FloatVector c01_0, c01_1;
        FloatVector c02_0, c02_1;
        FloatVector c03_0, c03_1;
        FloatVector c04_0, c04_1;
        FloatVector c05_0, c05_1;
        FloatVector c06_0, c06_1;
        FloatVector c07_0, c07_1;
        FloatVector c08_0, c08_1;
        FloatVector c09_0, c09_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        FloatVector c12_0, c12_1;
        FloatVector c13_0, c13_1;
        FloatVector z = FloatVector.zero(S);
        c00_0 = z; c00_1 = z;
        c01_0 = z; c01_1 = z;
        c02_0 = z; c02_1 = z;
        c03_0 = z; c03_1 = z;
        c04_0 = z; c04_1 = z;
        c05_0 = z; c05_1 = z;
        c06_0 = z; c06_1 = z;
        c07_0 = z; c07_1 = z;
        c08_0 = z; c08_1 = z;
        c09_0 = z; c09_1 = z;
        c10_0 = z; c10_1 = z;
        c11_0 = z; c11_1 = z;
        c12_0 = z; c12_1 = z;
        c13_0 = z; c13_1 = z;
        int w1 = wOff + wBlock;
        for (int kk = k0; kk < k1; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, w, wOff + kk * 16);
            FloatVector b1 = FloatVector.fromArray(S, w, w1 + kk * 16);
            int xi = xOff + kOff[kk];
            int fi = firstOff + firstKOff[kk];
            int li = lastOff + lastKOff[kk];
            FloatVector a0 = FloatVector.broadcast(S, first[fi + 0]);
            c00_0 = a0.fma(b0, c00_0); c00_1 = a0.fma(b1, c00_1);
            FloatVector a1 = FloatVector.broadcast(S, first[fi + 1]);
            c01_0 = a1.fma(b0, c01_0); c01_1 = a1.fma(b1, c01_1);
            FloatVector a2 = FloatVector.broadcast(S, x[xi + 2]);
            c02_0 = a2.fma(b0, c02_0); c02_1 = a2.fma(b1, c02_1);
            FloatVector a3 = FloatVector.broadcast(S, x[xi + 3]);
            c03_0 = a3.fma(b0, c03_0); c03_1 = a3.fma(b1, c03_1);
            FloatVector a4 = FloatVector.broadcast(S, x[xi + 4]);
            c04_0 = a4.fma(b0, c04_0); c04_1 = a4.fma(b1, c04_1);
            FloatVector a5 = FloatVector.broadcast(S, x[xi + 5]);
            c05_0 = a5.fma(b0, c05_0); c05_1 = a5.fma(b1, c05_1);
            FloatVector a6 = FloatVector.broadcast(S, x[xi + 6]);
            c06_0 = a6.fma(b0, c06_0); c06_1 = a6.fma(b1, c06_1);
            FloatVector a7 = FloatVector.broadcast(S, x[xi + 7]);
            c07_0 = a7.fma(b0, c07_0); c07_1 = a7.fma(b1, c07_1);
            FloatVector a8 = FloatVector.broadcast(S, x[xi + 8]);
            c08_0 = a8.fma(b0, c08_0); c08_1 = a8.fma(b1, c08_1);
            FloatVector a9 = FloatVector.broadcast(S, x[xi + 9]);
            c09_0 = a9.fma(b0, c09_0); c09_1 = a9.fma(b1, c09_1);
            FloatVector a10 = FloatVector.broadcast(S, x[xi + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, x[xi + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, last[li + 12]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, last[li + 13]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
        }
        int t1 = tOff + tBlock;
        c00_0.intoArray(t, tOff + 0); c00_1.intoArray(t, t1 + 0);
        c01_0.intoArray(t, tOff + 16); c01_1.intoArray(t, t1 + 16);
        c02_0.intoArray(t, tOff + 32); c02_1.intoArray(t, t1 + 32);
        c03_0.intoArray(t, tOff + 48); c03_1.intoArray(t, t1 + 48);
        c04_0.intoArray(t, tOff + 64); c04_1.intoArray(t, t1 + 64);
        c05_0.intoArray(t, tOff + 80); c05_1.intoArray(t, t1 + 80);
        c06_0.intoArray(t, tOff + 96); c06_1.intoArray(t, t1 + 96);
        c07_0.intoArray(t, tOff + 112); c07_1.intoArray(t, t1 + 112);
        c08_0.intoArray(t, tOff + 128); c08_1.intoArray(t, t1 + 128);
        c09_0.intoArray(t, tOff + 144); c09_1.intoArray(t, t1 + 144);
        c10_0.intoArray(t, tOff + 160); c10_1.intoArray(t, t1 + 160);
        c11_0.intoArray(t, tOff + 176); c11_1.intoArray(t, t1 + 176);
        c12_0.intoArray(t, tOff + 192); c12_1.intoArray(t, t1 + 192);
        c13_0.intoArray(t, tOff + 208); c13_1.intoArray(t, t1 + 208);
    }

    /**
     * Sums steps {@code k0 <= kk < k1} from zero: pixel p, block j accumulates the pixel's input value
     * of step kk (see the class comment; stride 2, 2 edge pixels per side) times
     * {@code w[wOff + j*wBlock + 16kk ..+16]}, and stores the 16 channels at {@code t[tOff + j*tBlock + 16p]}.
     */
    static void tileStride2Edge2(int k0, int k1, float[] w, int wOff, int wBlock, float[] x, int xOff, int[] kOff,
                                float[] first, int firstOff, int[] firstKOff, float[] last, int lastOff, int[] lastKOff,
                                float[] t, int tOff, int tBlock) {
        FloatVector c00_0, c00_1;
        FloatVector c01_0, c01_1;
        FloatVector c02_0, c02_1;
        FloatVector c03_0, c03_1;
        FloatVector c04_0, c04_1;
        FloatVector c05_0, c05_1;
        FloatVector c06_0, c06_1;
        FloatVector c07_0, c07_1;
        FloatVector c08_0, c08_1;
        FloatVector c09_0, c09_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        FloatVector c12_0, c12_1;
        FloatVector c13_0, c13_1;
        FloatVector z = FloatVector.zero(S);
        c00_0 = z; c00_1 = z;
        c01_0 = z; c01_1 = z;
        c02_0 = z; c02_1 = z;
        c03_0 = z; c03_1 = z;
        c04_0 = z; c04_1 = z;
        c05_0 = z; c05_1 = z;
        c06_0 = z; c06_1 = z;
        c07_0 = z; c07_1 = z;
        c08_0 = z; c08_1 = z;
        c09_0 = z; c09_1 = z;
        c10_0 = z; c10_1 = z;
        c11_0 = z; c11_1 = z;
        c12_0 = z; c12_1 = z;
        c13_0 = z; c13_1 = z;
        int w1 = wOff + wBlock;
        for (int kk = k0; kk < k1; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, w, wOff + kk * 16);
            FloatVector b1 = FloatVector.fromArray(S, w, w1 + kk * 16);
            int xi = xOff + kOff[kk];
            int fi = firstOff + firstKOff[kk];
            int li = lastOff + lastKOff[kk];
            FloatVector a0 = FloatVector.broadcast(S, first[fi + 0]);
            c00_0 = a0.fma(b0, c00_0); c00_1 = a0.fma(b1, c00_1);
            FloatVector a1 = FloatVector.broadcast(S, first[fi + 2]);
            c01_0 = a1.fma(b0, c01_0); c01_1 = a1.fma(b1, c01_1);
            FloatVector a2 = FloatVector.broadcast(S, x[xi + 4]);
            c02_0 = a2.fma(b0, c02_0); c02_1 = a2.fma(b1, c02_1);
            FloatVector a3 = FloatVector.broadcast(S, x[xi + 6]);
            c03_0 = a3.fma(b0, c03_0); c03_1 = a3.fma(b1, c03_1);
            FloatVector a4 = FloatVector.broadcast(S, x[xi + 8]);
            c04_0 = a4.fma(b0, c04_0); c04_1 = a4.fma(b1, c04_1);
            FloatVector a5 = FloatVector.broadcast(S, x[xi + 10]);
            c05_0 = a5.fma(b0, c05_0); c05_1 = a5.fma(b1, c05_1);
            FloatVector a6 = FloatVector.broadcast(S, x[xi + 12]);
            c06_0 = a6.fma(b0, c06_0); c06_1 = a6.fma(b1, c06_1);
            FloatVector a7 = FloatVector.broadcast(S, x[xi + 14]);
            c07_0 = a7.fma(b0, c07_0); c07_1 = a7.fma(b1, c07_1);
            FloatVector a8 = FloatVector.broadcast(S, x[xi + 16]);
            c08_0 = a8.fma(b0, c08_0); c08_1 = a8.fma(b1, c08_1);
            FloatVector a9 = FloatVector.broadcast(S, x[xi + 18]);
            c09_0 = a9.fma(b0, c09_0); c09_1 = a9.fma(b1, c09_1);
            FloatVector a10 = FloatVector.broadcast(S, x[xi + 20]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, x[xi + 22]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, last[li + 24]);
            c12_0 = a12.fma(b0, c12_0); c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, last[li + 26]);
            c13_0 = a13.fma(b0, c13_0); c13_1 = a13.fma(b1, c13_1);
        }
        int t1 = tOff + tBlock;
        c00_0.intoArray(t, tOff + 0); c00_1.intoArray(t, t1 + 0);
        c01_0.intoArray(t, tOff + 16); c01_1.intoArray(t, t1 + 16);
        c02_0.intoArray(t, tOff + 32); c02_1.intoArray(t, t1 + 32);
        c03_0.intoArray(t, tOff + 48); c03_1.intoArray(t, t1 + 48);
        c04_0.intoArray(t, tOff + 64); c04_1.intoArray(t, t1 + 64);
        c05_0.intoArray(t, tOff + 80); c05_1.intoArray(t, t1 + 80);
        c06_0.intoArray(t, tOff + 96); c06_1.intoArray(t, t1 + 96);
        c07_0.intoArray(t, tOff + 112); c07_1.intoArray(t, t1 + 112);
        c08_0.intoArray(t, tOff + 128); c08_1.intoArray(t, t1 + 128);
        c09_0.intoArray(t, tOff + 144); c09_1.intoArray(t, t1 + 144);
        c10_0.intoArray(t, tOff + 160); c10_1.intoArray(t, t1 + 160);
        c11_0.intoArray(t, tOff + 176); c11_1.intoArray(t, t1 + 176);
        c12_0.intoArray(t, tOff + 192); c12_1.intoArray(t, t1 + 192);
        c13_0.intoArray(t, tOff + 208); c13_1.intoArray(t, t1 + 208);
    }
}
