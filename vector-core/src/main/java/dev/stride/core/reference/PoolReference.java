package dev.stride.core.reference;

import dev.stride.core.AdaptivePool2dParams;
import dev.stride.core.AvgPool2dParams;
import dev.stride.core.Check;
import dev.stride.core.MaxPool2dParams;
import dev.stride.core.MaxPoolResult;
import dev.stride.core.Tensor;

/**
 * Naive reference for 2-D max, average and adaptive pooling, forward and backward, with the semantics of
 * PyTorch's CPU kernels ({@code cpu_max_pool}, {@code cpu_avg_pool}, {@code cpu_adaptive_avg_pool},
 * {@code cpu_adaptive_max_pool} and their backward passes).
 *
 * <p>Tensors are NCHW; every channel of every batch item (a "plane") is pooled on its own. Indices of
 * maxima are flat within the input plane ({@code h*W + w}), as PyTorch returns them. Averages accumulate
 * in double; gradients accumulate in double and are rounded to float once.
 *
 * <p>Every method validates its arguments through the parameter record ({@code outputShape}) and throws
 * {@link IllegalArgumentException} naming the parameter; no method modifies its arguments. The 1-D
 * variants are the H=1 case and come from the default methods of {@link dev.stride.core.Ops}.
 */
public final class PoolReference {
    private PoolReference() {}

    // ---------------------------------------------------------------- max pooling

    /**
     * Max pooling with indices ({@code F.max_pool2d(..., return_indices=True)}).
     *
     * <p>Window taps are at {@code ih = oh*strideH - paddingH + kh*dilationH} (likewise for width); taps
     * outside the input are skipped (padding counts as minus infinity). As in PyTorch, the running
     * maximum starts at minus infinity with the index of the first in-range tap, and a tap replaces it
     * when it is greater or NaN: so a NaN in the window wins (the last NaN's index), and ties keep the
     * first maximum. A window with no in-range tap (possible with dilation) gives minus infinity and
     * PyTorch's index of its first adjusted tap position.
     *
     * @param input {@code [N, C, H, W]}
     * @return output {@code [N, C, outH, outW]} and one index per output element
     * @throws IllegalArgumentException if the input is null, not 4-D, or too small for the window
     */
    public static MaxPoolResult maxPool2d(Tensor input, MaxPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("max_pool2d params", p);
        int[] outShape = p.outputShape(input.shape());
        float[] output = new float[outShape[0] * outShape[1] * outShape[2] * outShape[3]];
        long[] indices = new long[output.length];
        maxPoolIndices(input, p, outShape, output, indices, false);
        return new MaxPoolResult(Tensor.wrap(output, outShape), indices);
    }

    /**
     * Gradient of {@link #maxPool2d} with respect to its input: each output element's gradient is added
     * to the input cell its maximum came from (accumulating where windows overlap). A window with no
     * in-range tap passes no gradient.
     *
     * @param input the forward input {@code [N, C, H, W]}
     * @param gradOutput {@code [N, C, outH, outW]}
     * @return gradient of the input, shape {@code [N, C, H, W]}
     * @throws IllegalArgumentException on a null argument or a shape that does not match {@code p}
     */
    public static Tensor maxPool2dBackward(Tensor input, Tensor gradOutput, MaxPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("max_pool2d params", p);
        int[] outShape = p.outputShape(input.shape());
        gradOutput.requireShape("grad_output", outShape);
        float[] output = new float[gradOutput.size()];
        long[] indices = new long[output.length];
        maxPoolIndices(input, p, outShape, output, indices, true);
        return scatterToIndices(input.shape(), gradOutput, indices);
    }

