package dev.stride.tests;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool1dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.MaxPool1dParams;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of small, valid pooling cases (shape, parameters and a data seed). Every
 * number is drawn from the randomness source, so failing cases shrink towards small kernels, strides,
 * paddings and shapes. Sizes are bounded so a whole suite runs in seconds.
 */
final class PoolGen {
    private PoolGen() {}

    /** A max-pooling case: NCHW input shape, parameters, and a seed for the input's values. */
    record MaxCase(int[] shape, MaxPool2dParams p, long seed) {
        @Override public String toString() { return "input " + Arrays.toString(shape) + " " + p + " seed " + seed; }
    }

    /** An average-pooling case. */
    record AvgCase(int[] shape, AvgPool2dParams p, long seed) {
        @Override public String toString() { return "input " + Arrays.toString(shape) + " " + p + " seed " + seed; }
    }

    /** An adaptive-pooling case (output may be larger than the input). */
    record AdaptiveCase(int[] shape, AdaptivePool2dParams p, long seed) {
        @Override public String toString() { return "input " + Arrays.toString(shape) + " " + p + " seed " + seed; }
    }

    /** A 1-D max-pooling case: NCL input shape. */
    record Max1dCase(int[] shape, MaxPool1dParams p, long seed) {
        @Override public String toString() { return "input " + Arrays.toString(shape) + " " + p + " seed " + seed; }
    }

    /** A 1-D average-pooling case: NCL input shape. */
    record Avg1dCase(int[] shape, AvgPool1dParams p, long seed) {
        @Override public String toString() { return "input " + Arrays.toString(shape) + " " + p + " seed " + seed; }
    }

    static int draw(RandomnessSource rs, int lo, int hi) { return (int) rs.next(Constraint.between(lo, hi)); }

    static boolean coin(RandomnessSource rs) { return draw(rs, 0, 1) == 1; }

    static long seed(RandomnessSource rs) { return rs.next(Constraint.between(0, Integer.MAX_VALUE)); }

    /**
     * An input size that gives at least one window: at least the effective kernel minus both pads in
     * floor mode, with a few extra cells so that strides leave remainders and ceil mode matters.
     */
    static int inputSize(RandomnessSource rs, int effectiveKernel, int pad) {
        return Math.max(1, effectiveKernel - 2 * pad) + draw(rs, 0, 6);
    }

    /** Valid max-pooling cases: kernel 1..4, stride 1..3, dilation 1..2, padding up to kernel/2, either mode. */
    static Gen<MaxCase> maxPool2d() {
        return rs -> {
            int kh = draw(rs, 1, 4), kw = draw(rs, 1, 4);
            int sh = draw(rs, 1, 3), sw = draw(rs, 1, 3);
            int dh = draw(rs, 1, 2), dw = draw(rs, 1, 2);
            int ph = draw(rs, 0, kh / 2), pw = draw(rs, 0, kw / 2);
            boolean ceil = coin(rs);
            int h = inputSize(rs, dh * (kh - 1) + 1, ph), w = inputSize(rs, dw * (kw - 1) + 1, pw);
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), h, w};
            return new MaxCase(shape, new MaxPool2dParams(kh, kw, sh, sw, ph, pw, dh, dw, ceil), seed(rs));
        };
    }

    /** Valid average-pooling cases with every option: ceil mode, count_include_pad, divisor_override. */
    static Gen<AvgCase> avgPool2d() {
        return rs -> {
            int kh = draw(rs, 1, 4), kw = draw(rs, 1, 4);
            int sh = draw(rs, 1, 3), sw = draw(rs, 1, 3);
            int ph = draw(rs, 0, kh / 2), pw = draw(rs, 0, kw / 2);
            boolean ceil = coin(rs), includePad = coin(rs);
            int divisor = coin(rs) ? 0 : draw(rs, 1, 7);
            int h = inputSize(rs, kh, ph), w = inputSize(rs, kw, pw);
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), h, w};
            return new AvgCase(shape, new AvgPool2dParams(kh, kw, sh, sw, ph, pw, ceil, includePad, divisor), seed(rs));
        };
    }

    /** Adaptive cases: input 1..9 per axis, output 1..6 per axis (so both shrinking and growing). */
    static Gen<AdaptiveCase> adaptive() {
        return rs -> {
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), draw(rs, 1, 9), draw(rs, 1, 9)};
            return new AdaptiveCase(shape, new AdaptivePool2dParams(draw(rs, 1, 6), draw(rs, 1, 6)), seed(rs));
        };
    }

    static Gen<Max1dCase> maxPool1d() {
        return rs -> {
            int k = draw(rs, 1, 5), s = draw(rs, 1, 3), d = draw(rs, 1, 3), p = draw(rs, 0, k / 2);
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), inputSize(rs, d * (k - 1) + 1, p)};
            return new Max1dCase(shape, new MaxPool1dParams(k, s, p, d, coin(rs)), seed(rs));
        };
    }

    static Gen<Avg1dCase> avgPool1d() {
        return rs -> {
            int k = draw(rs, 1, 5), s = draw(rs, 1, 3), p = draw(rs, 0, k / 2);
            int[] shape = {draw(rs, 1, 2), draw(rs, 1, 3), inputSize(rs, k, p)};
            int divisor = coin(rs) ? 0 : draw(rs, 1, 7);
            return new Avg1dCase(shape, new AvgPool1dParams(k, s, p, coin(rs), coin(rs), divisor), seed(rs));
        };
    }

    /** Uniform values in [-2, 2). */
    static Tensor values(long seed, int... shape) { return Tensor.uniform(seed, -2f, 2f, shape); }

    /**
     * Pairwise distinct values at least 0.05 apart (a shuffled ladder), so that a perturbation below
     * 0.025 never changes which element of a window is the maximum: max pooling is then differentiable
     * and central differences are exact up to rounding.
     */
    static Tensor distinctValues(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = 0.05f * (i - d.length / 2);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = d.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return t;
    }
}
