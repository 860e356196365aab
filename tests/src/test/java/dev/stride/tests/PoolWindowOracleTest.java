package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference's pooling against an independent definition written here: list every tap of a window
 * ({@code o*stride - padding + k*dilation} per axis), keep those inside the input (or inside the padded
 * input, for count_include_pad), then take the maximum or the mean. Adaptive windows are recomputed with
 * integer floor/ceil division.
 */
class PoolWindowOracleTest {
    private final Ops ops = Stride.reference();

    /** Flat plane indices {@code h*W + w} of the taps of a window that fall inside the input, in row-major order. */
    static List<Integer> taps(int oh, int ow, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                              int inH, int inW) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                int h = oh * sh - ph + i * dh, w = ow * sw - pw + j * dw;
                if (h >= 0 && h < inH && w >= 0 && w < inW) out.add(h * inW + w);
            }
        }
        return out;
    }

    @Test
    void maxPoolIsTheMaximumOverTheWindowsTaps() {
        qt().withExamples(150).forAll(PoolGen.maxPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            MaxPool2dParams p = c.p();
            MaxPoolResult r = ops.maxPool2dWithIndices(x, p);
            int[] os = r.output().shape();
            int inH = c.shape()[2], inW = c.shape()[3];
            int o = 0;
            for (int plane = 0; plane < os[0] * os[1]; plane++) {
                for (int oh = 0; oh < os[2]; oh++) {
                    for (int ow = 0; ow < os[3]; ow++, o++) {
                        List<Integer> t = taps(oh, ow, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.paddingH(),
                                p.paddingW(), p.dilationH(), p.dilationW(), inH, inW);
                        if (t.isEmpty()) {
                            assertEquals(Float.NEGATIVE_INFINITY, r.output().data()[o], "empty window of " + c);
                            continue;
                        }
                        int best = t.get(0);
                        for (int idx : t) if (x.data()[plane * inH * inW + idx] > x.data()[plane * inH * inW + best]) best = idx;
                        assertEquals(x.data()[plane * inH * inW + best], r.output().data()[o], "value at " + o + " of " + c);
                        assertEquals(best, r.indices()[o], "index at " + o + " of " + c);
                    }
                }
            }
        });
    }

    @Test
    void avgPoolIsTheWindowSumOverTheDivisor() {
        qt().withExamples(150).forAll(PoolGen.avgPool2d()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            AvgPool2dParams p = c.p();
            Tensor y = ops.avgPool2d(x, p);
            int[] os = y.shape();
            int inH = c.shape()[2], inW = c.shape()[3];
            int o = 0;
            for (int plane = 0; plane < os[0] * os[1]; plane++) {
                for (int oh = 0; oh < os[2]; oh++) {
                    for (int ow = 0; ow < os[3]; ow++, o++) {
                        List<Integer> inside = taps(oh, ow, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                                p.paddingH(), p.paddingW(), 1, 1, inH, inW);
                        // taps inside the padded input: shift the frame by the padding
                        int inPadded = taps(oh, ow, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), 0, 0, 1, 1,
                                inH + 2 * p.paddingH(), inW + 2 * p.paddingW()).size();
                        double sum = 0;
                        for (int idx : inside) sum += x.data()[plane * inH * inW + idx];
                        double divisor = p.divisorOverride() != 0 ? p.divisorOverride()
                                : p.countIncludePad() ? inPadded : inside.size();
                        double expected = inside.isEmpty() ? 0 : sum / divisor;
                        assertEquals(expected, y.data()[o], 1e-6 * (1 + Math.abs(expected)), "element " + o + " of " + c);
                    }
                }
            }
        });
    }

    static int floorStart(int i, int in, int out) { return Math.floorDiv(i * in, out); }

    static int ceilEnd(int i, int in, int out) { return -Math.floorDiv(-(i + 1) * in, out); }

    @Test
    void adaptivePoolsCoverFloorToCeilWindows() {
        qt().withExamples(150).forAll(PoolGen.adaptive()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            AdaptivePool2dParams p = c.p();
            Tensor avg = ops.adaptiveAvgPool2d(x, p);
            MaxPoolResult max = ops.adaptiveMaxPool2d(x, p);
            int inH = c.shape()[2], inW = c.shape()[3];
            int o = 0;
            for (int plane = 0; plane < c.shape()[0] * c.shape()[1]; plane++) {
                for (int oh = 0; oh < p.outH(); oh++) {
                    for (int ow = 0; ow < p.outW(); ow++, o++) {
                        int h0 = floorStart(oh, inH, p.outH()), h1 = ceilEnd(oh, inH, p.outH());
                        int w0 = floorStart(ow, inW, p.outW()), w1 = ceilEnd(ow, inW, p.outW());
                        assertTrue(h0 < h1 && w0 < w1, "empty adaptive window in " + c);
                        double sum = 0;
                        int best = h0 * inW + w0;
                        for (int h = h0; h < h1; h++) {
                            for (int w = w0; w < w1; w++) {
                                float v = x.data()[plane * inH * inW + h * inW + w];
                                sum += v;
                                if (v > x.data()[plane * inH * inW + best]) best = h * inW + w;
                            }
                        }
                        double mean = sum / ((h1 - h0) * (w1 - w0));
                        assertEquals(mean, avg.data()[o], 1e-6 * (1 + Math.abs(mean)), "avg element " + o + " of " + c);
                        assertEquals(x.data()[plane * inH * inW + best], max.output().data()[o], "max element " + o + " of " + c);
                        assertEquals(best, max.indices()[o], "max index " + o + " of " + c);
                    }
                }
            }
        });
    }

    @Test
    void adaptiveWindowsPartitionTheInputWhenTheOutputDividesIt() {
        // out | in: windows are disjoint blocks of in/out cells, so adaptive avg equals avg_pool with that kernel
        qt().withExamples(60).forAll(PoolGen.adaptive()).checkAssert(c -> {
            int[] s = {c.shape()[0], c.shape()[1], c.p().outH() * c.shape()[2], c.p().outW() * c.shape()[3]};
            Tensor x = PoolGen.values(c.seed(), s);
            int kh = c.shape()[2], kw = c.shape()[3];
            Tensor viaAvg = ops.avgPool2d(x, new AvgPool2dParams(kh, kw, kh, kw, 0, 0, false, true, 0));
            Tensor viaAdaptive = ops.adaptiveAvgPool2d(x, c.p());
            assertTrue(viaAdaptive.allClose(viaAvg, 1e-6f, 1e-6f), c.toString());
            Tensor viaMax = ops.maxPool2d(x, new MaxPool2dParams(kh, kw, kh, kw, 0, 0, 1, 1, false));
            assertTrue(ops.adaptiveMaxPool2d(x, c.p()).output().bitwiseEquals(viaMax), c.toString());
        });
    }
}
