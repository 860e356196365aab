package dev.stride.tests;

import static dev.stride.tests.ConvCaseGen.between;
import static dev.stride.tests.ConvCaseGen.seeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Conv1dParams;
import dev.stride.core.Conv2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The seed's worked examples (5x5 input, 3x3 kernel: no padding gives 3x3, padding 1 gives 5x5, stride 2
 * with padding 1 gives 3x3), on random values, checked against a single-channel cross-correlation written
 * here from scratch: copy the input into a zero-bordered grid, then slide the kernel over it.
 */
class ConvWorkedExamplesTest {
    private static final Ops REF = Stride.reference();

    /** Cross-correlation of one plane with one kernel, zero padding {@code pad} on every side. */
    static double[][] correlate(double[][] x, double[][] k, int pad, int stride) {
        int h = x.length + 2 * pad, w = x[0].length + 2 * pad;
        double[][] padded = new double[h][w];
        for (int r = 0; r < x.length; r++) System.arraycopy(x[r], 0, padded[r + pad], pad, x[r].length);
        int outH = (h - k.length) / stride + 1, outW = (w - k[0].length) / stride + 1;
        double[][] out = new double[outH][outW];
        for (int r = 0; r < outH; r++) {
            for (int c = 0; c < outW; c++) {
                for (int i = 0; i < k.length; i++) {
                    for (int j = 0; j < k[0].length; j++) out[r][c] += padded[r * stride + i][c * stride + j] * k[i][j];
                }
            }
        }
        return out;
    }

    static double[][] plane(Tensor t, int n, int c) {
        int h = t.dim(2), w = t.dim(3);
        double[][] p = new double[h][w];
        for (int r = 0; r < h; r++) for (int q = 0; q < w; q++) p[r][q] = t.get(n, c, r, q);
        return p;
    }

    private static void checkExample(int pad, int stride, int expectedSize, int seed) {
        Tensor x = Tensor.uniform(seed, -2, 2, 1, 1, 5, 5);
        Tensor w = Tensor.uniform(seed + 1L, -2, 2, 1, 1, 3, 3);
        Conv2dParams p = Conv2dParams.builder(1, 1, 3).padding(pad).stride(stride).bias(false).build();
        Tensor y = REF.conv2d(x, w, null, p);
        assertArrayEquals(new int[] {1, 1, expectedSize, expectedSize}, y.shape());
        double[][] expected = correlate(plane(x, 0, 0), plane(w, 0, 0), pad, stride);
        assertEquals(expectedSize, expected.length);
        for (int r = 0; r < expectedSize; r++) {
            for (int c = 0; c < expectedSize; c++) assertEquals(expected[r][c], y.get(0, 0, r, c), 1e-5);
        }
    }

    @Test
    void fiveByFiveWithThreeByThreeKernelGivesThreeByThree() {
        qt().withExamples(20).forAll(seeds()).checkAssert(seed -> checkExample(0, 1, 3, seed));
    }

    @Test
    void zeroPaddingOneKeepsFiveByFive() {
        qt().withExamples(20).forAll(seeds()).checkAssert(seed -> checkExample(1, 1, 5, seed));
    }

    @Test
    void strideTwoWithPaddingOneGivesThreeByThree() {
        qt().withExamples(20).forAll(seeds()).checkAssert(seed -> checkExample(1, 2, 3, seed));
    }

