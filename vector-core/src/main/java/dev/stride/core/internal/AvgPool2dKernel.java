package dev.stride.core.internal;

import dev.stride.core.AvgPool2dParams;

/**
 * 2-D average pooling on NCHW planes, forward and backward, with PyTorch's divisor rules: the
 * override when set; else with count_include_pad the window clipped to the padded input
 * ({@code min(start + k, in + pad) - start} per axis); else the number of input cells covered.
 *
 * <p>Sums are float, taps in row-major window order, then one division: the scalar code here (width 0,
 * strides above 2, borders) and the vector blocks of {@link AvgPool2dVectorKernel} add in the same
 * order, so they agree bitwise. Each plane is one task, so results do not depend on the thread count.
 */
final class AvgPool2dKernel {
    private AvgPool2dKernel() {}

    static void forward(float[] in, float[] out, int planes, int h, int w, int oh, int ow, AvgPool2dParams p,
                        int threads) {
        boolean vector = VectorSupport.BITS > 0 && p.strideW() <= 2;
        Parallel.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            if (vector) {
                AvgPool2dVectorKernel.plane(in, ib, h, w, out, ob, oh, ow, p);
            } else {
                for (int y = 0; y < oh; y++) row(in, ib, h, w, out, ob, y, ow, 0, ow, p);
            }
        });
    }

    /** The divisor of the window starting at {@code (hs, ws)}, PyTorch's rule. */
    static int divisor(int hs, int ws, int h, int w, AvgPool2dParams p) {
        if (p.hasDivisorOverride()) return p.divisorOverride();
        int he = Math.min(hs + p.kernelH(), h + p.paddingH());
        int we = Math.min(ws + p.kernelW(), w + p.paddingW());
        if (p.countIncludePad()) return (he - hs) * (we - ws);
        return (Math.min(he, h) - Math.max(hs, 0)) * (Math.min(we, w) - Math.max(ws, 0));
    }

    /** Outputs {@code [from, to)} of output row {@code y}. */
    static void row(float[] in, int ib, int h, int w, float[] out, int ob, int y, int ow, int from, int to,
                    AvgPool2dParams p) {
        int hs = y * p.strideH() - p.paddingH();
        int ih0 = Math.max(hs, 0), ih1 = Math.min(hs + p.kernelH(), h);
        for (int x = from; x < to; x++) {
            int ws = x * p.strideW() - p.paddingW();
            int iw0 = Math.max(ws, 0), iw1 = Math.min(ws + p.kernelW(), w);
            float sum = 0f;
            for (int ih = ih0; ih < ih1; ih++) {
                int rowBase = ib + ih * w;
                for (int iw = iw0; iw < iw1; iw++) sum += in[rowBase + iw];
            }
            out[ob + y * ow + x] = sum / divisor(hs, ws, h, w, p);
        }
    }

    /**
     * Gradient with respect to the input: each output's gradient divided by its forward divisor is added
     * to every input cell of its window, outputs in row-major order within the plane.
     */
    static void backward(float[] gradOut, float[] gradIn, int planes, int h, int w, int oh, int ow,
                         AvgPool2dParams p, int threads) {
        Parallel.forEach(threads, planes, c -> {
            int ib = c * h * w, ob = c * oh * ow;
            for (int y = 0; y < oh; y++) {
                int hs = y * p.strideH() - p.paddingH();
                int ih0 = Math.max(hs, 0), ih1 = Math.min(hs + p.kernelH(), h);
                for (int x = 0; x < ow; x++) {
                    int ws = x * p.strideW() - p.paddingW();
                    int iw0 = Math.max(ws, 0), iw1 = Math.min(ws + p.kernelW(), w);
                    float g = gradOut[ob + y * ow + x] / divisor(hs, ws, h, w, p);
                    for (int ih = ih0; ih < ih1; ih++) {
                        int rowBase = ib + ih * w;
                        for (int iw = iw0; iw < iw1; iw++) gradIn[rowBase + iw] += g;
                    }
                }
            }
        });
    }
}