    /**
     * Fills output and indices; with {@code emptyAsNone} a window without an in-range tap gets index -1
     * (for the backward pass) instead of PyTorch's placeholder index.
     */
    private static void maxPoolIndices(Tensor input, MaxPool2dParams p, int[] outShape, float[] output,
                                       long[] indices, boolean emptyAsNone) {
        int planes = outShape[0] * outShape[1];
        int inH = input.dim(2), inW = input.dim(3), outH = outShape[2], outW = outShape[3];
        float[] x = input.data();
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = oh * p.strideH() - p.paddingH();
                int h1 = Math.min(h0 + (p.kernelH() - 1) * p.dilationH() + 1, inH);
                while (h0 < 0) h0 += p.dilationH();
                for (int ow = 0; ow < outW; ow++, o++) {
                    int w0 = ow * p.strideW() - p.paddingW();
                    int w1 = Math.min(w0 + (p.kernelW() - 1) * p.dilationW() + 1, inW);
                    while (w0 < 0) w0 += p.dilationW();
                    long maxIndex = (long) h0 * inW + w0;
                    float maxVal = Float.NEGATIVE_INFINITY;
                    boolean any = false;
                    for (int h = h0; h < h1; h += p.dilationH()) {
                        for (int w = w0; w < w1; w += p.dilationW()) {
                            any = true;
                            float v = x[base + h * inW + w];
                            if (v > maxVal || Float.isNaN(v)) {
                                maxVal = v;
                                maxIndex = (long) h * inW + w;
                            }
                        }
                    }
                    output[o] = maxVal;
                    indices[o] = (!any && emptyAsNone) ? -1 : maxIndex;
                }
            }
        }
    }

    /** Adds each gradient element to the input cell named by its index (within its plane); -1 adds nothing. */
    private static Tensor scatterToIndices(int[] inputShape, Tensor gradOutput, long[] indices) {
        int planes = inputShape[0] * inputShape[1];
        int planeIn = inputShape[2] * inputShape[3];
        int planeOut = gradOutput.size() / planes;
        double[] acc = new double[planes * planeIn];
        float[] g = gradOutput.data();
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < planeOut; i++) {
                int o = plane * planeOut + i;
                if (indices[o] >= 0) acc[plane * planeIn + (int) indices[o]] += g[o];
            }
        }
        return Tensor.wrap(toFloat(acc), inputShape);
    }

    // ---------------------------------------------------------------- average pooling

    /**
     * Average pooling ({@code F.avg_pool2d}).
     *
     * <p>For output row {@code oh}: {@code h0 = oh*strideH - paddingH}, {@code h1 = min(h0 + kernelH,
     * H + paddingH)}, {@code poolSize = (h1-h0)*(w1-w0)}; then the window is clipped to the input. The
     * divisor is {@code divisorOverride} when non-zero, else {@code poolSize} with count_include_pad,
     * else the number of input cells in the clipped window. A window with no input cell gives 0.
     *
     * @param input {@code [N, C, H, W]}
     * @return {@code [N, C, outH, outW]}
     * @throws IllegalArgumentException if the input is null, not 4-D, or too small for the window
     */
    public static Tensor avgPool2d(Tensor input, AvgPool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("avg_pool2d params", p);
        int[] inShape = input.shape();
        int[] outShape = p.outputShape(inShape);
        int planes = outShape[0] * outShape[1];
        int inH = inShape[2], inW = inShape[3], outH = outShape[2], outW = outShape[3];
        float[] x = input.data();
        float[] y = new float[planes * outH * outW];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
                AvgWindow hw = AvgWindow.of(oh, p.strideH(), p.paddingH(), p.kernelH(), inH);
                for (int ow = 0; ow < outW; ow++, o++) {
                    AvgWindow ww = AvgWindow.of(ow, p.strideW(), p.paddingW(), p.kernelW(), inW);
                    if (hw.isEmpty() || ww.isEmpty()) continue; // stays 0, as in PyTorch
                    double sum = 0;
                    for (int h = hw.start(); h < hw.end(); h++) {
                        for (int w = ww.start(); w < ww.end(); w++) sum += x[base + h * inW + w];
                    }
                    y[o] = (float) (sum / divisor(p, hw, ww));
                }
            }
        }
        return Tensor.wrap(y, outShape);
    }

    /**
     * Gradient of {@link #avgPool2d} with respect to its input: each output element's gradient divided
     * by the forward's divisor, added to every input cell of its clipped window.
     *
     * @param inputShape the forward input's shape {@code [N, C, H, W]}
     * @param gradOutput {@code [N, C, outH, outW]}
     * @return gradient of the input, shape {@code inputShape}
     * @throws IllegalArgumentException on a null argument or a shape that does not match {@code p}
     */
    public static Tensor avgPool2dBackward(int[] inputShape, Tensor gradOutput, AvgPool2dParams p) {
        Check.notNull("input shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("avg_pool2d params", p);
        int[] outShape = p.outputShape(inputShape);
        gradOutput.requireShape("grad_output", outShape);
        int planes = outShape[0] * outShape[1];
        int inH = inputShape[2], inW = inputShape[3], outH = outShape[2], outW = outShape[3];
        float[] g = gradOutput.data();
        double[] acc = new double[planes * inH * inW];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
                AvgWindow hw = AvgWindow.of(oh, p.strideH(), p.paddingH(), p.kernelH(), inH);
                for (int ow = 0; ow < outW; ow++, o++) {
                    AvgWindow ww = AvgWindow.of(ow, p.strideW(), p.paddingW(), p.kernelW(), inW);
                    if (hw.isEmpty() || ww.isEmpty()) continue;
                    double delta = g[o] / divisor(p, hw, ww);
                    for (int h = hw.start(); h < hw.end(); h++) {
                        for (int w = ww.start(); w < ww.end(); w++) acc[base + h * inW + w] += delta;
                    }
                }
            }
        }
        return Tensor.wrap(toFloat(acc), inputShape.clone());
    }

    private static double divisor(AvgPool2dParams p, AvgWindow hw, AvgWindow ww) {
        if (p.hasDivisorOverride()) return p.divisorOverride();
        if (p.countIncludePad()) return (double) hw.padSize() * ww.padSize();
        return (double) (hw.end() - hw.start()) * (ww.end() - ww.start());
    }

    /**
     * One axis of an average-pooling window: {@code [start, end)} clipped to the input, and
     * {@code padSize}, the window's length clipped only to the padded input (PyTorch's pool_size factor).
     */
    private record AvgWindow(int start, int end, int padSize) {
        static AvgWindow of(int o, int stride, int pad, int kernel, int in) {
            int s = o * stride - pad;
            int e = Math.min(s + kernel, in + pad);
            return new AvgWindow(Math.max(s, 0), Math.min(e, in), e - s);
        }

        boolean isEmpty() { return start >= end; }
    }

    // ---------------------------------------------------------------- adaptive pooling

    /**
     * Adaptive average pooling ({@code F.adaptive_avg_pool2d}): output cell {@code (i, j)} is the mean of
     * input rows {@code [start(i,H,outH), end(i,H,outH))} and the matching columns (see
     * {@link AdaptivePool2dParams#start} and {@link AdaptivePool2dParams#end}).
     *
     * @param input {@code [N, C, H, W]} with H, W at least 1
     * @return {@code [N, C, outH, outW]}
     * @throws IllegalArgumentException if the input is null or not a non-empty 4-D tensor
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("adaptive_avg_pool2d params", p);
        int[] inShape = input.shape();
        int[] outShape = p.outputShape(inShape);
        int planes = outShape[0] * outShape[1];
        int inH = inShape[2], inW = inShape[3];
        float[] x = input.data();
        float[] y = new float[planes * p.outH() * p.outW()];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oh = 0; oh < p.outH(); oh++) {
                int h0 = AdaptivePool2dParams.start(oh, inH, p.outH()), h1 = AdaptivePool2dParams.end(oh, inH, p.outH());
                for (int ow = 0; ow < p.outW(); ow++, o++) {
                    int w0 = AdaptivePool2dParams.start(ow, inW, p.outW()), w1 = AdaptivePool2dParams.end(ow, inW, p.outW());
                    double sum = 0;
                    for (int h = h0; h < h1; h++) {
                        for (int w = w0; w < w1; w++) sum += x[base + h * inW + w];
                    }
                    y[o] = (float) (sum / ((double) (h1 - h0) * (w1 - w0)));
                }
            }
        }
        return Tensor.wrap(y, outShape);
    }

    /**
     * Gradient of {@link #adaptiveAvgPool2d}: each output element's gradient divided by its window's
     * size, added to every cell of the window (windows may overlap when the output is larger).
     *
     * @param inputShape the forward input's shape {@code [N, C, H, W]}
     * @param gradOutput {@code [N, C, outH, outW]}
     * @return gradient of the input, shape {@code inputShape}
     * @throws IllegalArgumentException on a null argument or a shape that does not match {@code p}
     */
    public static Tensor adaptiveAvgPool2dBackward(int[] inputShape, Tensor gradOutput, AdaptivePool2dParams p) {
        Check.notNull("input shape", inputShape);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("adaptive_avg_pool2d params", p);
        int[] outShape = p.outputShape(inputShape);
        gradOutput.requireShape("grad_output", outShape);
        int planes = outShape[0] * outShape[1];
        int inH = inputShape[2], inW = inputShape[3];
        float[] g = gradOutput.data();
        double[] acc = new double[planes * inH * inW];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oh = 0; oh < p.outH(); oh++) {
                int h0 = AdaptivePool2dParams.start(oh, inH, p.outH()), h1 = AdaptivePool2dParams.end(oh, inH, p.outH());
                for (int ow = 0; ow < p.outW(); ow++, o++) {
                    int w0 = AdaptivePool2dParams.start(ow, inW, p.outW()), w1 = AdaptivePool2dParams.end(ow, inW, p.outW());
                    double delta = g[o] / ((double) (h1 - h0) * (w1 - w0));
                    for (int h = h0; h < h1; h++) {
                        for (int w = w0; w < w1; w++) acc[base + h * inW + w] += delta;
                    }
                }
            }
        }
        return Tensor.wrap(toFloat(acc), inputShape.clone());
    }

    /**
     * Adaptive max pooling with indices ({@code F.adaptive_max_pool2d(..., return_indices=True)}): the
     * windows of {@link #adaptiveAvgPool2d}, the maximum chosen as in {@link #maxPool2d} (a NaN wins,
     * ties keep the first maximum). Indices are flat within the input plane.
     *
     * @param input {@code [N, C, H, W]} with H, W at least 1
     * @return output {@code [N, C, outH, outW]} and one index per output element
     * @throws IllegalArgumentException if the input is null or not a non-empty 4-D tensor
     */
    public static MaxPoolResult adaptiveMaxPool2d(Tensor input, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("adaptive_max_pool2d params", p);
        int[] inShape = input.shape();
        int[] outShape = p.outputShape(inShape);
        int planes = outShape[0] * outShape[1];
        int inH = inShape[2], inW = inShape[3];
        float[] x = input.data();
        float[] y = new float[planes * p.outH() * p.outW()];
        long[] indices = new long[y.length];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oh = 0; oh < p.outH(); oh++) {
                int h0 = AdaptivePool2dParams.start(oh, inH, p.outH()), h1 = AdaptivePool2dParams.end(oh, inH, p.outH());
                for (int ow = 0; ow < p.outW(); ow++, o++) {
                    int w0 = AdaptivePool2dParams.start(ow, inW, p.outW()), w1 = AdaptivePool2dParams.end(ow, inW, p.outW());
                    long maxIndex = (long) h0 * inW + w0;
                    float maxVal = Float.NEGATIVE_INFINITY;
                    for (int h = h0; h < h1; h++) {
                        for (int w = w0; w < w1; w++) {
                            float v = x[base + h * inW + w];
                            if (v > maxVal || Float.isNaN(v)) {
                                maxVal = v;
                                maxIndex = (long) h * inW + w;
                            }
                        }
                    }
                    y[o] = maxVal;
                    indices[o] = maxIndex;
                }
            }
        }
        return new MaxPoolResult(Tensor.wrap(y, outShape), indices);
    }

    /**
     * Gradient of {@link #adaptiveMaxPool2d} with respect to its input: each output element's gradient is
     * added to the cell its maximum came from.
     *
     * @param input the forward input {@code [N, C, H, W]}
     * @param gradOutput {@code [N, C, outH, outW]}
     * @return gradient of the input, shape {@code [N, C, H, W]}
     * @throws IllegalArgumentException on a null argument or a shape that does not match {@code p}
     */
    public static Tensor adaptiveMaxPool2dBackward(Tensor input, Tensor gradOutput, AdaptivePool2dParams p) {
        Check.notNull("input", input);
        Check.notNull("grad_output", gradOutput);
        Check.notNull("adaptive_max_pool2d params", p);
        gradOutput.requireShape("grad_output", p.outputShape(input.shape()));
        return scatterToIndices(input.shape(), gradOutput, adaptiveMaxPool2d(input, p).indices());
    }

    private static float[] toFloat(double[] acc) {
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) out[i] = (float) acc[i];
        return out;
    }
}
