package dev.stride.tests;

import static dev.stride.tests.PoolGradientCheck.absDot;
import static dev.stride.tests.PoolGradientCheck.assertAdjoint;
import static dev.stride.tests.PoolGradientCheck.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.Ops;
import dev.stride.core.Pad2dParams;
import dev.stride.core.PadMode;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pad op in every mode, negative pads included: the shape law, values against per-mode definitions
 * written here, constant padding undone by the opposite crop, and the backward pass as the adjoint of
 * the forward (every output cell's gradient lands in its source cell).
 */
class PadPropertiesTest {
    private final Ops ops = Stride.reference();

    /**
     * The input index each output position of an axis copies (-1 for the constant value), built the way
     * the modes are usually explained: reflect folds the line with period 2(n-1), replicate clamps, and
     * circular first drops the cropped cells, then puts the last {@code before} kept cells in front and
     * the first {@code after} kept cells behind.
     */
    static int[] sourceIndices(PadMode mode, int n, int before, int after) {
        int out = n + before + after;
        int[] src = new int[out];
        if (mode == PadMode.CIRCULAR) {
            List<Integer> kept = new ArrayList<>();
            for (int i = Math.max(-before, 0); i < n - Math.max(-after, 0); i++) kept.add(i);
            List<Integer> line = new ArrayList<>();
            if (before > 0) line.addAll(kept.subList(kept.size() - before, kept.size()));
            line.addAll(kept);
            if (after > 0) line.addAll(kept.subList(0, after));
            for (int j = 0; j < out; j++) src[j] = line.get(j);
            return src;
        }
        for (int j = 0; j < out; j++) {
            int x = j - before;
            src[j] = switch (mode) {
                case CONSTANT -> x >= 0 && x < n ? x : -1;
                case REPLICATE -> x < 0 ? 0 : Math.min(x, n - 1);
                case REFLECT -> {
                    if (n == 1) yield 0;
                    int period = 2 * (n - 1), r = Math.floorMod(x, period);
                    yield r < n ? r : period - r;
                }
                case CIRCULAR -> throw new AssertionError();
            };
        }
        return src;
    }

    @Test
    void paddedValuesFollowTheModesDefinition() {
        qt().withExamples(200).forAll(PadGen.pads()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Pad2dParams p = c.p();
            Tensor y = ops.pad(x, p);
            int r = c.shape().length, h = c.shape()[r - 2], w = c.shape()[r - 1];
            int[] expectedShape = c.shape().clone();
            expectedShape[r - 2] += p.top() + p.bottom();
            expectedShape[r - 1] += p.left() + p.right();
            assertArrayEquals(expectedShape, y.shape(), c.toString());
            int[] rows = sourceIndices(p.mode(), h, p.top(), p.bottom());
            int[] cols = sourceIndices(p.mode(), w, p.left(), p.right());
            int planes = x.size() / (h * w), oh = rows.length, ow = cols.length;
            for (int plane = 0; plane < planes; plane++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        float expected = rows[i] < 0 || cols[j] < 0 ? p.value() : x.data()[plane * h * w + rows[i] * w + cols[j]];
                        assertEquals(expected, y.data()[plane * oh * ow + i * ow + j], "output (" + plane + ", " + i + ", " + j + ") of " + c);
                    }
                }
            }
        });
    }

    @Test
    void constantPaddingIsUndoneByTheOppositeCrop() {
        qt().withExamples(100).forAll(PadGen.pads()).checkAssert(c -> {
            Pad2dParams p = c.p();
            int l = Math.abs(p.left()), rt = Math.abs(p.right()), t = Math.abs(p.top()), b = Math.abs(p.bottom());
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor padded = ops.pad(x, Pad2dParams.constant(l, rt, t, b, 7f));
            assertTrue(ops.pad(padded, Pad2dParams.constant(-l, -rt, -t, -b, 0f)).bitwiseEquals(x), c.toString());
        });
    }

    @Test
    void padBackwardIsTheAdjointOfPad() {
        qt().withExamples(200).forAll(PadGen.pads()).checkAssert(c -> {
            // the constant value is an offset, not part of the linear map: compare with value 0
            Pad2dParams p = new Pad2dParams(c.p().left(), c.p().right(), c.p().top(), c.p().bottom(), c.p().mode(), 0f);
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor y = ops.pad(x, p);
            Tensor g = PoolGen.values(c.seed() + 1, y.shape());
            Tensor back = ops.padBackward(c.shape(), g, p);
            assertArrayEquals(c.shape(), back.shape());
            assertAdjoint(dot(y, g), dot(x, back), absDot(y, g) + absDot(x, back), c);
        });
    }

    @Test
    void padBackwardOfOnesCountsHowOftenEachCellIsCopied() {
        qt().withExamples(100).forAll(PadGen.pads()).checkAssert(c -> {
            Pad2dParams p = c.p();
            int r = c.shape().length, h = c.shape()[r - 2], w = c.shape()[r - 1];
            int[] rows = sourceIndices(p.mode(), h, p.top(), p.bottom());
            int[] cols = sourceIndices(p.mode(), w, p.left(), p.right());
            int[] outShape = p.outputShape(c.shape());
            Tensor back = ops.padBackward(c.shape(), Tensor.full(1f, outShape), p);
            int planes = back.size() / (h * w);
            for (int plane = 0; plane < planes; plane++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int copies = 0;
                        for (int rr : rows) for (int cc : cols) if (rr == i && cc == j) copies++;
                        assertEquals(copies, back.data()[plane * h * w + i * w + j], "cell (" + i + ", " + j + ") of " + c);
                    }
                }
            }
        });
    }

    @Test
    void padDoesNotModifyItsInput() {
        qt().withExamples(50).forAll(PadGen.pads()).checkAssert(c -> {
            Tensor x = PoolGen.values(c.seed(), c.shape());
            Tensor x0 = x.copy();
            Tensor y = ops.pad(x, c.p());
            assertTrue(x.bitwiseEquals(x0), c.toString());
            Tensor g = y.copy();
            ops.padBackward(c.shape(), g, c.p());
            assertTrue(g.bitwiseEquals(y), c.toString());
        });
    }
}
