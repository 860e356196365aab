package dev.stride.core.reference;

import dev.stride.core.Check;
import dev.stride.core.Conv2dParams;
import dev.stride.core.ConvGradients;
import dev.stride.core.ConvTranspose2dParams;
import dev.stride.core.Tensor;

/**
 * Naive reference for 2-D convolution and transposed convolution, forward and backward, with PyTorch's
 * semantics ({@code torch.nn.functional.conv2d}, {@code conv_transpose2d}). Plain loops, every sum
 * accumulated in double and rounded to float once. 1-D convolution is the H=1 case
 * ({@link dev.stride.core.Ops#conv1d}).
 *
 * <p>Layouts are NCHW and row-major. Convolution is cross-correlation (the kernel is not flipped):
 * {@code out[n, o, y, x] = bias[o] + sum_{c, i, j} in[n, g*Cg + c, y*sh + i*dh - padTop, x*sw + j*dw - padLeft]
 * * w[o, c, i, j]} where {@code g} is the group of output channel {@code o} and {@code Cg = inChannels/groups}.
 * A read in the padding gives 0 for {@code ZEROS} and the copied input cell otherwise (see {@link ConvPadding}).
 *
 * <p>Errors: every shape or parameter mismatch is an {@link IllegalArgumentException} naming the
 * parameter. Inputs are never modified; every method returns new tensors.
 */
public final class ConvReference {
    private ConvReference() {}