    /** Integer-valued case: the all-ones kernel over 0..24 sums each 3x3 window exactly. */
    @Test
    void onesKernelSumsWindowsOfARamp() {
        float[] ramp = new float[25];
        for (int i = 0; i < 25; i++) ramp[i] = i;
        Tensor y = REF.conv2d(Tensor.wrap(ramp, 1, 1, 5, 5), Tensor.full(1f, 1, 1, 3, 3), null,
                Conv2dParams.builder(1, 1, 3).bias(false).build());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                // The window centred on (r+1, c+1) of a ramp 5*row+col sums to 9 times its centre.
                assertEquals(9f * (5 * (r + 1) + (c + 1)), y.get(0, 0, r, c));
            }
        }
    }

    /** Multi-channel, batched, biased conv2d against the per-plane cross-correlation summed over channels. */
    @Test
    void channelsSumAndBiasAdds() {
        qt().withExamples(20).forAll(between(1, 2), between(1, 3), between(1, 3), seeds())
            .checkAssert((batch, cin, cout, seed) -> {
              for (int pad = 0; pad <= 1; pad++) {
                Tensor x = Tensor.uniform(seed, -1, 1, batch, cin, 5, 4);
                Tensor w = Tensor.uniform(seed + 1L, -1, 1, cout, cin, 3, 3);
                Tensor b = Tensor.uniform(seed + 2L, -1, 1, cout);
                Tensor y = REF.conv2d(x, w, b, Conv2dParams.builder(cin, cout, 3).padding(pad).build());
                for (int n = 0; n < batch; n++) {
                    for (int o = 0; o < cout; o++) {
                        double[][] sum = null;
                        for (int c = 0; c < cin; c++) {
                            double[][] part = correlate(plane(x, n, c), plane(w, o, c), pad, 1);
                            if (sum == null) sum = part;
                            else for (int r = 0; r < sum.length; r++) for (int q = 0; q < sum[0].length; q++) sum[r][q] += part[r][q];
                        }
                        for (int r = 0; r < sum.length; r++) {
                            for (int q = 0; q < sum[0].length; q++) {
                                assertEquals(sum[r][q] + b.get(o), y.get(n, o, r, q), 1e-5);
                            }
                        }
                    }
                }
              }
            });
    }

    /**
     * conv_transpose2d written the way it is usually explained: every input cell stamps the kernel, scaled
     * by its value, onto the output at {@code stride} spacing (taps {@code dilation} apart); then {@code padding}
     * cells are cropped from each side and {@code output_padding} rows/columns appended at the bottom/right.
     */
    @Test
    void convTransposeStampsTheKernelOnce() {
        qt().withExamples(100).forAll(ConvCaseGen.convTranspose2d()).checkAssert(c -> {
            var p = c.params();
            Tensor x = c.input(), w = c.weight(), b = c.bias();
            int[] s = c.inputShape();
            int fullH = (s[2] - 1) * p.strideH() + (p.kernelH() - 1) * p.dilationH() + 1 + p.outputPaddingH();
            int fullW = (s[3] - 1) * p.strideW() + (p.kernelW() - 1) * p.dilationW() + 1 + p.outputPaddingW();
            int inPer = p.inChannels() / p.groups(), outPer = p.outChannels() / p.groups();
            double[][][][] stamped = new double[s[0]][p.outChannels()][fullH][fullW];
            for (int n = 0; n < s[0]; n++)
                for (int ci = 0; ci < p.inChannels(); ci++)
                    for (int o = 0; o < outPer; o++)
                        for (int y = 0; y < s[2]; y++)
                            for (int xx = 0; xx < s[3]; xx++)
                                for (int i = 0; i < p.kernelH(); i++)
                                    for (int j = 0; j < p.kernelW(); j++)
                                        stamped[n][(ci / inPer) * outPer + o][y * p.strideH() + i * p.dilationH()]
                                                [xx * p.strideW() + j * p.dilationW()] +=
                                                (double) x.get(n, ci, y, xx) * w.get(ci, o, i, j);
            Tensor out = REF.convTranspose2d(x, w, b, p);
            int outH = fullH - 2 * p.paddingH(), outW = fullW - 2 * p.paddingW();
            assertArrayEquals(new int[] {s[0], p.outChannels(), outH, outW}, out.shape(), c::toString);
            for (int n = 0; n < s[0]; n++)
                for (int o = 0; o < p.outChannels(); o++)
                    for (int y = 0; y < outH; y++)
                        for (int xx = 0; xx < outW; xx++) {
                            double expected = stamped[n][o][y + p.paddingH()][xx + p.paddingW()] + (b == null ? 0 : b.get(o));
                            assertEquals(expected, out.get(n, o, y, xx), 1e-5, c::toString);
                        }
        });
    }

    /** Without padding, the rows and columns that output_padding appends are reached by no tap: they hold only the bias. */
    @Test
    void outputPaddingCellsHoldOnlyTheBias() {
        qt().withExamples(50).forAll(between(1, 3), between(2, 3), between(1, 4), seeds()).checkAssert((k, stride, in, seed) -> {
            var p = new dev.stride.core.ConvTranspose2dParams(1, 2, k, k, stride, stride, 0, 0, stride - 1, stride - 1,
                    1, 1, 1, true);
            Tensor b = Tensor.uniform(seed + 2L, -1, 1, 2);
            Tensor out = REF.convTranspose2d(Tensor.uniform(seed, -1, 1, 1, 1, in, in),
                    Tensor.uniform(seed + 1L, -1, 1, 1, 2, k, k), b, p);
            int size = out.dim(2);
            for (int o = 0; o < 2; o++)
                for (int edge = size - (stride - 1); edge < size; edge++)
                    for (int t = 0; t < size; t++) {
                        assertEquals(b.get(o), out.get(0, o, edge, t));
                        assertEquals(b.get(o), out.get(0, o, t, edge));
                    }
        });
    }

    /** conv1d: a length-7 signal, kernel 3, padding 1, stride 2 gives 4 outputs, each a 3-tap dot product. */
    @Test
    void conv1dSlidesAlongTheSignal() {
        qt().withExamples(20).forAll(seeds()).checkAssert(seed -> {
            Tensor x = Tensor.uniform(seed, -1, 1, 1, 1, 7);
            Tensor w = Tensor.uniform(seed + 1L, -1, 1, 1, 1, 3);
            Tensor y = REF.conv1d(x, w, null, new Conv1dParams(1, 1, 3, 2, 1, 1, dev.stride.core.PaddingMode.ZEROS,
                    1, 1, false));
            assertArrayEquals(new int[] {1, 1, 4}, y.shape());
            for (int o = 0; o < 4; o++) {
                double expected = 0;
                for (int j = 0; j < 3; j++) {
                    int i = 2 * o - 1 + j;
                    if (i >= 0 && i < 7) expected += (double) x.get(0, 0, i) * w.get(0, 0, j);
                }
                assertEquals(expected, y.get(0, 0, o), 1e-6);
            }
        });
    }
}
