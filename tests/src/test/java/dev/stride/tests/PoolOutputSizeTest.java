package dev.stride.tests;

import static dev.stride.tests.PoolGen.coin;
import static dev.stride.tests.PoolGen.draw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.stride.core.AvgPool1dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Ops;
import dev.stride.core.Stride;
import dev.stride.core.Tensor;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The output-size law of pooling, floor and ceil mode, against an independent count of windows (not the
 * closed formula the records use), and PyTorch's rule that the last ceil-mode window must start inside
 * the input or the left padding.
 */
class PoolOutputSizeTest {
    private final Ops ops = Stride.reference();

    /** One axis: input size, kernel, stride, padding, dilation, ceil mode (any combination, valid or not). */
    record Axis(int in, int k, int s, int p, int d, boolean ceil) {
        int effective() { return d * (k - 1) + 1; }
    }

    /** Axes with padding within the kernel/2 rule; inputs may be too small (then no window fits). */
    static Gen<Axis> axes() {
        return rs -> {
            int k = draw(rs, 1, 5);
            return new Axis(draw(rs, 1, 12), k, draw(rs, 1, 4), draw(rs, 0, k / 2), draw(rs, 1, 3), coin(rs));
        };
    }

    /**
     * Counts windows one by one. Floor mode: a window is kept while it fits in the padded input. Ceil
     * mode: a window is added while the previous one ended before the end of the padded input (a
     * partial window is allowed), but only if it starts inside the input or the left padding.
     */
    static int windowCount(Axis a) {
        int padded = a.in() + 2 * a.p();
        int count = 0;
        for (int o = 0; ; o++) {
            long start = (long) o * a.s();
            boolean keep = a.ceil()
                    ? start - a.s() + a.effective() < padded && start < a.in() + a.p()
                    : start + a.effective() <= padded;
            if (!keep) return count;
            count++;
        }
    }

    /** The same count without the ceil-mode start rule (what the plain ceil formula gives). */
    static int windowCountIgnoringStartRule(Axis a) {
        int padded = a.in() + 2 * a.p();
        int count = 0;
        while ((long) count * a.s() - a.s() + a.effective() < padded) count++;
        return count;
    }

