package dev.stride.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector passes of max and average pooling add and compare in the scalar kernel's order, so at any
 * width they must agree with the scalar row-first kernel bit for bit, NaN and infinities included.
 */
class PoolKernelConsistencyTest {
    private static float[] input(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(40);
            x[i] = k == 0 ? Float.NaN : k == 1 ? Float.POSITIVE_INFINITY : k == 2 ? Float.NEGATIVE_INFINITY
                    : k == 3 ? -0f : (float) (r.nextDouble() * 4 - 2);
        }
        return x;
    }

    @Test
    void maxPoolVectorMatchesScalarRows() {
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 400; t++) {
            int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4), dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2);
            int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(4);
            int ph = r.nextInt(kh / 2 + 1), pw = r.nextInt(kw / 2 + 1);
            MaxPool2dParams p;
            try {
                p = new MaxPool2dParams(kh, kw, sh, sw, ph, pw, dh, dw, r.nextBoolean());
            } catch (IllegalArgumentException e) {
                continue;
            }
            int planes = 1 + r.nextInt(3), h = 1 + r.nextInt(12), w = 1 + r.nextInt(70);
            int oh, ow;
            try {
                oh = p.outHeight(h);
                ow = p.outWidth(w);
            } catch (IllegalArgumentException e) {
                continue;
            }
            float[] in = input(r, planes * h * w);
            float[] fast = new float[planes * oh * ow], slow = new float[fast.length];
            MaxPool2dKernel.forward(in, fast, null, planes, h, w, oh, ow, p, 1 + r.nextInt(3));
            float[] row = new float[PoolRows.length(w, p.paddingW(), p.strideW(), ow, (p.kernelW() - 1) * p.dilationW(), 16)];
            PoolRows.fillPadding(row, row.length, p.paddingW(), w, Float.NEGATIVE_INFINITY);
            for (int c = 0; c < planes; c++) MaxPool2dKernel.planeScalar(in, c * h * w, h, w, slow, c * oh * ow, oh, ow, p, row);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(Float.floatToIntBits(slow[i]), Float.floatToIntBits(fast[i]), p + " h=" + h + " w=" + w + " at " + i);
            }
        }
    }

    @Test
    void avgPoolVectorMatchesScalarRows() {
        SplittableRandom r = new SplittableRandom(11);
        for (int t = 0; t < 400; t++) {
            int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4), sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(4);
            AvgPool2dParams p = new AvgPool2dParams(kh, kw, sh, sw, r.nextInt(kh / 2 + 1), r.nextInt(kw / 2 + 1),
                    r.nextBoolean(), r.nextBoolean(), r.nextInt(4) == 0 ? 1 + r.nextInt(9) : 0);
            int planes = 1 + r.nextInt(3), h = 1 + r.nextInt(12), w = 1 + r.nextInt(70);
            int oh, ow;
            try {
                oh = p.outHeight(h);
                ow = p.outWidth(w);
            } catch (IllegalArgumentException e) {
                continue;
            }
            float[] in = input(r, planes * h * w);
            float[] fast = new float[planes * oh * ow], slow = new float[fast.length];
            AvgPool2dKernel.forward(in, fast, planes, h, w, oh, ow, p, 1 + r.nextInt(3));
            float[] row = new float[PoolRows.length(w, p.paddingW(), p.strideW(), ow, p.kernelW() - 1, 16)];
            float[] colDiv = AvgPool2dKernel.columnDivisors(new float[ow], w, ow, p);
            for (int c = 0; c < planes; c++) AvgPool2dKernel.planeScalar(in, c * h * w, h, w, slow, c * oh * ow, oh, ow, p, row, colDiv);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(Float.floatToIntBits(slow[i]), Float.floatToIntBits(fast[i]), p + " h=" + h + " w=" + w + " at " + i);
            }
        }
    }

    /**
     * The fast paths (max 3x3/2 pad 1, avg 2x2/2) on even widths, narrow and wide, short and tall: output
     * widths with every kind of tail (none, half a vector, an overlapping block), divisors that are
     * powers of two (multiplied by the inverse) and not, NaN rows (recomputed exactly).
     */
    @Test
    void fastPathsMatchScalarRows() {
        SplittableRandom r = new SplittableRandom(13);
        int[] widths = {32, 34, 36, 46, 48, 62, 64, 66, 80, 112, 130};
        for (int w : widths) {
            for (int h = 1; h <= 9; h++) {
                for (boolean ceil : new boolean[] {false, true}) {
                    MaxPool2dParams mp = new MaxPool2dParams(3, 3, 2, 2, 1, 1, 1, 1, ceil);
                    AvgPool2dParams ap = new AvgPool2dParams(2, 2, 2, 2, 0, 0, ceil, r.nextBoolean(), switch (r.nextInt(4)) { case 0 -> 3; case 1 -> 8; default -> 0; });
                    int planes = 2;
                    float[] in = input(r, planes * h * w);
                    if (h >= 2) {
                        int oh = ap.outHeight(h), ow = ap.outWidth(w);
                        float[] fast = new float[planes * oh * ow], slow = new float[fast.length];
                        AvgPool2dKernel.forward(in, fast, planes, h, w, oh, ow, ap, 2);
                        float[] row = new float[PoolRows.length(w, 0, 2, ow, 1, 16)];
                        float[] colDiv = AvgPool2dKernel.columnDivisors(new float[ow], w, ow, ap);
                        for (int c = 0; c < planes; c++) AvgPool2dKernel.planeScalar(in, c * h * w, h, w, slow, c * oh * ow, oh, ow, ap, row, colDiv);
                        for (int i = 0; i < fast.length; i++) {
                            assertEquals(Float.floatToIntBits(slow[i]), Float.floatToIntBits(fast[i]), ap + " h=" + h + " w=" + w + " at " + i);
                        }
                    }
                    int oh = mp.outHeight(h), ow = mp.outWidth(w);
                    float[] fast = new float[planes * oh * ow], slow = new float[fast.length];
                    MaxPool2dKernel.forward(in, fast, null, planes, h, w, oh, ow, mp, 2);
                    float[] row = new float[PoolRows.length(w, 1, 2, ow, 2, 16)];
                    PoolRows.fillPadding(row, row.length, 1, w, Float.NEGATIVE_INFINITY);
                    for (int c = 0; c < planes; c++) MaxPool2dKernel.planeScalar(in, c * h * w, h, w, slow, c * oh * ow, oh, ow, mp, row);
                    for (int i = 0; i < fast.length; i++) {
                        assertEquals(Float.floatToIntBits(slow[i]), Float.floatToIntBits(fast[i]), mp + " h=" + h + " w=" + w + " at " + i);
                    }
                }
            }
        }
    }

    /**
     * Max 3x3/2 pad 1 with exactly one NaN, in every row and at the row ends in turn: the fast kernel's
     * NaN check (each input row summed once, the top row of a window checked by the output row before)
     * must catch it wherever it is.
     */
    @Test
    void maxPoolFastPathCatchesASingleNaNInAnyRow() {
        SplittableRandom r = new SplittableRandom(17);
        MaxPool2dParams mp = MaxPool2dParams.of(3, 2, 1);
        for (int w : new int[] {32, 48, 66}) {
            for (int h : new int[] {1, 2, 5, 8}) {
                int oh = mp.outHeight(h), ow = mp.outWidth(w);
                for (int row = 0; row < h; row++) {
                    for (int col : new int[] {0, 1, w / 2, w - 2, w - 1, r.nextInt(w)}) {
                        float[] in = new float[h * w];
                        for (int i = 0; i < in.length; i++) in[i] = (float) (r.nextDouble() * 4 - 2);
                        in[row * w + col] = Float.NaN;
                        float[] fast = new float[oh * ow], slow = new float[oh * ow];
                        MaxPool2dKernel.forward(in, fast, null, 1, h, w, oh, ow, mp, 1);
                        float[] scratch = new float[PoolRows.length(w, 1, 2, ow, 2, 16)];
                        PoolRows.fillPadding(scratch, scratch.length, 1, w, Float.NEGATIVE_INFINITY);
                        MaxPool2dKernel.planeScalar(in, 0, h, w, slow, 0, oh, ow, mp, scratch);
                        for (int i = 0; i < fast.length; i++) {
                            assertEquals(Float.floatToIntBits(slow[i]), Float.floatToIntBits(fast[i]),
                                    "NaN at row " + row + " col " + col + " h=" + h + " w=" + w + " output " + i);
                        }
                    }
                }
            }
        }
    }
}