    /**
     * 2-D convolution.
     *
     * @param input  {@code [N, inChannels, H, W]}
     * @param weight {@code [outChannels, inChannels/groups, kernelH, kernelW]}
     * @param bias   {@code [outChannels]}, or null exactly when {@code !p.bias()}
     * @param p      the parameters; its padding mode decides what the padding reads
     * @return {@code [N, outChannels, outH, outW]} with sizes from {@link Conv2dParams#outputShape}
     * @throws IllegalArgumentException if a tensor's shape does not match {@code p}, if bias presence
     *     disagrees with {@code p.bias()}, or if the output would be empty or the padding too large for its mode
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        Check.notNull("params", p);
        p.checkInputs(input, weight, bias);
        ConvGeometry g = ConvGeometry.of(input.shape(), p);
        float[] x = input.data(), w = weight.data();
        // Tensor.zeros checks the output fits in one array before the loops index it.
        Tensor result = Tensor.zeros(g.outputShape());
        float[] y = result.data();
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outChannels; o++) {
                int firstInChannel = (o / g.outPerGroup) * g.inPerGroup;
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        double sum = bias == null ? 0 : bias.data()[o];
                        for (int c = 0; c < g.inPerGroup; c++) {
                            for (int i = 0; i < g.kernelH; i++) {
                                int iy = g.sourceRow(oy, i);
                                if (iy < 0) continue;
                                for (int j = 0; j < g.kernelW; j++) {
                                    int ix = g.sourceCol(ox, j);
                                    if (ix < 0) continue;
                                    sum += (double) x[g.inputIndex(n, firstInChannel + c, iy, ix)]
                                            * w[g.weightIndex(o, c, i, j)];
                                }
                            }
                        }
                        y[g.outputIndex(n, o, oy, ox)] = (float) sum;
                    }
                }
            }
        }
        return result;
    }

    /**
     * Gradients of {@link #conv2d} with respect to its input, weight and bias.
     *
     * <p>With a non-zero padding mode, the gradient reaching a padded cell goes to the input cell that
     * was copied there, so edge cells may receive several contributions.
     *
     * @param input      the forward's input {@code [N, inChannels, H, W]}
     * @param weight     the forward's weight {@code [outChannels, inChannels/groups, kernelH, kernelW]}
     * @param gradOutput {@code [N, outChannels, outH, outW]}, the gradient of the loss with respect to the output
     * @return gradInput (input's shape), gradWeight (weight's shape) and gradBias ({@code [outChannels]},
     *     null when {@code !p.bias()})
     * @throws IllegalArgumentException if a shape does not match {@code p} or the forward's output shape
     */
    public static ConvGradients conv2dBackward(Tensor input, Tensor weight, Tensor gradOutput, Conv2dParams p) {
        Check.notNull("params", p);
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        Check.notNull("grad_output", gradOutput);
        int[] outShape = p.outputShape(input.shape());
        weight.requireShape("weight", p.weightShape());
        gradOutput.requireShape("grad_output", outShape);
        ConvGeometry g = ConvGeometry.of(input.shape(), p);
        float[] x = input.data(), w = weight.data(), gy = gradOutput.data();
        double[] gx = new double[x.length], gw = new double[w.length], gb = new double[g.outChannels];
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outChannels; o++) {
                int firstInChannel = (o / g.outPerGroup) * g.inPerGroup;
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        double go = gy[g.outputIndex(n, o, oy, ox)];
                        gb[o] += go;
                        for (int c = 0; c < g.inPerGroup; c++) {
                            for (int i = 0; i < g.kernelH; i++) {
                                int iy = g.sourceRow(oy, i);
                                if (iy < 0) continue;
                                for (int j = 0; j < g.kernelW; j++) {
                                    int ix = g.sourceCol(ox, j);
                                    if (ix < 0) continue;
                                    int xi = g.inputIndex(n, firstInChannel + c, iy, ix);
                                    int wi = g.weightIndex(o, c, i, j);
                                    gx[xi] += go * w[wi];
                                    gw[wi] += go * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new ConvGradients(toTensor(gx, input.shape()), toTensor(gw, weight.shape()),
                p.bias() ? toTensor(gb, g.outChannels) : null);
    }

    /**
     * 2-D transposed convolution (the gradient of {@link #conv2d} with respect to its input, as a layer).
     * Each input cell scatters {@code in[n, c, y, x] * w[c, o, i, j]} to output cell
     * {@code (y*sh - padH + i*dh, x*sw - padW + j*dw)} of output channel {@code g*outPerGroup + o};
     * cells that fall outside the output are dropped. Output padding adds rows at the bottom and columns
     * at the right; cells no input reaches hold only the bias.
     *
     * @param input  {@code [N, inChannels, H, W]}
     * @param weight {@code [inChannels, outChannels/groups, kernelH, kernelW]}
     * @param bias   {@code [outChannels]}, or null exactly when {@code !p.bias()}
     * @return {@code [N, outChannels, outH, outW]} with
     *     {@code out = (in-1)*stride - 2*padding + dilation*(kernel-1) + outputPadding + 1}
     * @throws IllegalArgumentException if a shape does not match {@code p}, bias presence disagrees with
     *     {@code p.bias()}, or the output would be empty
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvTranspose2dParams p) {
        Check.notNull("params", p);
        p.checkInputs(input, weight, bias);
        ConvTransposeGeometry g = ConvTransposeGeometry.of(input.shape(), p);
        float[] x = input.data(), w = weight.data();
        // Tensor.zeros checks the output fits in one array before the loops index it.
        Tensor result = Tensor.zeros(g.outputShape());
        float[] y = result.data();
        // Gathered per output cell (rather than scattered per input cell) so each output is one double sum.
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outChannels; o++) {
                int group = o / g.outPerGroup, oInGroup = o % g.outPerGroup;
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        double sum = bias == null ? 0 : bias.data()[o];
                        for (int c = group * g.inPerGroup; c < (group + 1) * g.inPerGroup; c++) {
                            for (int i = 0; i < g.kernelH; i++) {
                                int iy = g.sourceRow(oy, i);
                                if (iy < 0) continue;
                                for (int j = 0; j < g.kernelW; j++) {
                                    int ix = g.sourceCol(ox, j);
                                    if (ix < 0) continue;
                                    sum += (double) x[g.inputIndex(n, c, iy, ix)] * w[g.weightIndex(c, oInGroup, i, j)];
                                }
                            }
                        }
                        y[g.outputIndex(n, o, oy, ox)] = (float) sum;
                    }
                }
            }
        }
        return result;
    }

    /**
     * Gradients of {@link #convTranspose2d}: gradInput is the convolution of gradOutput with the same
     * weight ({@link ConvTranspose2dParams#adjointConv()}), gradWeight pairs each input cell with the
     * output cells it reached, gradBias sums gradOutput over batch and space.
     *
     * @param input      the forward's input {@code [N, inChannels, H, W]}
     * @param weight     {@code [inChannels, outChannels/groups, kernelH, kernelW]}
     * @param gradOutput {@code [N, outChannels, outH, outW]}
     * @return gradients shaped like input, weight and bias ({@code gradBias} null when {@code !p.bias()})
     * @throws IllegalArgumentException if a shape does not match {@code p} or the forward's output shape
     */
    public static ConvGradients convTranspose2dBackward(Tensor input, Tensor weight, Tensor gradOutput,
                                                        ConvTranspose2dParams p) {
        Check.notNull("params", p);
        Check.notNull("input", input);
        Check.notNull("weight", weight);
        Check.notNull("grad_output", gradOutput);
        int[] outShape = p.outputShape(input.shape());
        weight.requireShape("weight", p.weightShape());
        gradOutput.requireShape("grad_output", outShape);
        ConvTransposeGeometry g = ConvTransposeGeometry.of(input.shape(), p);
        float[] x = input.data(), w = weight.data(), gy = gradOutput.data();
        double[] gx = new double[x.length], gw = new double[w.length], gb = new double[g.outChannels];
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outChannels; o++) {
                int group = o / g.outPerGroup, oInGroup = o % g.outPerGroup;
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        double go = gy[g.outputIndex(n, o, oy, ox)];
                        gb[o] += go;
                        for (int c = group * g.inPerGroup; c < (group + 1) * g.inPerGroup; c++) {
                            for (int i = 0; i < g.kernelH; i++) {
                                int iy = g.sourceRow(oy, i);
                                if (iy < 0) continue;
                                for (int j = 0; j < g.kernelW; j++) {
                                    int ix = g.sourceCol(ox, j);
                                    if (ix < 0) continue;
                                    int xi = g.inputIndex(n, c, iy, ix);
                                    int wi = g.weightIndex(c, oInGroup, i, j);
                                    gx[xi] += go * w[wi];
                                    gw[wi] += go * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new ConvGradients(toTensor(gx, input.shape()), toTensor(gw, weight.shape()),
                p.bias() ? toTensor(gb, g.outChannels) : null);
    }

    private static Tensor toTensor(double[] values, int... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Tensor.wrap(f, shape);
    }
}