    @Test
    void maxPoolOutputSizeCountsTheWindows() {
        qt().withExamples(400).forAll(axes()).checkAssert(a -> {
            MaxPool2dParams p = new MaxPool2dParams(1, a.k(), 1, a.s(), 0, a.p(), 1, a.d(), a.ceil());
            int expected = windowCount(a);
            if (expected >= 1) {
                assertEquals(expected, p.outWidth(a.in()), a.toString());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.outWidth(a.in()));
                assertTrue(e.getMessage().contains("output width"), e.getMessage());
            }
        });
    }

    @Test
    void avgPoolOutputSizeCountsTheWindows() {
        qt().withExamples(300).forAll(axes()).checkAssert(a0 -> {
            Axis a = new Axis(a0.in(), a0.k(), a0.s(), a0.p(), 1, a0.ceil());
            AvgPool2dParams p = new AvgPool2dParams(a.k(), 1, a.s(), 1, a.p(), 0, a.ceil(), true, 0);
            int expected = windowCount(a);
            if (expected >= 1) {
                assertEquals(expected, p.outHeight(a.in()), a.toString());
            } else {
                assertThrows(IllegalArgumentException.class, () -> p.outHeight(a.in()));
            }
        });
    }

    @Test
    void oneDimensionalRecordsAgreeWithTheCount() {
        qt().withExamples(300).forAll(axes()).checkAssert(a -> {
            int expected = windowCount(a);
            MaxPool1dParams max = new MaxPool1dParams(a.k(), a.s(), a.p(), a.d(), a.ceil());
            AvgPool1dParams avg = new AvgPool1dParams(a.k(), a.s(), a.p(), a.ceil(), false, 0);
            int expectedAvg = windowCount(new Axis(a.in(), a.k(), a.s(), a.p(), 1, a.ceil()));
            if (expected >= 1) {
                assertArrayEquals(new int[] {2, 3, expected}, max.outputShape(new int[] {2, 3, a.in()}), a.toString());
            } else {
                assertThrows(IllegalArgumentException.class, () -> max.outputShape(new int[] {2, 3, a.in()}));
            }
            if (expectedAvg >= 1) {
                assertEquals(expectedAvg, avg.outLength(a.in()), a.toString());
            } else {
                assertThrows(IllegalArgumentException.class, () -> avg.outLength(a.in()));
            }
        });
    }

    @Test
    void lastCeilModeWindowStartsInsideTheInputOrLeftPadding() {
        qt().withExamples(400).forAll(axes()).checkAssert(a -> {
            if (!a.ceil() || windowCount(a) < 1) return;
            MaxPool2dParams p = new MaxPool2dParams(1, a.k(), 1, a.s(), 0, a.p(), 1, a.d(), true);
            int out = p.outWidth(a.in());
            assertTrue((long) (out - 1) * a.s() < a.in() + a.p(), "last window starts in the right padding: " + a);
            int floor = windowCount(new Axis(a.in(), a.k(), a.s(), a.p(), a.d(), false));
            assertTrue(out >= floor && out <= floor + 1, "ceil " + out + " vs floor " + floor + " for " + a);
            int unrestricted = windowCountIgnoringStartRule(a);
            assertTrue(out == unrestricted || out == unrestricted - 1, a.toString());
        });
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
        // in 5, kernel 2, stride 2, padding 1: the ceil formula gives 4 windows, starting at padded
        // positions 0, 2, 4, 6; position 6 is the right padding (input ends at 1 + 5 = 6), so PyTorch keeps 3.
        Axis a = new Axis(5, 2, 2, 1, 1, true);
        assertEquals(4, windowCountIgnoringStartRule(a));
        MaxPool2dParams p = new MaxPool2dParams(2, 2, 2, 2, 1, 1, 1, 1, true);
        assertArrayEquals(new int[] {1, 1, 3, 3}, p.outputShape(new int[] {1, 1, 5, 5}));
        // the pooled values agree: the last window [4, 6) in input coordinates holds only input cell 4
        Tensor x = Tensor.uniform(3, -1f, 1f, 1, 1, 5, 5);
        Tensor y = ops.maxPool2d(x, p);
        assertEquals(Math.max(x.get(0, 0, 3, 4), x.get(0, 0, 4, 4)), y.get(0, 0, 2, 2));
        // the same with average pooling, where the clipped last window divides by its size in the padded input
        AvgPool2dParams avg = new AvgPool2dParams(1, 2, 1, 2, 0, 1, true, true, 0);
        Tensor row = Tensor.of(new float[] {1, 2, 4, 8, 16}, 1, 1, 1, 5);
        assertArrayEquals(new float[] {1f / 2, 6f / 2, 24f / 2}, ops.avgPool2d(row, avg).data());
    }

    @Test
    void ceilModeAllowsAWindowLargerThanThePaddedInput() {
        // PyTorch: kernel 3, ceil mode, input 2 gives one (partial) window; floor mode has none.
        MaxPool2dParams ceil = new MaxPool2dParams(3, 3, 3, 3, 0, 0, 1, 1, true);
        assertArrayEquals(new int[] {1, 1, 1, 1}, ceil.outputShape(new int[] {1, 1, 2, 2}));
        Tensor x = Tensor.of(new float[] {1, 5, -2, 3}, 1, 1, 2, 2);
        assertEquals(5f, ops.maxPool2d(x, ceil).get(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ceil.withCeilMode(false).outputShape(new int[] {1, 1, 2, 2}));
    }

    @Test
    void referenceOutputsHaveTheRecordsShape() {
        qt().withExamples(60).forAll(PoolGen.maxPool2d(), PoolGen.avgPool2d()).checkAssert((m, a) -> {
            assertArrayEquals(m.p().outputShape(m.shape()), ops.maxPool2d(PoolGen.values(m.seed(), m.shape()), m.p()).shape());
            assertArrayEquals(a.p().outputShape(a.shape()), ops.avgPool2d(PoolGen.values(a.seed(), a.shape()), a.p()).shape());
        });
    }
}
