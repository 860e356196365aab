package dev.stride.core.internal;

/**
 * Integer arithmetic of pooling windows along one axis, shared by the scalar and vector kernels: which
 * kernel taps land inside the input, and which outputs have their whole window inside it.
 */
final class PoolWindows {
    private PoolWindows() {}

    /** First tap {@code k} with {@code start + k*dilation >= 0}. */
    static int firstTap(int start, int dilation) {
        return start >= 0 ? 0 : (-start + dilation - 1) / dilation;
    }

    /** One past the last tap {@code k < kernel} with {@code start + k*dilation < size}. */
    static int endTap(int start, int dilation, int kernel, int size) {
        if (start > size - 1) return 0;
        return Math.min(kernel, (size - 1 - start) / dilation + 1);
    }

    /** First output whose window starts inside the input: {@code o*stride - pad >= 0}. */
    static int firstInterior(int stride, int pad) {
        return (pad + stride - 1) / stride;
    }

    /** One past the last output whose window ends inside the input, at most {@code out}. */
    static int endInterior(int size, int stride, int pad, int span, int out) {
        int last = size - 1 - span + pad;
        if (last < 0) return 0;
        return Math.min(out, last / stride + 1);
    }
}
