package dev.stride.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.stride.core.Ops;
import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;

/** The 1-D examples of PyTorch's padding modules' documentation, and a 2-D corner case, worked by hand. */
class PadWorkedExampleTest {
    private final Ops ops = Stride.reference();
    private final Tensor row = Tensor.of(new float[] {0, 1, 2, 3}, 1, 1, 4);

    @Test
    void reflectMirrorsWithoutRepeatingTheEdge() {
        assertArrayEquals(new float[] {2, 1, 0, 1, 2, 3, 2, 1},
                ops.pad(row, Pad2dParams.of(2, 2, 0, 0, PadMode.REFLECT)).data());
    }

    @Test
    void replicateRepeatsTheEdge() {
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3, 3, 3},
                ops.pad(row, Pad2dParams.of(2, 2, 0, 0, PadMode.REPLICATE)).data());
    }

    @Test
    void circularWraps() {
        assertArrayEquals(new float[] {2, 3, 0, 1, 2, 3, 0, 1},
                ops.pad(row, Pad2dParams.of(2, 2, 0, 0, PadMode.CIRCULAR)).data());
    }

    @Test
    void constantWithANegativePadCrops() {
        assertArrayEquals(new float[] {1, 2, 3, 9, 9}, ops.pad(row, Pad2dParams.constant(-1, 2, 0, 0, 9f)).data());
    }

    @Test
    void reflectCornersMirrorBothAxes() {
        // [[1,2,3],[4,5,6],[7,8,9]] padded by 1 on every side, reflect: the top-left corner is x[1][1] = 5
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3);
        float[] y = ops.pad(x, Pad2dParams.of(1, 1, 1, 1, PadMode.REFLECT)).data();
        assertArrayEquals(new float[] {5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 8, 7, 8, 9, 8, 5, 4, 5, 6, 5}, y);
    }

    @Test
    void negativePadsCropInEveryMode() {
        Tensor five = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 1, 5);
        assertArrayEquals(new float[] {2, 3, 4, 5}, ops.pad(five, Pad2dParams.of(-1, 0, 0, 0, PadMode.CIRCULAR)).data());
        // circular crops first, then wraps within the kept cells: the right pad repeats 2, not the cropped 1
        assertArrayEquals(new float[] {2, 3, 4, 5, 2}, ops.pad(five, Pad2dParams.of(-1, 1, 0, 0, PadMode.CIRCULAR)).data());
        // reflect and replicate mirror or clamp at the original edges
        assertArrayEquals(new float[] {1, 2, 3, 2, 1}, ops.pad(row, Pad2dParams.of(-1, 2, 0, 0, PadMode.REFLECT)).data());
        assertArrayEquals(new float[] {0, 0, 0, 1, 2}, ops.pad(row, Pad2dParams.of(2, -1, 0, 0, PadMode.REPLICATE)).data());
    }

    @Test
    void circularWrapWithinOneLength() {
        Tensor three = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
        assertArrayEquals(new float[] {3, 1, 2, 3, 1, 2}, ops.pad(three, Pad2dParams.of(1, 2, 0, 0, PadMode.CIRCULAR)).data());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 1, 2, 3},
                ops.pad(three, Pad2dParams.of(3, 3, 0, 0, PadMode.CIRCULAR)).data());
    }
}
