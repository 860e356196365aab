package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The seed's worked example (4x4 max pool 2x2 stride 2 gives the 2x2 window maxima) on random inputs,
 * and small hand-computed average-pooling cases that pin PyTorch's divisor rules.
 */
class PoolWorkedExampleTest {
    private final Ops ops = Stride.reference();

    @Test
    void maxPool2x2Stride2OnFourByFourGivesTheWindowMaxima() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            Tensor x = Tensor.uniform(seed, -10f, 10f, 1, 1, 4, 4);
            MaxPoolResult r = ops.maxPool2dWithIndices(x, MaxPool2dParams.of(2));
            assertArrayEquals(new int[] {1, 1, 2, 2}, r.output().shape());
            for (int bh = 0; bh < 2; bh++) {
                for (int bw = 0; bw < 2; bw++) {
                    float best = Float.NEGATIVE_INFINITY;
                    long bestAt = -1;
                    for (int h = 2 * bh; h < 2 * bh + 2; h++) {
                        for (int w = 2 * bw; w < 2 * bw + 2; w++) {
                            if (x.get(0, 0, h, w) > best) {
                                best = x.get(0, 0, h, w);
                                bestAt = h * 4L + w;
                            }
                        }
                    }
                    assertEquals(best, r.output().get(0, 0, bh, bw));
                    assertEquals(bestAt, r.indices()[bh * 2 + bw]);
                }
            }
        });
    }

    @Test
    void avgPoolDivisorsFollowPyTorch() {
        // 1x3 input [1, 2, 4], kernel 1x3, stride 1, padding 1 (width): windows [-1,2), [0,3), [1,4)
        Tensor x = Tensor.of(new float[] {1, 2, 4}, 1, 1, 1, 3);
        AvgPool2dParams include = new AvgPool2dParams(1, 3, 1, 1, 0, 1, false, true, 0);
        assertArrayEquals(new float[] {3f / 3, 7f / 3, 6f / 3}, ops.avgPool2d(x, include).data());
        AvgPool2dParams exclude = new AvgPool2dParams(1, 3, 1, 1, 0, 1, false, false, 0);
        assertArrayEquals(new float[] {3f / 2, 7f / 3, 6f / 2}, ops.avgPool2d(x, exclude).data());
        AvgPool2dParams override = new AvgPool2dParams(1, 3, 1, 1, 0, 1, false, true, 5);
        assertArrayEquals(new float[] {3f / 5, 7f / 5, 6f / 5}, ops.avgPool2d(x, override).data());
        // ceil mode: 1x4 input, kernel 3 stride 2 padding 1: windows [-1,2), [1,4), last starts at 3 (< 4+1)
        Tensor y = Tensor.of(new float[] {1, 2, 4, 8}, 1, 1, 1, 4);
        AvgPool2dParams ceil = new AvgPool2dParams(1, 3, 1, 2, 0, 1, true, true, 0);
        // third window [3, 6) is clipped to the padded input [3, 5): pool_size 2, one input cell
        assertArrayEquals(new float[] {3f / 3, 14f / 3, 8f / 2}, ops.avgPool2d(y, ceil).data());
    }
}
